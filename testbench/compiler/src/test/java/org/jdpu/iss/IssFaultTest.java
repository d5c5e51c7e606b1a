package org.jdpu.iss;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One malformed program per fault kind: the right fault at the right instruction, and nothing
 * written to DDR (or the buffers) by the faulting instruction or any after it. Each program ends
 * with a SAVE that would write region 3 if execution went on.
 */
class IssFaultTest {
    private static final DpuConfig C = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=16");
    private static final int OUT_BYTES = 8 * 7;

    /** Region 0 with data, region 3 zeroed, output buffer words of 9s: so a SAVE that runs is visible. */
    private static Ddr ddr() {
        Ddr d = new Ddr();
        byte[] src = d.allocate(0, 256);
        for (int i = 0; i < src.length; i++) src[i] = (byte) (i + 1);
        d.allocate(3, OUT_BYTES);
        return d;
    }

    private static OnChipBuffers buffers() {
        OnChipBuffers b = new OnChipBuffers(C);
        Arrays.fill(b.outputArray(), (byte) 9);
        return b;
    }

    private static Instruction saveAll() {
        return Instruction.save(3, 0, 0, 8, 1, C.ocp(), 0, 1, 0);
    }

    /** Runs {@code before}, then a SAVE and END, and checks fault, index and that region 3 stayed zero. */
    private static IssResult expectFault(Fault fault, int index, List<Instruction> before) {
        List<Instruction> prog = new ArrayList<>(before);
        prog.add(saveAll());
        prog.add(Instruction.end());
        Ddr d = ddr();
        Ddr original = d.copy();
        IssResult r = Iss.run(buffers(), prog, d);
        assertEquals(fault, r.fault(), r.summary());
        assertEquals(index, r.faultIndex(), r.summary());
        assertTrue(d.sameContents(original), "DDR written by or after the faulting instruction: " + r.summary());
        return r;
    }

    @Test
    void cleanProgramSavesEverything() {
        // The control for every test below: without the fault the trailing SAVE does write.
        Ddr d = ddr();
        IssResult r = Iss.run(buffers(), List.of(Instruction.nop(), saveAll(), Instruction.end()), d);
        assertEquals(Fault.NONE, r.fault(), r.summary());
        assertEquals(-1, r.faultIndex());
        byte[] nines = new byte[OUT_BYTES];
        Arrays.fill(nines, (byte) 9);
        assertTrue(Arrays.equals(nines, d.region(3)));
    }

    @Test
    void unknownOpcode() {
        int[] nop = Instruction.nop().encode();
        int[] bad = new int[Instruction.WORDS];
        int[] badSix = Instruction.nop().encode();
        badSix[Field.OPCODE.word()] = (badSix[Field.OPCODE.word()] & ~(0xF << Field.OPCODE.lsb())) | 0x6 << Field.OPCODE.lsb();
        for (int[] b : List.of(bad, badSix)) {
            Ddr d = ddr();
            Ddr original = d.copy();
            IssResult r = Iss.run(buffers(), words(nop, b, saveAll().encode(), Instruction.end().encode()), d);
            assertEquals(Fault.BAD_OPCODE, r.fault(), r.summary());
            assertEquals(1, r.faultIndex());
            assertEquals(1, r.executed(Queue.MISC));
            assertTrue(d.sameContents(original));
        }
    }

    @Test
    void badConfigRegisterOrCount() {
        expectFault(Fault.BAD_REGISTER, 0, List.of(Instruction.config(Register.CTRL.address(), 1)));
        expectFault(Fault.BAD_REGISTER, 1, List.of(Instruction.nop(), Instruction.config(Register.CYCLES.address(), 1)));
        expectFault(Fault.BAD_REGISTER, 0, List.of(Instruction.config(0x50, 1)));
        expectFault(Fault.BAD_REGISTER, 0, List.of(Instruction.config(0x7F, 1)));
        expectFault(Fault.BAD_REGISTER, 0, List.of(Instruction.config(200, 1)));
        // Crossing from COL_HI[15] into no register: nothing is written, not even COL_HI[15].
        IssResult r = expectFault(Fault.BAD_REGISTER, 0, List.of(Instruction.config(Register.COL_HI.address(15), 5, 6)));
        assertEquals(0, r.buffers().register(Register.COL_HI, 15));
        // COUNT 0 or 7: from words (the decoder) and as a decoded instruction.
        for (long count : new long[] {0, 7}) {
            Instruction in = new Instruction(Opcode.CONFIG, Set.of(), Set.of(),
                    Map.of(Field.REG, (long) Register.OUT_ROWS.address(), Field.COUNT, count));
            expectFault(Fault.BAD_REGISTER, 0, List.of(in));
            Ddr d = ddr();
            IssResult w = Iss.run(buffers(), words(in.encode(), saveAll().encode(), Instruction.end().encode()), d);
            assertEquals(Fault.BAD_REGISTER, w.fault(), w.summary());
            assertEquals(0, w.faultIndex());
            assertEquals(0, d.region(3)[0]);
        }
    }

