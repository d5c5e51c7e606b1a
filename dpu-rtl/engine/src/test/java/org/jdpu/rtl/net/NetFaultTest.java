package org.jdpu.rtl.net;

import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Queue;
import org.jdpu.cases.LayerCase;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.sim.CompiledModel;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One malformed program per fault the control block detects, and DMA faults reported by the Java
 * engines: each must end with done + fault + interrupt, the right FAULT code and unit and
 * FAULT_INSTR, within a watchdog, and issue nothing after the fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetFaultTest {
    static final long WATCHDOG = 50_000;
    private CompiledModel model;

    @BeforeAll
    void build() {
        model = NetHarness.model();
    }

    private record Outcome(NetHarness h, long fault, long faultInstr, long irqAt) {}

    private Outcome run(long seed, byte[] prog, long addr, long count, Consumer<NetHarness> setup, Fault want,
                        int queues, long index) {
        NetHarness h = new NetHarness(model, seed);
        setup.accept(h);
        h.start(prog, addr, count);
        long irqAt = h.runUntilIrq(WATCHDOG);
        assertEquals(0b110, h.read(ControlRegister.STATUS), "done and fault");
        long fault = h.read(ControlRegister.FAULT), instr = h.read(ControlRegister.FAULT_INSTR);
        assertEquals(want, Fault.ofCode(fault & 0xFF), "fault code");
        assertEquals(queues, fault >>> 8, "faulting unit's queue bits");
        assertEquals(index, instr, "FAULT_INSTR");
        int loads = h.load.commands.size(), saves = h.save.commands.size();
        long bursts = h.mem.arCount;
        for (int i = 0; i < 300; i++) h.tick();
        assertEquals(loads, h.load.commands.size(), "LOAD commands after done");
        assertEquals(saves, h.save.commands.size(), "SAVE commands after done");
        assertEquals(bursts, h.mem.arCount, "fetch bursts after done");
        assertFalse(h.coreBusy());
        assertTrue(h.mem.violations.isEmpty(), h.mem.violations.toString());
        return new Outcome(h, fault, instr, irqAt);
    }

    private Outcome run(long seed, List<int[]> words, Consumer<NetHarness> setup, Fault want, int queues, long index) {
        return run(seed, NetHarness.bytes(words), 0x8000, words.size(), setup, want, queues, index);
    }

    private static int[] w(Instruction x) {
        return x.encode();
    }

    private static Instruction tagLoad(int tag) {
        return Instruction.load(LoadTarget.ACTIVATIONS, 0, tag, 0, 1, 1, 0, 0, 0, 0);
    }

    private static void noCommandBeyond(NetHarness h, long index) {
        for (NetHarness.Command c : h.load.commands) assertTrue(c.offset() < index, "LOAD " + c.offset() + " after the fault");
        for (NetHarness.Command c : h.save.commands) assertTrue(c.offset() < index, "SAVE " + c.offset() + " after the fault");
    }

    @Test
    void unknownOpcode() {
        List<int[]> p = List.of(w(Instruction.nop()), w(tagLoad(1)),
                NetHarness.with(Instruction.nop(), Field.OPCODE, 0x7), w(tagLoad(3)), w(Instruction.end()));
        try (NetHarness h = run(11, p, x -> {}, Fault.BAD_OPCODE, 0, 2).h()) {
            noCommandBeyond(h, 2);
            assertTrue(h.load.commands.size() <= 1, "the LOAD before the fault may or may not have started");
        }
        // A word of zeros (opcode 0) is not an operation either.
        try (NetHarness h = run(12, List.of(w(tagLoad(0)), new int[8], w(Instruction.end())), x -> {},
                Fault.BAD_OPCODE, 0, 1).h()) {
            noCommandBeyond(h, 1);
        }
    }

    @Test
    void badConfigRegisterOrCount() {
        Instruction ok = Instruction.config(Register.OUT_ROWS.address(), 1, 2);
        int lastTable = Register.COL_HI.address(Register.COL_HI.tableSize() - 1);
        List<int[]> bad = List.of(
                NetHarness.with(ok, Field.COUNT, 0),
                NetHarness.with(ok, Field.COUNT, 7),
                w(Instruction.config(Register.CTRL.address(), 1)),
                w(Instruction.config(Register.CYCLES.address(), 1)),
                w(Instruction.config(Register.AVG_MUL.address(), 1, 2)),    // runs into the unused 0x62
                w(Instruction.config(lastTable + 1, 1)),
                w(Instruction.config(lastTable - 1, 1, 2, 3)));
        long seed = 20;
        for (int[] b : bad) {
            List<int[]> p = List.of(w(ok), w(Instruction.config(lastTable - 5, 1, 2, 3, 4, 5, 6)), w(tagLoad(2)), b,
                    w(tagLoad(4)), w(Instruction.end()));
            try (NetHarness h = run(seed++, p, x -> {}, Fault.BAD_REGISTER, 0, 3).h()) {
                noCommandBeyond(h, 3);
            }
        }
    }

    @Test
    void kernelSizeOrLoopCountTheCoreCannotRun() {
        EngineWidths wd = EngineWidths.of(NetHarness.CONFIG);
        List<int[]> bad = List.of(
                w(Instruction.config(Register.KERNEL_H.address(), 0)),
                w(Instruction.config(Register.KERNEL_W.address(), 17)),
                w(Instruction.config(Register.KERNEL_H.address(), 16, 33)),        // 33: low 5 bits 1, still refused
                w(Instruction.config(Register.OUT_ROWS.address(), 1, 2, 0)),       // PIX_GROUPS 0
                w(Instruction.config(Register.OUT_ROWS.address(), 1, 2, 1, 0, 3, 3)),  // OC_GROUPS 0
                w(Instruction.config(Register.IC_GROUPS.address(), 0)),
                w(Instruction.config(Register.OUT_ROWS.address(), 1L << Register.OUT_ROWS.width(wd))),
                w(Instruction.config(Register.OUT_ROWS.address(), 0xFFFFFFFFL)));
        long seed = 90;
        for (int[] b : bad) {
            List<int[]> p = List.of(w(Instruction.config(Register.OUT_ROWS.address(), 1, 2, 1, 1, 16, 1)),
                    w(Instruction.nop()), w(tagLoad(2)), b, w(Instruction.conv()), w(tagLoad(5)), w(Instruction.end()));
            try (NetHarness h = run(seed++, p, x -> {}, Fault.BAD_REGISTER, 0, 3).h()) {
                noCommandBeyond(h, 3);
                assertTrue(h.coreStarts.isEmpty(), "no run started");
            }
        }
        // The largest values are accepted (and never run here).
        long maxCount = (1L << Register.OUT_ROWS.width(wd)) - 1;
        List<int[]> ok = List.of(w(Instruction.config(Register.OUT_ROWS.address(), maxCount, 0, maxCount,
                (1L << Register.OC_GROUPS.width(wd)) - 1, 16, 16)), w(tagLoad(1)), w(Instruction.end()));
        try (NetHarness h = new NetHarness(model, 99)) {
            h.start(NetHarness.bytes(ok), 0x8000, ok.size());
            h.runUntilIrq(WATCHDOG);
            assertEquals(0b010, h.read(ControlRegister.STATUS), "done without a fault");
        }
    }

    @Test
    void convBeforeTheDescriptorIsWrittenSinceReset() {
        // Nothing written: the core's registers hold whatever they powered up with.
        List<int[]> p = List.of(w(tagLoad(0)), w(Instruction.conv()), w(tagLoad(2)), w(Instruction.end()));
        try (NetHarness h = run(95, p, x -> {}, Fault.BAD_REGISTER, 1 << Queue.CONV.bit(), 1).h()) {
            assertTrue(h.coreStarts.isEmpty(), "no run started");
        }
        // Every range-checked register but KERNEL_W written.
        List<int[]> q = List.of(w(Instruction.config(Register.OUT_ROWS.address(), 1, 2, 1, 1, 1)),
                w(Instruction.config(Register.IC_GROUPS.address(), 1)), w(Instruction.conv()), w(Instruction.end()));
        try (NetHarness h = run(96, q, x -> {}, Fault.BAD_REGISTER, 1 << Queue.CONV.bit(), 2).h()) {
            assertTrue(h.coreStarts.isEmpty(), "no run started");
            // Once written, the registers stay written for the next program (the core keeps them).
            List<int[]> rest = List.of(w(Instruction.config(Register.KERNEL_W.address(), 1)), w(Instruction.end()));
            h.start(NetHarness.bytes(rest), 0x9000, rest.size());
            h.runUntilIrq(WATCHDOG);
            assertEquals(0b010, h.read(ControlRegister.STATUS));
            List<int[]> conv = List.of(w(Instruction.conv()), w(Instruction.end()));
            h.start(NetHarness.bytes(conv), 0xA000, conv.size());
            h.runUntilIrq(WATCHDOG);
            assertEquals(0b010, h.read(ControlRegister.STATUS), "the run on the descriptor of earlier programs");
            assertEquals(1, h.coreStarts.size());
            assertEquals(1, h.coreDones.size());
        }
    }

    @Test
    void loadTargetThatIsNoBuffer() {
        List<int[]> p = List.of(w(tagLoad(0)), NetHarness.with(tagLoad(1), Field.TARGET, 3), w(Instruction.end()));
        try (NetHarness h = run(25, p, x -> {}, Fault.BANK_RANGE, 0, 1).h()) {
            noCommandBeyond(h, 1);
        }
    }

    @Test
    void fetchPastCountWithoutEnd() {
        List<int[]> p = List.of(w(Instruction.nop()), w(tagLoad(1)), w(Instruction.nop()));
        try (NetHarness h = run(30, p, x -> {}, Fault.FETCH_BOUNDS, 0, 3).h()) {
            assertEquals(1, h.load.commands.size());
        }
        // INSTR_COUNT = 0: there is not even an END to fetch.
        run(31, NetHarness.bytes(List.of(w(Instruction.end()))), 0x8000, 0, x -> {}, Fault.FETCH_BOUNDS, 0, 0).h().close();
    }

    @Test
    void misalignedProgramAddressFetchesNothing() {
        try (NetHarness h = run(32, NetHarness.bytes(List.of(w(Instruction.nop()), w(Instruction.end()))), 0x8010, 2,
                x -> {}, Fault.FETCH_BOUNDS, 0, 0).h()) {
            assertEquals(0, h.mem.arCount);
        }
    }

    @Test
    void tokenOverflow() {
        List<int[]> p = new ArrayList<>();
        for (int i = 0; i < 300; i++) p.add(w(Instruction.nop().withTokens(Set.of(), Set.of(Queue.LOAD))));
        p.add(w(Instruction.end()));
        try (NetHarness h = run(40, p, x -> {}, Fault.TOKEN_OVERFLOW, 1 << Queue.MISC.bit(), 255).h()) {
            assertEquals(256, h.read(ControlRegister.DONE_COUNT, Queue.MISC.index()),
                    "the NOP whose token overflowed did finish");
        }
    }

    @Test
    void deadlockOnAWaitNobodySignals() {
        List<int[]> p = List.of(w(Instruction.nop()), w(tagLoad(1).withTokens(Set.of(Queue.SAVE), Set.of())),
                w(Instruction.end()));
        try (NetHarness h = run(50, p, x -> {}, Fault.DEADLOCK, 1 << Queue.LOAD.bit(), 1).h()) {
            assertEquals(0, h.load.commands.size());
        }
        // The fetch unit stalled on a full LOAD queue behind a blocked head, END never reached.
        List<int[]> full = new ArrayList<>();
        full.add(w(tagLoad(0).withTokens(Set.of(Queue.CONV), Set.of())));
        for (int i = 1; i < 80; i++) full.add(w(tagLoad(i)));
        full.add(w(Instruction.end()));
        try (NetHarness h = run(51, full, x -> {}, Fault.DEADLOCK, 1 << Queue.LOAD.bit(), 0).h()) {
            assertEquals(0, h.load.commands.size());
        }
    }

    @Test
    void errorResponseOnFetch() {
        List<int[]> p = new ArrayList<>();
        for (int i = 0; i < 6; i++) p.add(w(tagLoad(i)));
        p.add(w(Instruction.end()));
        try (NetHarness h = run(60, p, x -> x.mem.errorBeats.add(0x8000L + 3 * 32 + 16), Fault.AXI_RESPONSE, 0, 3).h()) {
            noCommandBeyond(h, 3);
        }
    }

    @Test
    void dmaFaultsStopTheProgram() {
        List<int[]> p = new ArrayList<>();
        p.add(w(tagLoad(0)));
        p.add(w(tagLoad(1).withTokens(Set.of(), Set.of(Queue.SAVE))));
        p.add(w(Instruction.save(0, 2, 0, 1, 1, 0, 0, 0, 0).withTokens(Set.of(Queue.LOAD), Set.of())));
        for (int i = 3; i < 8; i++) p.add(w(tagLoad(i)));
        p.add(w(Instruction.end()));
        try (NetHarness h = run(70, p, x -> x.load.behaviour = c -> new NetHarness.Behaviour(5,
                c.offset() == 1 ? Fault.REGION_BOUNDS.code() : 0), Fault.REGION_BOUNDS, 1 << Queue.LOAD.bit(), 1).h()) {
            assertEquals(2, h.load.commands.size(), "nothing after the faulting LOAD");
            assertEquals(0, h.save.commands.size(), "the SAVE waiting on it never ran");
        }
        // A SAVE fault while the LOAD engine is busy: the LOAD is aborted, done waits until it is idle.
        List<int[]> q = List.of(w(tagLoad(0)), w(Instruction.save(0, 1, 0, 1, 1, 0, 0, 0, 0)), w(tagLoad(2)),
                w(Instruction.end()));
        try (NetHarness h = run(71, q, x -> {
            x.load.behaviour = c -> new NetHarness.Behaviour(400, 0);
            x.save.behaviour = c -> new NetHarness.Behaviour(3, Fault.AXI_RESPONSE.code());
        }, Fault.AXI_RESPONSE, 1 << Queue.SAVE.bit(), 1).h()) {
            assertTrue(h.load.abortSeen, "the busy LOAD engine was aborted");
            assertEquals(1, h.load.commands.size());
            assertTrue(h.load.finishes.isEmpty());
        }
    }

    @Test
    void faultDuringARunWaitsForTheRunToFinish() {
        Conv2dSpec spec = LayerCase.conv(8, 8, 8, 4, 3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1),
                LayerCase.realisticQuant(3, 3, 8), Activation.NONE);
        LayerCase lc = LayerCase.draw("fault layer", 3, spec, LayerCase.Weights.REALISTIC);
        Program prog = Compiler.compile(NetHarness.CONFIG, spec, lc.operands().input(), lc.operands().weights(),
                lc.operands().bias());
        List<int[]> p = new ArrayList<>();
        for (Instruction c : NetProgramTest.configs(prog.runs().get(0).registers())) p.add(w(c));
        p.add(w(Instruction.conv().withTokens(Set.of(), Set.of(Queue.LOAD))));
        int faulting = p.size();
        p.add(w(tagLoad(faulting)));
        p.add(w(Instruction.end()));
        Consumer<NetHarness> setup = x -> {
            x.load.behaviour = c -> new NetHarness.Behaviour(1_000_000, Fault.BANK_RANGE.code());
            x.load.finishEarly = () -> !x.coreStarts.isEmpty() && x.cycle > x.coreStarts.get(0) + 10;
        };
        Outcome o = run(80, p, setup, Fault.BANK_RANGE, 1 << Queue.LOAD.bit(), faulting);
        try (NetHarness h = o.h()) {
            assertTrue(o.irqAt() > h.coreDones.get(0), "done only after the run finished");
            assertEquals(1, h.coreStarts.size());
            assertEquals(1, h.coreDones.size(), "the run in progress finished");
            assertEquals(1, h.load.faults.size());
            assertTrue(h.coreDones.get(0) > h.load.faults.get(0) + 10, "the fault came during the run");
        }
    }
}
