package org.jdpu.runtime;

import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Instruction;

/**
 * Where a run puts a program in the simulated DDR: the instructions first, then each region at its
 * own 4 KiB-aligned base, in region order, with a guard page between neighbours so an access past a
 * region's end would land in unused memory. The program itself never sees these addresses (it
 * names regions), so any placement works; this one is what host software would do with one
 * contiguous buffer.
 */
public record DdrMap(long instructionBase, long[] regionBase, long[] regionSize, long end) {
    public static final long PAGE = 4096;

    /** Places {@code instructions} instructions and regions of the given sizes from {@code start} on. */
    public static DdrMap place(long start, int instructions, long[] sizes) {
        if (sizes.length > ControlRegister.REGIONS) throw new IllegalArgumentException("at most 8 regions");
        long at = align(start);
        long instr = at;
        at = align(at + (long) instructions * Instruction.BYTES) + PAGE;
        long[] base = new long[ControlRegister.REGIONS];
        long[] size = new long[ControlRegister.REGIONS];
        for (int r = 0; r < sizes.length; r++) {
            base[r] = at;
            size[r] = sizes[r];
            at = align(at + sizes[r]) + PAGE;
        }
        return new DdrMap(instr, base, size, at);
    }

    private static long align(long a) {
        return (a + PAGE - 1) / PAGE * PAGE;
    }
}