    @Test
    void loadOrSavePastTheBank() {
        long capacity = C.actCapacityWords();
        // The last element is out of range; the earlier ones must not have been written either.
        IssResult act = expectFault(Fault.BANK_RANGE, 0, List.of(
                Instruction.load(LoadTarget.ACTIVATIONS, 0, 0, capacity - 2, 3, 1, C.icp(), 0, 1, 0)));
        assertTrue(Arrays.equals(new byte[C.icp()], act.buffers().activationWord(
                (int) ((capacity - 2) % C.actBanks()), (int) ((capacity - 2) / C.actBanks()))));
        assertEquals(0, act.elementsLoaded());
        expectFault(Fault.BANK_RANGE, 0, List.of(
                Instruction.load(LoadTarget.WEIGHTS, 0, 0, C.ocp(), 1, 1, 0, 0, 0, 0))); // column OCP
        expectFault(Fault.BANK_RANGE, 0, List.of(
                Instruction.load(LoadTarget.WEIGHTS, 0, 0, (long) C.weightBankDepth() << 6, 1, 1, 0, 0, 0, 0)));
        expectFault(Fault.BANK_RANGE, 1, List.of(Instruction.nop(),
                Instruction.load(LoadTarget.BIAS, 0, 0, (long) C.biasDepth() << 6, 1, 1, 0, 0, 0, 0)));
        expectFault(Fault.BANK_RANGE, 0, List.of(
                Instruction.save(3, 0, C.outputDepth() - 1, 2, 1, 0, 0, 1, 0)));
        // Target 3 is no buffer: the decoder's BANK_RANGE, and the same for a decoded instruction.
        int[] target3 = Instruction.load(LoadTarget.BIAS, 0, 0, 0, 1, 1, 0, 0, 0, 0).encode();
        target3[Field.TARGET.word()] |= 3 << Field.TARGET.lsb();
        Ddr d = ddr();
        IssResult r = Iss.run(buffers(), words(target3, saveAll().encode(), Instruction.end().encode()), d);
        assertEquals(Fault.BANK_RANGE, r.fault(), r.summary());
        assertEquals(0, d.region(3)[0]);
    }

    @Test
    void loadOrSaveOutsideTheRegion() {
        // Region 0 has 256 bytes: an activation element at 251..255 fits, one at 252..256 does not.
        IssResult ok = Iss.run(buffers(), List.of(Instruction.load(LoadTarget.ACTIVATIONS, 0, 251, 0, 1, 1, 0, 0, 0, 0),
                Instruction.end()), ddr());
        assertEquals(Fault.NONE, ok.fault(), ok.summary());
        IssResult r = expectFault(Fault.REGION_BOUNDS, 0, List.of(
                Instruction.load(LoadTarget.ACTIVATIONS, 0, 240, 0, 3, 1, 6, 0, 1, 0)));
        assertTrue(Arrays.equals(new byte[C.icp()], r.buffers().activationWord(0, 0)), "the first element was loaded");
        // An offset near 2^32 does not wrap into the region: the check is made without wrap.
        expectFault(Fault.REGION_BOUNDS, 0, List.of(
                Instruction.load(LoadTarget.BIAS, 0, 0xFFFFFFFEL, 0, 1, 1, 0, 0, 0, 0)));
        expectFault(Fault.REGION_BOUNDS, 0, List.of(
                Instruction.load(LoadTarget.WEIGHTS, 4, 0, 0, 1, 1, 0, 0, 0, 0))); // region 4 has no image
        // A SAVE whose first words fit and whose last does not writes none of them.
        expectFault(Fault.REGION_BOUNDS, 0, List.of(
                Instruction.save(3, 0, 0, 9, 1, C.ocp(), 0, 1, 0)));
        expectFault(Fault.REGION_BOUNDS, 0, List.of(
                Instruction.save(3, 0, 0, 2, 1, -C.ocp(), 0, 1, 0))); // the second element at 2^32 - OCP
    }

