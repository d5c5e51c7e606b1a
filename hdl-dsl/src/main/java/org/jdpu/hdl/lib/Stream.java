package org.jdpu.hdl.lib;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.Data;
import org.jdpu.hdl.UInt;

import java.util.function.Supplier;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * A ready/valid stream, seen from its source: {@code data} (a number of any width, or any bundle
 * or vector) and {@code valid} run with the bundle, {@code ready} runs against it. One word moves
 * on every clock edge where {@link #fire()} is high; the source must hold data and valid until
 * then, the sink may raise ready whenever it likes. Bound as an output it is a module's outgoing
 * stream; bound as an input (the flipped view) an incoming one, with {@code ready} an output.
 * Verilog names are {@code <port>_data[_...]}, {@code <port>_valid}, {@code <port>_ready}.
 *
 * @param <T> the payload type
 */
public final class Stream<T extends Data> extends Bundle {
    public final T data;
    public final Bool valid;
    public final Bool ready;
    private final Supplier<? extends T> payload;

    /** A stream whose payload prototypes {@code payload} makes, e.g. {@code () -> new Pixel()}. */
    public Stream(Supplier<? extends T> payload) {
        this.payload = payload;
        data = field("data", payload.get());
        valid = field("valid", bool());
        ready = flipped("ready", bool());
    }

    /** A stream of {@code width}-bit unsigned words. */
    public static Stream<UInt> ofWidth(int width) {
        return new Stream<>(() -> uint(width));
    }

    /** A new unbound stream with the same payload shape (for another port, a register, a Vec). */
    public Stream<T> fresh() {
        return new Stream<>(payload);
    }

    /** A new unbound prototype of the payload, e.g. for a register holding one word. */
    public T payloadPrototype() {
        return payload.get();
    }

    /** valid &amp; ready: a word moves on this clock edge. */
    public Bool fire() {
        return valid.and(ready);
    }
}
