package org.jdpu.iss;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.InstructionFormatException;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.model.CycleModel;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long the longest core run of a program could take, found without executing it: the
 * CONFIGs are followed in program order (the CONV queue is in order, so each CONV sees the
 * registers the CONFIGs before it left), and every CONV whose kernel sizes and loop counts are
 * set is costed with {@link CycleModel#runCycles}. A run with valid but large counts is a legal
 * run that may take hours of simulation (OUT_ROWS = 127, 127 pixel groups and a 16x16 kernel on a
 * small configuration), not a hang; tests that mutate programs at random use this bound to keep
 * their runs short. The walk stops where the program would stop at the latest: at END, at an
 * instruction that does not decode, at a CONFIG the engine refuses, or at INSTR_COUNT. It is an
 * upper bound: an earlier fault or a CONV that is refused only shortens the program. The core
 * keeps its registers from one program to the next, so the bound remembers the largest value
 * each earlier program may have left in them.
 */
public final class CoreRunBound {
    private final DpuConfig config;
    private final EngineWidths widths;
    /** Per range-checked register, the largest value any program so far may have left in it. */
    private final Map<Register, Long> largestLeft = new EnumMap<>(Register.class);

    /** A bound for an engine just out of reset (no descriptor register written). */
    public CoreRunBound(DpuConfig c) {
        this.config = c;
        this.widths = EngineWidths.of(c);
    }

    /**
     * Cycles of the longest run the first {@code count} instructions of {@code words} could start
     * (0 if none), on an engine that ran the programs {@link #ran} was told of before. A register
     * this program has not written yet holds at most the largest value an earlier one wrote.
     */
    public long longestRun(int[] words, long count) {
        return walk(words, count, null);
    }

    /** Records that the engine ran (part of) this program: its writes may be left in the registers. */
    public void ran(int[] words, long count) {
        walk(words, count, largestLeft);
    }

    private long walk(int[] words, long count, Map<Register, Long> record) {
        Map<Register, Long> regs = new EnumMap<>(largestLeft);
        long longest = 0;
        long n = Math.min(count, words.length / Instruction.WORDS);
        for (int i = 0; i < n; i++) {
            Instruction in;
            try {
                in = Instruction.decode(Arrays.copyOfRange(words, i * Instruction.WORDS, (i + 1) * Instruction.WORDS));
            } catch (InstructionFormatException e) {
                break;
            }
            if (in.opcode() == Opcode.END) break;
            if (in.opcode() == Opcode.CONFIG) {
                if (!configure(in, regs)) break;
                if (record != null) regs.forEach((r, v) -> record.merge(r, v, Math::max));
            } else if (in.opcode() == Opcode.CONV && regs.size() == Register.rangeCheckedRegisters().size()) {
                long tiles = regs.get(Register.OC_GROUPS) * regs.get(Register.OUT_ROWS) * regs.get(Register.PIX_GROUPS);
                long steps = regs.get(Register.KERNEL_H) * regs.get(Register.KERNEL_W) * regs.get(Register.IC_GROUPS);
                longest = Math.max(longest, CycleModel.runCycles(config, tiles, Math.toIntExact(steps)));
            }
        }
        return longest;
    }

    /** Thrown to leave an element walk early. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    /**
     * Elements the longest LOAD or SAVE among the first {@code count} instructions moves before it
     * faults (region bound or buffer range, as {@link Iss} checks them) or ends, counted up to
     * {@code cap} (a larger answer means "more than cap"). A LOAD with large loop counts whose
     * steps are 0 never leaves its region: a legal DMA of up to 2^32 elements, as long in the
     * simulation as a hang.
     *
     * @param bounds BOUND of each region as the engine will have it
     */
    public long longestDma(int[] words, long count, long[] bounds, long cap) {
        long longest = 0;
        long n = Math.min(count, words.length / Instruction.WORDS);
        for (int i = 0; i < n; i++) {
            Instruction in;
            try {
                in = Instruction.decode(Arrays.copyOfRange(words, i * Instruction.WORDS, (i + 1) * Instruction.WORDS));
            } catch (InstructionFormatException e) {
                break;
            }
            if (in.opcode() == Opcode.END) break;
            if (in.opcode() != Opcode.LOAD && in.opcode() != Opcode.SAVE) continue;
            boolean load = in.opcode() == Opcode.LOAD;
            LoadTarget target = load ? LoadTarget.values()[(int) in.get(Field.TARGET)] : null;
            int bytes = !load ? config.ocp() : target == LoadTarget.BIAS ? 4 : config.icp();
            long bound = bounds[(int) in.get(Field.REGION)];
            long[] moved = {0};
            try {
                Iss.forEachElement(in, (off, idx) -> {
                    boolean inside = off + bytes <= bound
                            && (load ? Iss.inBuffer(config, target, idx) : idx < config.outputDepth());
                    if (!inside || ++moved[0] > cap) throw new Enough();
                });
            } catch (Enough e) {
                // faulted, or past the cap
            }
            longest = Math.max(longest, moved[0]);
        }
        return longest;
    }

    /** Applies a CONFIG to the range-checked registers; false if the engine refuses it. */
    private boolean configure(Instruction in, Map<Register, Long> regs) {
        int reg = (int) in.get(Field.REG);
        long n = in.get(Field.COUNT);
        for (int k = 0; k < n; k++) {
            Register r = OnChipBuffers.writable(reg + k);
            if (r == null) return false;
            Register.ValueRange allowed = r.allowed(widths);
            if (allowed != null && !allowed.contains(in.get(Field.VALUES[k]))) return false;
        }
        for (int k = 0; k < n; k++) {
            Register r = OnChipBuffers.writable(reg + k);
            if (r.rangeChecked()) regs.put(r, in.get(Field.VALUES[k]));
        }
        return true;
    }
}
