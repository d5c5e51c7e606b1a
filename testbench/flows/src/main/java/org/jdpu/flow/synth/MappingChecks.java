package org.jdpu.flow.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether synthesis mapped the design the way an accelerator must be mapped: every multiply in a
 * DSP slice, every memory in block RAM (or UltraRAM), no latches, and Yosys {@code check} clean.
 *
 * @param multipliers      {@code $mul} cells before DSP mapping
 * @param softMultipliers  {@code $mul} cells left for LUTs after DSP mapping
 * @param memories         inferred memories ({@code $mem_v2}) before memory mapping
 * @param memoriesInFlipFlops memories left to be built from flip-flops after memory mapping
 * @param lutRamPrimitives distributed-RAM primitives made by memory mapping
 * @param blockRamPrimitives RAMB18/RAMB36/URAM primitives made by memory mapping
 * @param latches          latch bits in the mapped netlist (LDCE/LDPE)
 * @param checkProblems    problems Yosys {@code check} reported, one line each
 */
public record MappingChecks(long multipliers, long softMultipliers, long memories, long memoriesInFlipFlops,
                            long lutRamPrimitives, long blockRamPrimitives, long latches, List<String> checkProblems) {

    public MappingChecks {
        checkProblems = List.copyOf(checkProblems);
    }

    /**
     * @param premap statistics before DSP mapping
     * @param dsp    after DSP mapping (multiplies that remain are built from LUTs)
     * @param coarse after coarse synthesis (memories collected into {@code $mem_v2})
     * @param memory after memory mapping ({@code $mem_v2} that remain become flip-flops)
     * @param fin    the mapped netlist
     */
    static MappingChecks of(CellCounts premap, CellCounts dsp, CellCounts coarse, CellCounts memory, CellCounts fin,
                            List<String> checkProblems) {
        long blockRams = memory.sum(t -> XilinxCells.isBlockRam36(t) || XilinxCells.isBlockRam18(t) || XilinxCells.isUltraRam(t));
        long latches = fin.sum(XilinxCells::isGenericLatch) + fin.sum(XilinxCells::isLatch);
        return new MappingChecks(premap.get("$mul"), dsp.get("$mul"), coarse.get("$mem_v2"), memory.get("$mem_v2"),
                memory.sum(XilinxCells::isLutRam), blockRams, latches, checkProblems);
    }

    /** What is wrong, one sentence each; empty when the mapping is clean. */
    public List<String> violations() {
        List<String> v = new ArrayList<>();
        if (!checkProblems.isEmpty()) v.add("Yosys check reported " + checkProblems.size() + " problem(s): " + checkProblems.getFirst());
        if (latches > 0) v.add(latches + " latch(es) inferred");
        if (softMultipliers > 0) v.add(softMultipliers + " of " + multipliers + " multiplies built from LUTs instead of DSP slices");
        if (memoriesInFlipFlops > 0) v.add(memoriesInFlipFlops + " of " + memories + " memories built from flip-flops instead of block RAM");
        if (lutRamPrimitives > 0) v.add(lutRamPrimitives + " distributed-RAM (LUT) primitives used for memories instead of block RAM");
        return v;
    }

    public boolean clean() {
        return violations().isEmpty();
    }
}
