package org.jdpu.hdl.lib;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.UInt;

import java.math.BigInteger;
import java.util.function.Function;

import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.mux;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.when;

/**
 * A wrapping counter built into the module under construction: one register {@code <name>},
 * reset to 0, that counts 0, 1, ..., last, 0, ... advancing on every cycle where {@code enable}
 * is high. {@code wrap} ({@code <name>_wrap}) is high in the cycle the counter holds {@code last}
 * and is enabled, i.e. during the cycle whose clock edge takes it back to 0; it is combinational
 * from the register and the enable, so a counter chained on {@code wrap} advances on that same
 * edge.
 *
 * @param value the count register
 * @param wrap  enable &amp; (value == last)
 */
public record Counter(UInt value, Bool wrap) {

    /** Counts 0 .. {@code last} (a constant, at least 0) in a register just wide enough for {@code last}. */
    public static Counter upTo(String name, long last, Bool enable) {
        if (last < 0) {
            throw new IllegalArgumentException("a counter's last value cannot be negative, got " + last);
        }
        int width = Math.max(1, BigInteger.valueOf(last).bitLength());
        return build(name, width, enable, value -> value.eq(last));
    }

    /** Counts 0 .. {@code last}, a hardware value sampled every cycle; the register is as wide as {@code last}. */
    public static Counter upTo(String name, UInt last, Bool enable) {
        return build(name, last.width(), enable, value -> value.eq(last));
    }

    private static Counter build(String name, int width, Bool enable,
            Function<UInt, Bool> atLast) {
        UInt value = regInit(name, uint(width), 0);
        Bool last = atLast.apply(value);
        Bool wrap = enable.and(last).named(name + "_wrap");
        when(enable, () -> value.assign(mux(last, U(0, width), value.addWrap(1))));
        return new Counter(value, wrap);
    }
}
