package org.jdpu.arch.model;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts the cycles of a whole program on a configuration and a memory setting: the queues'
 * overlap and their token waits come from {@link QueueTimeline}, the time of each instruction from
 * what it moves or computes. A CONV costs exactly the core's {@link CycleModel#runCycles} (its
 * descriptor is tracked through the CONFIG instructions before it) plus the start and done
 * handshake; a CONFIG one cycle per register; a LOAD or SAVE its AXI beats (consecutive elements
 * sharing a beat read it once) or its elements, whichever is slower at one per cycle, plus the DDR
 * latency and the burst pipeline's fill; the fetch unit delivers one instruction per
 * {@code 32 / data bytes} cycles after the first read's latency.
 */
public final class ProgramCycleModel {
    private ProgramCycleModel() {}

    /** Handshake of a CONV: the start write, the core's busy seen, its done seen. */
    public static final int CONV_OVERHEAD = 4;
    /** A CONFIG's decode and issue beyond its register writes. */
    public static final int CONFIG_OVERHEAD = 1;
    /** A LOAD's walker, burst former and assembler pipeline beyond the data's transfer. */
    public static final int LOAD_OVERHEAD = 6;
    /** A SAVE's output-buffer read, packing and burst buffering beyond the data's transfer. */
    public static final int SAVE_OVERHEAD = 6;
    /** From START to the first instruction request, and from the last instruction's end to done. */
    public static final int START_OVERHEAD = 3, DONE_OVERHEAD = 2;
    /** Instructions each queue's FIFO holds, as {@code NetControl} builds them. */
    public static final int QUEUE_DEPTH = 32;

    /** The schedule of {@code program}: every instruction's start and end, and the total. */
    public static QueueTimeline.Schedule schedule(DpuConfig c, AxiConfig a, MemoryTiming m, List<Instruction> program) {
        Map<Register, Long> regs = new EnumMap<>(Register.class);
        int beatsPerInstruction = Math.max(1, Instruction.BYTES / a.dataBytes());
        long firstFetch = START_OVERHEAD + m.readLatency();
        QueueTimeline.Costs costs = new QueueTimeline.Costs() {
            @Override
            public long duration(int index, Instruction in, long start) {
                return switch (in.opcode()) {
                    case CONFIG -> {
                        track(regs, in);
                        yield in.get(Field.COUNT) + CONFIG_OVERHEAD;
                    }
                    case CONV -> convCycles(c, regs) + CONV_OVERHEAD;
                    case LOAD -> transfer(in, elementBytes(c, in), a, m, false);
                    case SAVE -> transfer(in, c.ocp(), a, m, true);
                    case NOP -> 1;
                    case END -> 0;
                };
            }

            @Override
            public long dispatch(int index, long previous) {
                return Math.max(previous + 1, firstFetch + (long) (index + 1) * beatsPerInstruction);
            }
        };
        return QueueTimeline.schedule(program, QUEUE_DEPTH, DONE_OVERHEAD, costs);
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

    /** Cycles of a LOAD or SAVE: beats or elements at one per cycle, whichever is slower, plus latency and fill. */
    static long transfer(Instruction in, int bytes, AxiConfig a, MemoryTiming m, boolean write) {
        long n0 = in.get(Field.N0), n1 = in.get(Field.N1);
        if (n0 == 0 || n1 == 0) return 1;
        long beats = beats(in, bytes, a.dataBytes());
        double perBeat = m.cyclesPerBeat();
        long stream = Math.max(n0 * n1, (long) Math.ceil(beats * perBeat));
        return write ? stream + SAVE_OVERHEAD + Math.min(a.burstBeats(), beats) + m.writeLatency()
                : stream + LOAD_OVERHEAD + Math.min(a.burstBeats(), beats) + m.readLatency();
    }

    /** AXI beats the elements need, a beat shared by consecutive elements counted once. */
    static long beats(Instruction in, int bytes, int beatBytes) {
        long n0 = in.get(Field.N0), n1 = in.get(Field.N1);
        long off = in.get(Field.OFFSET), s0 = in.signed32(Field.S0), s1 = in.signed32(Field.S1);
        long beats = 0, last = Long.MIN_VALUE;
        for (long i1 = 0; i1 < n1; i1++) {
            for (long i0 = 0; i0 < n0; i0++) {
                long a = (off + i0 * s0 + i1 * s1) & 0xFFFFFFFFL;
                long first = a / beatBytes, end = (a + bytes - 1) / beatBytes;
                beats += end - first + 1 - (first == last ? 1 : 0);
                last = end;
            }
        }
        return beats;
    }
}
