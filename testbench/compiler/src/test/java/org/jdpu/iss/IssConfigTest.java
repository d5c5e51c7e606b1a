package org.jdpu.iss;

import org.jdpu.arch.ActivationKind;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Instruction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CONFIG's value handling and the CONV rules the golden comparison cannot reach (shift-mode layers
 * always pad with 0 and never use a zero count): PAD_VALUE on padded lanes, output-address wrap,
 * width tails dropped, a kernel the core cannot finish or a zero count refused (BAD_REGISTER), a
 * CONV on registers never written refused.
 */
class IssConfigTest {
    private static final DpuConfig C = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=16");
    private static final EngineWidths W = EngineWidths.of(C);

    @Test
    void configKeepsTheLowBitsSignExtendedForSignedRegisters() {
        List<Instruction> prog = List.of(
                Instruction.config(Register.ROW_ORIGIN.address(), 0xFFFFFFFFL),
                Instruction.config(Register.ROW_STEP.address(), (1L << W.index()) + 5),
                Instruction.config(Register.ADDR_IC_STEP.address(), (1L << W.slot()) | 3),
                Instruction.config(Register.PAD_VALUE.address(), 0x80),
                Instruction.config(Register.COL_LO.address(3), -2, 7, -9),
                Instruction.config(Register.OUT_ROWS.address(), 1, 2, 3, 4, 5, 6),
                Instruction.end());
        IssResult r = Iss.run(C, prog, new Ddr());
        assertEquals(Fault.NONE, r.fault(), r.summary());
        OnChipBuffers b = r.buffers();
        assertEquals(-1, b.register(Register.ROW_ORIGIN));
        assertEquals(5, b.register(Register.ROW_STEP));
        assertEquals(-128, b.register(Register.PAD_VALUE));
        assertEquals(3, b.register(Register.ADDR_IC_STEP));
        assertEquals(-2, b.register(Register.COL_LO, 3));
        assertEquals(7, b.register(Register.COL_LO, 4));
        assertEquals(-9, b.register(Register.COL_LO, 5));
        assertEquals(1, b.register(Register.OUT_ROWS)); // the six-value CONFIG came last
        assertEquals(6, b.register(Register.KERNEL_W));
        assertEquals(6, r.executed(org.jdpu.arch.isa.Queue.CONV));
    }

    /** One 1x1 tile of padding only: every lane multiplies PAD_VALUE with the weights. */
    private static List<Instruction> padOnlyRun(long ocGroups, int outBase) {
        List<Instruction> p = new ArrayList<>();
        p.add(Instruction.config(Register.OUT_ROWS.address(), 1, 2, 1, ocGroups, 1, 1)); // rows, cols, groups, ocg, kh, kw
        p.add(Instruction.config(Register.IC_GROUPS.address(), 1, 0)); // IN_ROWS 0: every row is padding
        p.add(Instruction.config(Register.PAD_VALUE.address(), 3, 0, 1, ActivationKind.NONE.code, 0, 0));
        p.add(Instruction.config(Register.OUT_MIN.address(), -128, 127));
        p.add(Instruction.config(Register.OUT_BASE.address(), outBase));
        p.add(Instruction.config(Register.COL_HI.address(0), 100));
        p.add(Instruction.conv());
        p.add(Instruction.end());
        return p;
    }

    @Test
    void paddedLanesTakePadValueAndTheOutputAddressWraps() {
        OnChipBuffers b = new OnChipBuffers(C);
        byte[] w = new byte[C.icp()];
        for (int o = 0; o < C.ocp(); o++) {
            java.util.Arrays.fill(w, (byte) (o + 1));
            b.load(LoadTarget.WEIGHTS, o, 0, w, 0);
        }
        byte[] before63 = b.outputWord(1);
        IssResult r = Iss.run(b, padOnlyRun(1, C.outputDepth() - 1), new Ddr());
        assertEquals(Fault.NONE, r.fault(), r.summary());
        assertEquals(2, r.outputWordsWritten(), "OUT_COLS 2 of PP 3: the third lane is a width tail");
        byte[] want = new byte[C.ocp()];
        for (int o = 0; o < C.ocp(); o++) want[o] = (byte) (3 * (o + 1) * C.icp()); // CUT_SHIFT 1: y = acc
        assertArrayEquals(want, b.outputWord(C.outputDepth() - 1));
        assertArrayEquals(want, b.outputWord(0));
        assertArrayEquals(before63, b.outputWord(1));
    }

    @Test
    void aKernelOrCountTheCoreCannotRunIsBadRegisterAtTheConfig() {
        long[][] bad = {
                {Register.KERNEL_H.address(), 0}, {Register.KERNEL_H.address(), 17}, {Register.KERNEL_W.address(), 0},
                {Register.KERNEL_W.address(), 33}, // its low 5 bits would be 1: the whole value is checked
                {Register.OUT_ROWS.address(), 0}, {Register.PIX_GROUPS.address(), 0}, {Register.OC_GROUPS.address(), 0},
                {Register.IC_GROUPS.address(), 0}, {Register.OUT_ROWS.address(), 1L << W.count()}};
        for (long[] b : bad) {
            List<Instruction> p = new ArrayList<>(padOnlyRun(1, 0));
            int at = p.size() - 2;
            p.add(at, Instruction.config((int) b[0], b[1]));
            IssResult r = Iss.run(C, p, new Ddr());
            assertEquals(Fault.BAD_REGISTER, r.fault(), r.summary());
            assertEquals(at, r.faultIndex());
            assertEquals(0, r.runs(), "no run started");
        }
        // Inside a multi-value CONFIG: the fourth value (OC_GROUPS) is the bad one, nothing is written.
        List<Instruction> p = new ArrayList<>(padOnlyRun(0, 0));
        IssResult r = Iss.run(C, p, new Ddr());
        assertEquals(Fault.BAD_REGISTER, r.fault(), r.summary());
        assertEquals(0, r.faultIndex());
        assertTrue(r.faultDetail().contains("OC_GROUPS"), r.faultDetail());
        assertEquals(0, r.buffers().register(Register.OUT_ROWS), "nothing of the faulting CONFIG was written");
        // The largest counts are accepted.
        EngineWidths w = W;
        IssResult big = Iss.run(C, List.of(Instruction.config(Register.OUT_ROWS.address(), (1L << w.count()) - 1, 1,
                (1L << w.count()) - 1, (1L << w.ocGroups()) - 1, 16, 16), Instruction.end()), new Ddr());
        assertEquals(Fault.NONE, big.fault(), big.summary());
    }

    @Test
    void aConvBeforeTheKernelAndCountsAreWrittenIsBadRegister() {
        IssResult r = Iss.run(C, List.of(Instruction.nop(), Instruction.conv(), Instruction.end()), new Ddr());
        assertEquals(Fault.BAD_REGISTER, r.fault(), r.summary());
        assertEquals(1, r.faultIndex());
        // Everything but IC_GROUPS written: still refused.
        List<Instruction> p = new ArrayList<>(padOnlyRun(1, 0));
        p.remove(1);
        r = Iss.run(C, p, new Ddr());
        assertEquals(Fault.BAD_REGISTER, r.fault(), r.summary());
        assertTrue(r.faultDetail().contains("IC_GROUPS"), r.faultDetail());
        assertEquals(p.size() - 2, r.faultIndex());
    }
}