    @Test
    void waitOnAZeroCounterIsADeadlock() {
        Instruction waitLoad = Instruction.nop().withTokens(EnumSet.of(Queue.LOAD), Set.of());
        expectFault(Fault.DEADLOCK, 0, List.of(waitLoad));
        // One token is taken by the first waiter; the second finds the counter empty again.
        Instruction give = Instruction.load(LoadTarget.ACTIVATIONS, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                .withTokens(Set.of(), EnumSet.of(Queue.MISC));
        IssResult r = expectFault(Fault.DEADLOCK, 2, List.of(give, waitLoad, waitLoad));
        assertEquals(1, r.executed(Queue.MISC));
        assertEquals(0, r.tokens().get(Queue.LOAD, Queue.MISC));
        // A SAVE waiting on CONV with no CONV ahead of it.
        expectFault(Fault.DEADLOCK, 1, List.of(Instruction.nop(),
                saveAll().withTokens(EnumSet.of(Queue.CONV), Set.of())));
        // A queue's own bit is ignored, in WAIT and in SIGNAL.
        Ddr d = ddr();
        IssResult own = Iss.run(buffers(), List.of(Instruction.nop().withTokens(EnumSet.of(Queue.MISC), EnumSet.of(Queue.MISC)),
                Instruction.end()), d);
        assertEquals(Fault.NONE, own.fault(), own.summary());
    }

    @Test
    void tokensPassBetweenQueues() {
        Instruction load = Instruction.load(LoadTarget.ACTIVATIONS, 0, 0, 0, 1, 1, 0, 0, 0, 0)
                .withTokens(Set.of(), EnumSet.of(Queue.CONV, Queue.SAVE));
        Instruction cfg = Instruction.config(Register.OUT_ROWS.address(), 1).withTokens(EnumSet.of(Queue.LOAD), Set.of());
        Instruction save = saveAll().withTokens(EnumSet.of(Queue.LOAD), EnumSet.of(Queue.MISC));
        Instruction nop = Instruction.nop().withTokens(EnumSet.of(Queue.SAVE), Set.of());
        Ddr d = ddr();
        IssResult r = Iss.run(buffers(), List.of(load, cfg, save, nop, Instruction.end()), d);
        assertEquals(Fault.NONE, r.fault(), r.summary());
        for (Queue a : Queue.values()) {
            for (Queue b : Queue.values()) {
                if (a != b) assertEquals(0, r.tokens().get(a, b), a + " -> " + b);
            }
        }
        assertEquals(Map.of(Queue.LOAD, 1, Queue.CONV, 1, Queue.SAVE, 1, Queue.MISC, 1), r.executed());
    }

    @Test
    void the256thUnconsumedTokenOverflows() {
        List<Instruction> prog = new ArrayList<>();
        Instruction signal = Instruction.nop().withTokens(Set.of(), EnumSet.of(Queue.CONV));
        for (int i = 0; i < 256; i++) prog.add(signal);
        IssResult r = expectFault(Fault.TOKEN_OVERFLOW, 255, prog);
        assertEquals(255, r.tokens().get(Queue.MISC, Queue.CONV));
        assertEquals(255, r.executed(Queue.MISC));
        // 255 tokens are fine, and taking one makes room for another.
        List<Instruction> fine = new ArrayList<>(prog.subList(0, 255));
        fine.add(Instruction.config(Register.OUT_ROWS.address(), 1).withTokens(EnumSet.of(Queue.MISC), Set.of()));
        fine.add(signal);
        fine.add(Instruction.end());
        IssResult ok = Iss.run(buffers(), fine, ddr());
        assertEquals(Fault.NONE, ok.fault(), ok.summary());
        assertEquals(255, ok.tokens().get(Queue.MISC, Queue.CONV));
    }

    @Test
    void aProgramWithoutEndRunsOutOfBounds() {
        Ddr d = ddr();
        IssResult r = Iss.run(buffers(), List.of(Instruction.nop(), saveAll()), d);
        assertEquals(Fault.FETCH_BOUNDS, r.fault(), r.summary());
        assertEquals(2, r.faultIndex());
        assertEquals(9, d.region(3)[0], "the SAVE before the end of the program ran");
        IssResult w = Iss.run(buffers(), words(Instruction.nop().encode()), ddr());
        assertEquals(Fault.FETCH_BOUNDS, w.fault());
        assertEquals(1, w.faultIndex());
        assertEquals(Fault.FETCH_BOUNDS, Iss.run(C, new int[0], ddr()).fault());
    }

    @Test
    void nothingAfterEndIsExecutedOrDecoded() {
        Ddr d = ddr();
        IssResult r = Iss.run(buffers(), words(Instruction.nop().encode(), Instruction.end().withTokens(
                EnumSet.of(Queue.LOAD), Set.of()).encode(), saveAll().encode(), new int[Instruction.WORDS]), d);
        assertEquals(Fault.NONE, r.fault(), r.summary());
        assertEquals(0, d.region(3)[0]);
        assertEquals(0, r.executed(Queue.SAVE));
    }

    private static int[] words(int[]... instructions) {
        int[] w = new int[instructions.length * Instruction.WORDS];
        for (int i = 0; i < instructions.length; i++) System.arraycopy(instructions[i], 0, w, i * Instruction.WORDS, Instruction.WORDS);
        return w;
    }
}
