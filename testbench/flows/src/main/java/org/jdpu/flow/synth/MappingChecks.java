package org.jdpu.flow.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether synthesis mapped the design the way an accelerator must be mapped: every multiply in a
 * DSP slice, every buffer in block RAM (or UltraRAM), no latches, and Yosys {@code check} clean.
 * The one exception to block RAM is a FIFO's storage (the hdl-dsl {@code Fifo}'s memory
 * {@code ram}: the network engine's instruction queues and DMA FIFOs, a few dozen entries each):
 * distributed RAM is where Vivado puts such shallow memories too, and a 36 Kb block per queue
 * would waste far more than it saves.
 *
 * @param multipliers      {@code $mul} cells before DSP mapping
 * @param softMultipliers  {@code $mul} cells left for LUTs after DSP mapping
 * @param memories         inferred memories ({@code $mem_v2}) before memory mapping
 * @param memoriesInFlipFlops memories left to be built from flip-flops after memory mapping
 * @param lutRamPrimitives distributed-RAM primitives made by memory mapping
 * @param blockRamPrimitives RAMB18/RAMB36/URAM primitives made by memory mapping
 * @param latches          latch bits in the mapped netlist (LDCE/LDPE)
 * @param checkProblems    problems Yosys {@code check} reported, one line each
 * @param lutRamMemories   memories Yosys mapped to distributed RAM, by hierarchical name
 */
public record MappingChecks(long multipliers, long softMultipliers, long memories, long memoriesInFlipFlops,
                            long lutRamPrimitives, long blockRamPrimitives, long latches, List<String> checkProblems,
                            List<String> lutRamMemories) {

    /** {@code memory_libmap}'s log line for each memory it maps. */
    private static final Pattern MAPPED = Pattern.compile("mapping memory (\\S+) via (\\S+)");

    public MappingChecks {
        checkProblems = List.copyOf(checkProblems);
        // Reports written before this field existed read back with none.
        lutRamMemories = lutRamMemories == null ? List.of() : List.copyOf(lutRamMemories);
    }

    /** The memories of a Yosys log that {@code memory_libmap} put in distributed RAM (the log is streamed: it can be large). */
    static List<String> lutRamMemories(java.nio.file.Path log) {
        List<String> out = new ArrayList<>();
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            lines.filter(l -> l.startsWith("mapping memory ")).forEach(l -> {
                Matcher m = MAPPED.matcher(l);
                if (m.matches() && m.group(2).contains("LUTRAM")) out.add(m.group(1));
            });
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new org.jdpu.flow.FlowException("cannot read the Yosys log " + log + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** True for the storage of a FIFO (the hdl-dsl {@code Fifo}'s memory is named {@code ram}). */
    static boolean isFifo(String memory) {
        return memory.endsWith(".ram");
    }

    /** Memories in distributed RAM that are not FIFOs: buffers that should be in block RAM. */
    public List<String> buffersInLutRam() {
        return lutRamMemories.stream().filter(m -> !isFifo(m)).toList();
    }

    /**
     * @param premap statistics before DSP mapping
     * @param dsp    after DSP mapping (multiplies that remain are built from LUTs)
     * @param coarse after coarse synthesis (memories collected into {@code $mem_v2})
     * @param memory after memory mapping ({@code $mem_v2} that remain become flip-flops)
     * @param fin    the mapped netlist
     */
    static MappingChecks of(CellCounts premap, CellCounts dsp, CellCounts coarse, CellCounts memory, CellCounts fin,
                            List<String> checkProblems, List<String> lutRamMemories) {
        long blockRams = memory.sum(t -> XilinxCells.isBlockRam36(t) || XilinxCells.isBlockRam18(t) || XilinxCells.isUltraRam(t));
        long latches = fin.sum(XilinxCells::isGenericLatch) + fin.sum(XilinxCells::isLatch);
        return new MappingChecks(premap.get("$mul"), dsp.get("$mul"), coarse.get("$mem_v2"), memory.get("$mem_v2"),
                memory.sum(XilinxCells::isLutRam), blockRams, latches, checkProblems, lutRamMemories);
    }

    /** What is wrong, one sentence each; empty when the mapping is clean. */
    public List<String> violations() {
        List<String> v = new ArrayList<>();
        if (!checkProblems.isEmpty()) v.add("Yosys check reported " + checkProblems.size() + " problem(s): " + checkProblems.getFirst());
        if (latches > 0) v.add(latches + " latch(es) inferred");
        if (softMultipliers > 0) v.add(softMultipliers + " of " + multipliers + " multiplies built from LUTs instead of DSP slices");
        if (memoriesInFlipFlops > 0) v.add(memoriesInFlipFlops + " of " + memories + " memories built from flip-flops instead of block RAM");
        List<String> buffers = buffersInLutRam();
        boolean onlyFifos = !lutRamMemories.isEmpty() && buffers.isEmpty();
        if (lutRamPrimitives > 0 && !onlyFifos) {
            v.add(lutRamPrimitives + " distributed-RAM (LUT) primitives used for memories instead of block RAM"
                    + (buffers.isEmpty() ? "" : " (" + String.join(", ", buffers) + ")"));
        }
        return v;
    }

    public boolean clean() {
        return violations().isEmpty();
    }
}
