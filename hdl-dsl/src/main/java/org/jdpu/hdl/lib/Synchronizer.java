package org.jdpu.hdl.lib;

import org.jdpu.hdl.Bool;

import static org.jdpu.hdl.Hdl.regNext;
import static org.jdpu.hdl.Hdl.synchronizerStage;

/**
 * Brings a single bit from an unrelated clock domain into the current one (the domain of the
 * module, or of the enclosing {@code inDomain} block): a chain of registers without reset named
 * {@code <name>_1 .. <name>_n}, the first of which is the only register the crossing check lets
 * sample a foreign domain. Only a {@link Bool} can be synchronised this way: the bits of a wider
 * value could settle in different cycles, so words need a handshake or a dual-clock FIFO.
 */
public final class Synchronizer {
    /** Two stages: the usual choice below about 500 MHz. */
    public static final int DEFAULT_STAGES = 2;

    private Synchronizer() {}

    /** {@code in} synchronised through {@link #DEFAULT_STAGES} registers of the current domain. */
    public static Bool bit(String name, Bool in) {
        return bit(name, in, DEFAULT_STAGES);
    }

    /** {@code in} synchronised through {@code stages} (at least 2) registers of the current domain. */
    public static Bool bit(String name, Bool in, int stages) {
        if (stages < 2) {
            throw new IllegalArgumentException("a synchroniser needs at least 2 stages, got " + stages);
        }
        Bool cur = synchronizerStage(name + "_1", in);
        for (int i = 2; i <= stages; i++) {
            cur = regNext(name + "_" + i, cur);
        }
        return cur;
    }
}
