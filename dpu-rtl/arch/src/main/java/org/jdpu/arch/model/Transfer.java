package org.jdpu.arch.model;

import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;

/**
 * What a LOAD or SAVE moves, as its engine walks it: the region's base address (the model assumes
 * a 4 KiB-aligned one, as host software places regions), the loops and the element size in bytes.
 */
record Transfer(long base, long offset, long n0, long n1, long s0, long s1, int elementBytes) {
    static Transfer of(Instruction in, int elementBytes) {
        return new Transfer(0, in.get(Field.OFFSET), in.get(Field.N0), in.get(Field.N1), in.signed32(Field.S0),
                in.signed32(Field.S1), elementBytes);
    }

    long elements() {
        return n0 * n1;
    }
}
