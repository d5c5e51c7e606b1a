package org.jdpu.hdl.lib;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Data;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;

import java.util.function.Supplier;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.reg;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.when;

/**
 * A two-entry skid buffer: a pipeline register for a ready/valid {@link Stream} that cuts every
 * combinational path between its sides. {@code out.valid}, {@code out.data} and {@code in.ready}
 * all come straight from registers. A word accepted on {@code in} appears on {@code out} one
 * cycle later; while {@code out} is not stalled one word passes every cycle (full throughput).
 * When {@code out} stalls, the word arriving in that cycle is caught in the second ("skid")
 * register and {@code in.ready} drops in the next cycle; the skid word goes out first once
 * {@code out} moves again.
 *
 * @param <T> the payload type
 */
public final class SkidBuffer<T extends Data> extends HwModule {
    public final Stream<T> in;
    public final Stream<T> out;

    /** A skid buffer for payloads shaped like those {@code payload} makes. */
    public SkidBuffer(Supplier<? extends T> payload) {
        in = input("in", new Stream<T>(payload));
        out = output("out", new Stream<T>(payload));
        Bool outValid = regInit("out_valid", bool(), 0);
        T outData = reg("out_data", payload.get());
        Bool skidValid = regInit("skid_valid", bool(), 0);
        T skidData = reg("skid_data", payload.get());

        when(out.ready.or(outValid.not()), () -> {
            when(skidValid, () -> {
                outData.assign(skidData);
                outValid.assign(1);
                skidValid.assign(0);
            }).otherwise(() -> {
                outData.assign(in.data);
                outValid.assign(in.valid);
            });
        }).elseWhen(in.valid.and(skidValid.not()), () -> {
            skidData.assign(in.data);
            skidValid.assign(1);
        });
        in.ready.assign(skidValid.not());
        out.valid.assign(outValid);
        out.data.assign(outData);
    }

    /** A skid buffer of {@code width}-bit words. */
    public static SkidBuffer<UInt> ofWidth(int width) {
        return new SkidBuffer<>(() -> uint(width));
    }

    @Override
    protected String moduleName() {
        return "skid_buffer_w" + in.data.width();
    }
}
