package org.jdpu.cosim.net;

import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;
import org.jdpu.compiler.net.Region;
import org.jdpu.runtime.NetRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed programs on the whole network engine (engine, simulated DDR, protocol checkers), one
 * per fault kind, each made from a small compiled three-layer network by changing one thing: the
 * run must end with done + fault and the interrupt within the watchdog, with the expected FAULT
 * code, faulting unit and FAULT_INSTR, both masters protocol-clean, no write outside the regions'
 * bounds (the data checker's windows are set to the bounds the run programs) and no byte in the
 * regions that neither the image before the run nor the clean program's result explains. Where
 * the instruction-set simulator models the fault, its code and index must be the same. After
 * each faulting run the clean program runs on the same engine, without a reset, and must give the
 * simulator's outputs.
 *
 * <p>Where the engine and the simulator legitimately differ: the simulator has no INSTR_ADDR and
 * no DDR error responses (misaligned INSTR_ADDR and SLVERR are checked against the engine only);
 * and it executes every instruction before the faulting one to the end, while the engine, which
 * decodes ahead and runs its queues in parallel, may stop a SAVE of an earlier instruction short
 * or never start it (the number of bytes where the two differ after the run is printed) and may
 * have run independent instructions after the faulting one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetFaultCosimTest {
    private FaultBench bench;
    private List<Instruction> ins;
    private long started;

    @BeforeAll
    void build() {
        started = System.nanoTime();
        bench = new FaultBench(0);
        ins = bench.program.instructions();
        System.out.println("NetFaultCosimTest: " + ins.size() + " instructions on " + FaultBench.CONFIG.name()
                + ", watchdog " + bench.watchdog + " cycles");
        bench.cleanRunPasses("reset");
    }

    @AfterAll
    void close() {
        if (bench != null) bench.close();
        System.out.printf("NetFaultCosimTest: %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    // ---- program surgery

    private int first(Predicate<Instruction> p) {
        return first(0, p);
    }

    private int first(int from, Predicate<Instruction> p) {
        for (int i = from; i < ins.size(); i++) {
            if (p.test(ins.get(i))) return i;
        }
        throw new AssertionError("no such instruction in the compiled program");
    }

    private int last(Predicate<Instruction> p) {
        for (int i = ins.size() - 1; i >= 0; i--) {
            if (p.test(ins.get(i))) return i;
        }
        throw new AssertionError("no such instruction in the compiled program");
    }

    private static Predicate<Instruction> is(Opcode op) {
        return x -> x.opcode() == op;
    }

    private static Predicate<Instruction> loadOf(LoadTarget t) {
        return x -> x.opcode() == Opcode.LOAD && x.get(Field.TARGET) == t.code();
    }

    private static Predicate<Instruction> inRegion(Region r) {
        return x -> (x.opcode() == Opcode.LOAD || x.opcode() == Opcode.SAVE) && x.get(Field.REGION) == r.number();
    }

    /** The clean words with field {@code f} of instruction {@code i} set to {@code v}. */
    private int[] with(int i, Field f, long v) {
        int[] w = bench.cleanWords();
        set(w, i, f, v);
        return w;
    }

    private static void set(int[] w, int i, Field f, long v) {
        int at = i * Instruction.WORDS + f.word();
        long mask = f.mask() << f.lsb();
        w[at] = (int) ((Integer.toUnsignedLong(w[at]) & ~mask) | ((v << f.lsb()) & mask));
    }

    /** The first instruction of the clean program whose elements touch bytes [from, to) of region {@code r}. */
    private int firstTouching(Region r, long from, long to) {
        for (int i = 0; i < ins.size(); i++) {
            Instruction x = ins.get(i);
            if (!inRegion(r).test(x)) continue;
            long e = x.opcode() == Opcode.SAVE ? FaultBench.CONFIG.ocp()
                    : x.get(Field.TARGET) == LoadTarget.BIAS.code() ? 4 : FaultBench.CONFIG.icp();
            for (long i1 = 0; i1 < x.get(Field.N1); i1++) {
                for (long i0 = 0; i0 < x.get(Field.N0); i0++) {
                    long off = (x.get(Field.OFFSET) + i0 * x.signed32(Field.S0) + i1 * x.signed32(Field.S1)) & 0xFFFFFFFFL;
                    if (off < to && off + e > from) return i;
                }
            }
        }
        throw new AssertionError("no instruction touches " + r + " bytes " + from + ".." + (to - 1));
    }

    // ---- running

    /**
     * Runs {@code w}, checks the engine's fault (and the simulator's where {@code issAgrees}), then
     * the clean program. {@code queues} is the FAULT register's unit bits, or -1 to skip.
     */
    private NetRun expect(String what, int[] w, FaultBench.Setup s, Fault want, int queues, long index, boolean issAgrees) {
        return expect(what, w, s, want, queues, index, index, issAgrees);
    }

    /** As above, FAULT_INSTR anywhere in {@code from..index} (an AXI error is charged to the oldest command in flight). */
    private NetRun expect(String what, int[] w, FaultBench.Setup s, Fault want, int queues, long from, long index,
                          boolean issAgrees) {
        FaultBench.Outcome o = bench.run(what, w, w.length / Instruction.WORDS, s);
        NetRun r = o.run();
        assertEquals(0b110, o.status(), what + ": STATUS done + fault");
        assertEquals(want, r.fault(), what + ": fault code (FAULT_INSTR " + r.faultInstr() + ")");
        if (from == index) assertEquals(index, r.faultInstr(), what + ": FAULT_INSTR");
        else assertTrue(r.faultInstr() >= from && r.faultInstr() <= index,
                what + ": FAULT_INSTR " + r.faultInstr() + " outside " + from + ".." + index);
        if (queues >= 0) assertEquals(queues, r.faultQueue(), what + ": faulting unit");
        assertEquals(0, bench.unexplainedBytes(o), what + ": bytes in the regions no part of the program's work explains");
        String iss = "not modelled";
        if (issAgrees) {
            FaultBench.IssRun sim = bench.iss(w, s.bounds());
            assertEquals(want, sim.result().fault(), what + ": simulator " + sim.result().summary());
            assertEquals(index, sim.result().faultIndex(), what + ": simulator's fault index");
            iss = "agrees, " + FaultBench.differing(o, sim.ddr()) + " bytes differ from its DDR";
        }
        System.out.printf("  %-40s %-14s at %4d unit %x, %6d cycles; simulator %s%n", what, r.fault(), r.faultInstr(),
                r.faultQueue(), r.cycles(), iss);
        bench.cleanRunPasses(what);
        return r;
    }

    private FaultBench.Setup normal() {
        return FaultBench.Setup.normal(bench.map);
    }

    // ---- the faults

    @Test
    void unknownOpcode() {
        int i = first(ins.size() / 3, loadOf(LoadTarget.WEIGHTS));
        expect("unknown opcode", with(i, Field.OPCODE, 0x7), normal(), Fault.BAD_OPCODE, 0, i, true);
        expect("opcode 0 (a word of zeros)", with(i, Field.OPCODE, 0), normal(), Fault.BAD_OPCODE, 0, i, true);
    }

    @Test
    void badConfigRegisterCountAndValue() {
        int c = first(is(Opcode.CONFIG));
        expect("config of CTRL", with(c, Field.REG, Register.CTRL.address()), normal(), Fault.BAD_REGISTER, 0, c, true);
        expect("config count 7", with(c, Field.COUNT, 7), normal(), Fault.BAD_REGISTER, 0, c, true);
        expect("config count 0", with(c, Field.COUNT, 0), normal(), Fault.BAD_REGISTER, 0, c, true);
        int kh = Register.KERNEL_H.address();
        int k = last(x -> x.opcode() == Opcode.CONFIG && x.get(Field.REG) <= kh && x.get(Field.REG) + x.get(Field.COUNT) > kh);
        Field kv = Field.VALUES[(int) (kh - ins.get(k).get(Field.REG))];
        expect("config KERNEL_H 0", with(k, kv, 0), normal(), Fault.BAD_REGISTER, 0, k, true);
        expect("config KERNEL_H 17", with(k, kv, 17), normal(), Fault.BAD_REGISTER, 0, k, true);
        int rows = Register.OUT_ROWS.address();
        int o = last(x -> x.opcode() == Opcode.CONFIG && x.get(Field.REG) <= rows && x.get(Field.REG) + x.get(Field.COUNT) > rows);
        expect("config OUT_ROWS 0", with(o, Field.VALUES[(int) (rows - ins.get(o).get(Field.REG))], 0), normal(),
                Fault.BAD_REGISTER, 0, o, true);
    }

    @Test
    void loadPastABank() {
        int a = first(loadOf(LoadTarget.ACTIVATIONS));
        Instruction x = ins.get(a);
        long capacity = FaultBench.CONFIG.actCapacityWords();
        assertTrue(x.get(Field.N0) * x.get(Field.N1) > 1 && x.get(Field.D0) > 0 && x.get(Field.D1) > 0, x.text());
        // The first element is the last slot, the next ones are past the capacity.
        expect("activation index past capacity", with(a, Field.INDEX, capacity - 1), normal(), Fault.BANK_RANGE,
                1 << Queue.LOAD.bit(), a, true);
        int wl = first(loadOf(LoadTarget.WEIGHTS));
        long bank = ins.get(wl).get(Field.INDEX) & 63;
        assertEquals(0, bank, ins.get(wl).text());
        expect("weight bank >= OCP", with(wl, Field.INDEX, ins.get(wl).get(Field.INDEX) + FaultBench.CONFIG.ocp()),
                normal(), Fault.BANK_RANGE, 1 << Queue.LOAD.bit(), wl, true);
        int s = last(is(Opcode.SAVE));
        expect("save index past the output buffer", with(s, Field.INDEX, FaultBench.CONFIG.outputDepth()), normal(),
                Fault.BANK_RANGE, 1 << Queue.SAVE.bit(), s, true);
    }

    @Test
    void loadAndSaveOutsideTheirRegion() {
        int l = first(inRegion(Region.INPUT));
        long inputSize = bench.map.regionSize()[Region.INPUT.number()];
        expect("load at the input's bound", with(l, Field.OFFSET, inputSize), normal(), Fault.REGION_BOUNDS,
                1 << Queue.LOAD.bit(), l, true);
        int s = last(inRegion(Region.OUTPUT));
        long outSize = bench.map.regionSize()[Region.OUTPUT.number()];
        // The element straddles the bound: its first bytes are inside, the rest outside.
        expect("save straddling the output's bound", with(s, Field.OFFSET, outSize - FaultBench.CONFIG.ocp() + 1), normal(),
                Fault.REGION_BOUNDS, 1 << Queue.SAVE.bit(), s, true);
        expect("input region with BOUND 0", bench.cleanWords(), normal().withBound(Region.INPUT.number(), 0),
                Fault.REGION_BOUNDS, 1 << Queue.LOAD.bit(), l, true);
        int lastByte = firstTouching(Region.OUTPUT, outSize - 1, outSize);
        expect("output BOUND one byte short", bench.cleanWords(), normal().withBound(Region.OUTPUT.number(), outSize - 1),
                Fault.REGION_BOUNDS, 1 << Queue.SAVE.bit(), lastByte, true);
    }

    @Test
    void programWithoutEndAndMisalignedAddress() {
        int end = ins.size() - 1;
        assertEquals(Opcode.END, ins.get(end).opcode());
        expect("no END", with(end, Field.OPCODE, Opcode.NOP.code()), normal(), Fault.FETCH_BOUNDS, 0, ins.size(), true);
        NetRun r = expect("INSTR_ADDR 16 bytes off", bench.cleanWords(), normal().withInstrOffset(16), Fault.FETCH_BOUNDS,
                0, 0, false);
        for (Queue q : Queue.values()) assertEquals(0, r.done(q), "nothing executed: " + q);
    }

    @Test
    void tokenOverflow() {
        int[] clean = bench.cleanWords();
        int n = 256;
        int[] w = new int[clean.length + n * Instruction.WORDS];
        int[] nop = Instruction.nop().withTokens(Set.of(), Set.of(Queue.LOAD)).encode();
        for (int i = 0; i < n; i++) FaultBench.put(w, i, nop);
        System.arraycopy(clean, 0, w, n * Instruction.WORDS, clean.length);
        NetRun r = expect("256 unused MISC -> LOAD tokens", w, normal(), Fault.TOKEN_OVERFLOW, 1 << Queue.MISC.bit(),
                255, true);
        assertEquals(256, r.done(Queue.MISC), "the NOP whose token overflowed finished");
    }

    @Test
    void deadlockOnAWaitNobodySignals() {
        for (Instruction x : ins) assertTrue(!x.signal().contains(Queue.LOAD) || x.opcode() != Opcode.NOP, x.text());
        int l = first(is(Opcode.LOAD));
        int[] w = with(l, Field.WAIT, Queue.mask(ins.get(l).waitOn()) | 1 << Queue.MISC.bit());
        NetRun r = expect("a LOAD waiting for a MISC token", w, normal(), Fault.DEADLOCK, -1, l, true);
        assertTrue((r.faultQueue() & 1 << Queue.LOAD.bit()) != 0, "the LOAD queue is among the blocked ones");
    }

    @Test
    void errorResponsesFromDdr() {
        long inputBase = bench.map.regionBase()[Region.INPUT.number()];
        int reader = firstTouching(Region.INPUT, 0, 16);
        // LOADs overlap: the error is charged to the oldest LOAD still in flight, at most the reader itself.
        expect("SLVERR on a data read", bench.cleanWords(), normal().withError(inputBase), Fault.AXI_RESPONSE,
                1 << Queue.LOAD.bit(), first(is(Opcode.LOAD)), reader, false);
        long outBase = bench.map.regionBase()[Region.OUTPUT.number()];
        int writer = firstTouching(Region.OUTPUT, 0, 16);
        expect("SLVERR on a data write", bench.cleanWords(), normal().withError(outBase), Fault.AXI_RESPONSE,
                1 << Queue.SAVE.bit(), writer, false);
        // A fetch burst answering SLVERR: the engine blames the first instruction of that burst.
        int k = ins.size() / 2;
        int beatsPerBurst = org.jdpu.arch.isa.AxiConfig.DEFAULT.burstBeats();
        int perBurst = beatsPerBurst * Math.min(org.jdpu.arch.isa.AxiConfig.DEFAULT.dataBytes(), Instruction.BYTES)
                / Instruction.BYTES;
        int burstStart = k / perBurst * perBurst;
        expect("SLVERR on an instruction fetch", bench.cleanWords(),
                normal().withError(bench.map.instructionBase() + (long) k * Instruction.BYTES + 8), Fault.AXI_RESPONSE, 0,
                burstStart, false);
    }
}
