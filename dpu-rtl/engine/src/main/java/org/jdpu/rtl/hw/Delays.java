package org.jdpu.rtl.hw;

import org.jdpu.hdl.Signal;

import static org.jdpu.hdl.Hdl.regNext;

/** Register chains: the skew, alignment and deskew lines of the engine are all built from these. */
final class Delays {
    private Delays() {}

    /** {@code s} delayed by {@code n} registers named {@code name_1 .. name_n} (no reset). */
    static <S extends Signal> S delay(String name, S s, int n) {
        S cur = s;
        for (int i = 1; i <= n; i++) cur = regNext(name + "_" + i, cur);
        return cur;
    }

    /** {@code s} delayed by {@code n} registers that reset to 0: for valid and control bits. */
    static <S extends Signal> S delayReset(String name, S s, int n) {
        S cur = s;
        for (int i = 1; i <= n; i++) cur = regNext(name + "_" + i, cur, 0);
        return cur;
    }
}
