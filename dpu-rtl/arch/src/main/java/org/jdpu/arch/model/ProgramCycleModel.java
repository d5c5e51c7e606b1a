package org.jdpu.arch.model;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts the cycles of a whole program, from the START write to done as the CYCLES register
 * counts them, on a configuration, an AXI configuration and a memory setting, modelling the
 * network engine ({@code org.jdpu.rtl.net.NetTop}) on the simulated DDR ({@code org.jdpu.memory.AxiDdr}).
 *
 * <ul>
 *   <li>Fetch ({@link FetchSim}): bursts of the instruction master, limited by the prefetch
 *       FIFO's credit, the outstanding limit and the DDR's latency and beat gap, on the DDR's own
 *       instruction channel.</li>
 *   <li>Dispatch and queues ({@link QueueTimeline}): decode one per cycle, the FIFOs' latency and
 *       back-pressure, in-order queues, tokens.</li>
 *   <li>LOAD ({@link LoadEngineSim}) and SAVE ({@link SaveEngineSim}): each command simulated
 *       cycle by cycle through the engine's pipeline and its DDR channel (the data master's read
 *       channel for LOAD, its write channel for SAVE; each is used by one queue only, so a command
 *       finds its channel idle, with only the throttle's debt carried over from the previous one).</li>
 *   <li>CONFIG: one register write per cycle, COUNT cycles. CONV: the CTRL write, then the core's
 *       {@link CycleModel#runCycles} busy cycles (its descriptor tracked through the CONFIGs before
 *       it), then done seen: {@code runCycles + 2}. NOP: one cycle.</li>
 * </ul>
 *
 * <p>On the deterministic DDR the prediction equals the RTL's CYCLES exactly, assuming what host
 * software does: the program and every region placed at 4 KiB-aligned addresses (the beat and page
 * boundaries of a transfer depend on them) and a fault-free program.
 */
public final class ProgramCycleModel {
    private ProgramCycleModel() {}

    /** Instructions each queue's FIFO holds, as {@code NetControl} builds them. */
    public static final int QUEUE_DEPTH = 32;
    /** Instructions the prefetch FIFO holds by default ({@code NetControl.DEFAULT_PREFETCH_DEPTH}). */
    public static final int DEFAULT_PREFETCH_DEPTH = 16;
    /** A CONV's cycles beyond the core's run: the CTRL write and the done seen. */
    public static final int CONV_OVERHEAD = 2;
    /** A DMA command's cycles beyond its engine's: issue to the engine, its done pulse. */
    public static final int DMA_OVERHEAD = 2;

    /** The prefetch depth {@code NetControl} builds for {@code a}: the default or one longest burst. */
    public static int prefetchDepth(AxiConfig a) {
        int beatBytes = Math.min(a.dataBytes(), Instruction.BYTES);
        return Math.max(DEFAULT_PREFETCH_DEPTH, (a.burstBeats() * beatBytes + Instruction.BYTES - 1) / Instruction.BYTES);
    }

    /** The schedule of {@code program}: every instruction's decode, start and end, and the total. */
    public static QueueTimeline.Schedule schedule(DpuConfig c, AxiConfig a, MemoryTiming m, List<Instruction> program) {
        Map<Register, Long> regs = new EnumMap<>(Register.class);
        int prefetch = prefetchDepth(a);
        FetchSim fetch = new FetchSim(a, m, program.size(), prefetch);
        DdrChannelSim read = new DdrChannelSim(m, true), write = new DdrChannelSim(m, false);
        QueueTimeline.Costs costs = new QueueTimeline.Costs() {
            @Override
            public long fetched(int index) {
                return fetch.fetched(index);
            }

            @Override
            public void decoded(int index, long cycle) {
                fetch.decoded(index, cycle);
            }

            @Override
            public long duration(int index, Instruction in, long start) {
                return switch (in.opcode()) {
                    case CONFIG -> {
                        track(regs, in);
                        yield in.get(Field.COUNT);
                    }
                    case CONV -> convCycles(c, regs) + CONV_OVERHEAD;
                    case LOAD -> {
                        read.idleUntil(start + 1);
                        yield LoadEngineSim.run(Transfer.of(in, elementBytes(c, in)), a, read) + DMA_OVERHEAD;
                    }
                    case SAVE -> {
                        write.idleUntil(start + 1);
                        yield SaveEngineSim.run(Transfer.of(in, c.ocp()), a, write) + DMA_OVERHEAD;
                    }
                    case NOP -> 1;
                    case END -> 0;
                };
            }
        };
        return QueueTimeline.schedule(program, QUEUE_DEPTH, prefetch, costs);
    }

    /** The predicted cycles from START to done. */
    public static long totalCycles(DpuConfig c, AxiConfig a, MemoryTiming m, List<Instruction> program) {
        return schedule(c, a, m, program).total();
    }

    private static void track(Map<Register, Long> regs, Instruction in) {
        int reg = (int) in.get(Field.REG);
        for (int i = 0; i < in.get(Field.COUNT); i++) {
            for (Register r : Register.values()) {
                if (r.tableSize() == 1 && r.address() == reg + i) regs.put(r, in.get(Field.VALUES[i]));
            }
        }
    }

    /** The core's cycles for the run the tracked registers describe. */
    static long convCycles(DpuConfig c, Map<Register, Long> regs) {
        long tiles = regs.getOrDefault(Register.OUT_ROWS, 1L) * regs.getOrDefault(Register.PIX_GROUPS, 1L)
                * regs.getOrDefault(Register.OC_GROUPS, 1L);
        long steps = regs.getOrDefault(Register.KERNEL_H, 1L) * regs.getOrDefault(Register.KERNEL_W, 1L)
                * regs.getOrDefault(Register.IC_GROUPS, 1L);
        return CycleModel.runCycles(c, Math.max(1, tiles), (int) Math.max(1, steps));
    }

    static int elementBytes(DpuConfig c, Instruction in) {
        return in.get(Field.TARGET) == LoadTarget.BIAS.code() ? 4 : c.icp();
    }
}
