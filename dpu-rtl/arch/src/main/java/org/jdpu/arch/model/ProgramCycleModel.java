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
 *   <li>LOAD ({@link LoadEngineSim}) and SAVE ({@link SaveEngineSim}): each engine and its
 *       channel of the data master (read, write) simulated cycle by cycle over the whole stream of
 *       its commands, since commands overlap in the engines: a started LOAD or SAVE is issued (and
 *       leaves its queue) in the first cycle after its start in which the engine takes it and
 *       fewer than {@link #DMA_IN_FLIGHT} of its queue are in flight; it finishes at its done
 *       pulse.</li>
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
    /** LOAD or SAVE commands in flight at most ({@code NetControl.DMA_IN_FLIGHT}). */
    public static final int DMA_IN_FLIGHT = 8;

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
        LoadEngineSim load = new LoadEngineSim(a, read);
        SaveEngineSim save = new SaveEngineSim(a, write);
        InFlight loads = new InFlight(), saves = new InFlight();
        QueueTimeline.Costs costs = new QueueTimeline.Costs() {
            @Override
            public QueueTimeline.Execution execute(int index, Instruction in, long start) {
                return switch (in.opcode()) {
                    case LOAD -> {
                        // The head is active from start + 1; the engine takes it from then on.
                        long l = load.accept(loads.room(start + 1), Transfer.of(in, elementBytes(c, in)));
                        yield loads.add(l, load.doneCycle(loads.issued()));
                    }
                    case SAVE -> {
                        long l = save.accept(saves.room(start + 1), Transfer.of(in, c.ocp()));
                        yield saves.add(l, save.doneCycle(saves.issued()));
                    }
                    default -> QueueTimeline.Costs.super.execute(index, in, start);
                };
            }

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
                    case LOAD, SAVE -> throw new IllegalStateException("LOAD and SAVE are pipelined");
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

    /**
     * The commands of one DMA queue in flight: a command can be issued only once fewer than
     * {@link #DMA_IN_FLIGHT} earlier ones are unfinished (the slot frees the cycle after a finish).
     */
    private static final class InFlight {
        private final java.util.ArrayList<Long> finishes = new java.util.ArrayList<>();

        long room(long t) {
            int k = finishes.size();
            return k >= DMA_IN_FLIGHT ? Math.max(t, finishes.get(k - DMA_IN_FLIGHT) + 1) : t;
        }

        int issued() {
            return finishes.size();
        }

        QueueTimeline.Execution add(long leave, long finish) {
            finishes.add(finish);
            return new QueueTimeline.Execution(leave, finish);
        }
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
