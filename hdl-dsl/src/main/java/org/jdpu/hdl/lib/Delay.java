package org.jdpu.hdl.lib;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Signal;

import java.util.ArrayList;
import java.util.List;

import static org.jdpu.hdl.Hdl.regEnable;
import static org.jdpu.hdl.Hdl.regNext;

/**
 * Delay lines and shift registers, built into the module under construction: {@code n}
 * registers in a row named {@code <name>_1 .. <name>_n}, so the value appears exactly {@code n}
 * cycles (or, with an enable, {@code n} enabled cycles) after it entered. {@code n = 0} is a
 * wire. Data registers usually need no reset; valid and control bits use the resetting forms so
 * that nothing stale comes out of the line after reset.
 */
public final class Delay {
    private Delay() {}

    /** {@code s} delayed by {@code n} registers without reset. */
    public static <S extends Signal> S of(String name, S s, int n) {
        return line(name, s, n).getLast();
    }

    /** {@code s} delayed by {@code n} registers that reset to {@code init}. */
    public static <S extends Signal> S withReset(String name, S s, int n, long init) {
        S cur = s;
        for (int i = 1; i <= checked(n); i++) {
            cur = regNext(name + "_" + i, cur, init);
        }
        return cur;
    }

    /** A shift register of {@code n} stages without reset that shifts on cycles where {@code enable} is high. */
    public static <S extends Signal> S enabled(String name, S s, int n, Bool enable) {
        S cur = s;
        for (int i = 1; i <= checked(n); i++) {
            cur = regEnable(name + "_" + i, cur, enable);
        }
        return cur;
    }

    /** Every tap of an {@code n}-stage delay line without reset: element i is {@code s} delayed by i (element 0 is s). */
    public static <S extends Signal> List<S> line(String name, S s, int n) {
        List<S> taps = new ArrayList<>(checked(n) + 1);
        taps.add(s);
        for (int i = 1; i <= n; i++) {
            taps.add(regNext(name + "_" + i, taps.getLast()));
        }
        return taps;
    }

    private static int checked(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a delay cannot be negative, got " + n);
        }
        return n;
    }
}
