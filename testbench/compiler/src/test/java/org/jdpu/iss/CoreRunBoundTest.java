package org.jdpu.iss;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.model.CycleModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The longest-run bound follows the CONFIGs in order, stops where the engine would, and remembers earlier programs. */
class CoreRunBoundTest {
    private static final DpuConfig C = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32");

    private static int[] words(List<Instruction> p) {
        int[] all = new int[p.size() * Instruction.WORDS];
        for (int i = 0; i < p.size(); i++) System.arraycopy(p.get(i).encode(), 0, all, i * Instruction.WORDS, Instruction.WORDS);
        return all;
    }

    private static final Instruction SMALL = Instruction.config(Register.OUT_ROWS.address(), 2, 5, 2, 1, 3, 3);
    private static final Instruction IC = Instruction.config(Register.IC_GROUPS.address(), 2);
    private static final Instruction BIG = Instruction.config(Register.OUT_ROWS.address(), 127, 5, 127, 31, 16, 16);

    @Test
    void costsEachConvWithTheRegistersBeforeIt() {
        int[] p = words(List.of(SMALL, IC, Instruction.conv(), BIG, Instruction.end(), Instruction.conv()));
        CoreRunBound b = new CoreRunBound(C);
        assertEquals(CycleModel.runCycles(C, 4, 18), b.longestRun(p, 6), "the CONV after END is never reached");
        int[] q = words(List.of(SMALL, IC, Instruction.conv(), BIG, Instruction.conv(), Instruction.end()));
        assertEquals(CycleModel.runCycles(C, 127L * 127 * 31, 16 * 16 * 2), b.longestRun(q, 6));
        assertEquals(CycleModel.runCycles(C, 4, 18), b.longestRun(q, 4), "INSTR_COUNT 4 stops before the big CONV");
        int[] refused = words(List.of(SMALL, IC, Instruction.config(Register.KERNEL_H.address(), 0), Instruction.conv(),
                Instruction.end()));
        assertEquals(0, b.longestRun(refused, 5), "the fault stops the program before its CONV");
        assertEquals(0, b.longestRun(words(List.of(Instruction.conv(), Instruction.end())), 2), "nothing written since reset");
    }

    @Test
    void registersLeftByEarlierProgramsCountWithTheirLargestValue() {
        CoreRunBound b = new CoreRunBound(C);
        b.ran(words(List.of(BIG, IC, SMALL, Instruction.end())), 4);
        // OUT_ROWS..KERNEL_W are rewritten small; IC_GROUPS is left at 2; nothing else is known
        int[] p = words(List.of(Instruction.conv(), Instruction.end()));
        assertEquals(CycleModel.runCycles(C, 127L * 127 * 31, 16 * 16 * 2), b.longestRun(p, 2),
                "a program that stopped early may have left the big values");
        int[] q = words(List.of(SMALL, Instruction.conv(), Instruction.end()));
        assertEquals(CycleModel.runCycles(C, 4, 18), b.longestRun(q, 3));
    }
}
