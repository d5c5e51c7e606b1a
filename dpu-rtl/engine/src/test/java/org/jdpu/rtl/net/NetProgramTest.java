package org.jdpu.rtl.net;

import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Queue;
import org.jdpu.cases.LayerCase;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.compiler.RunProgram;
import org.jdpu.golden.Golden;
import org.jdpu.sim.CompiledModel;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole programs through the verilated control block and core: a compiled layer's runs as
 * LOAD / CONFIG / CONV / SAVE instructions synchronised by tokens (the Java DMA models write the
 * core's banks and read its output buffer), compared with the golden model; a long random program
 * of LOADs, SAVEs and NOPs whose command order and token causality are checked against the
 * program; the counters; the interrupt and its clearing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetProgramTest {
    static final long WATCHDOG = 200_000;
    private CompiledModel model;

    @BeforeAll
    void build() {
        model = NetHarness.model();
    }

    @Test
    void compiledLayerRunsThroughQueuesAndMatchesGolden() {
        long seed = 77;
        System.out.println("NetProgramTest layer seed " + seed);
        Conv2dSpec spec = LayerCase.conv(8, 8, 8, 8, 3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1),
                LayerCase.realisticQuant(3, 3, 8), Activation.RELU);
        LayerCase lc = LayerCase.draw("net layer", seed, spec, LayerCase.Weights.REALISTIC);
        Program p = Compiler.compile(NetHarness.CONFIG, spec, lc.operands().input(), lc.operands().weights(),
                lc.operands().bias());
        int runs = p.runs().size();
        assertTrue(runs >= 2, "the layer should need several runs on the small buffers, got " + runs);

        List<Instruction> prog = new ArrayList<>();
        int configs = 0;
        for (int i = 0; i < runs; i++) {
            RunProgram rp = p.runs().get(i);
            prog.add(Instruction.load(LoadTarget.ACTIVATIONS, 2, i, 0, 1, 1, 0, 0, 0, 0)
                    .withTokens(i == 0 ? Set.of() : Set.of(Queue.SAVE), Set.of(Queue.CONV)));
            List<Instruction> cfg = configs(rp.registers());
            configs += cfg.size();
            prog.addAll(cfg);
            prog.add(Instruction.conv().withTokens(Set.of(Queue.LOAD), Set.of(Queue.SAVE)));
            prog.add(Instruction.save(3, i, 0, 1, 1, 0, 0, 0, 0)
                    .withTokens(Set.of(Queue.CONV), i + 1 < runs ? Set.of(Queue.LOAD) : Set.of()));
        }
        prog.add(Instruction.end());

        try (NetHarness h = new NetHarness(model, seed)) {
            h.load.words = c -> {
                List<long[]> words = new ArrayList<>();
                p.loads((int) c.offset(), (sel, bank, addr, limbs) -> {
                    long[] w = new long[3 + limbs.length];
                    w[0] = sel;
                    w[1] = bank;
                    w[2] = addr;
                    System.arraycopy(limbs, 0, w, 3, limbs.length);
                    words.add(w);
                });
                return words;
            };
            h.save.saveWords = c -> p.runs().get((int) c.offset()).readWords();
            long started = h.start(prog, 0x2_0000_0000L, prog.size());
            long irqAt = h.runUntilIrq(WATCHDOG);
            assertEquals(0b010, h.read(ControlRegister.STATUS), "done, no fault");
            assertEquals(0, h.read(ControlRegister.FAULT));
            assertEquals(irqAt - started, h.read(ControlRegister.CYCLES_LO), "CYCLES from START to done");
            assertEquals(0, h.read(ControlRegister.CYCLES_HI));

            byte[] out = new byte[p.outputBytes()];
            assertEquals(runs, h.save.saved.size());
            for (int i = 0; i < runs; i++) p.scatter(i, h.save.saved.get(i), out);
            Int8Tensor want = (Int8Tensor) Golden.run(spec, lc.operands().input(), lc.operands().weights(),
                    lc.operands().bias());
            assertArrayEquals(want.data(), out, "the layer's output through the queues");

            // Order: each run's start after its load finished, its save after its run, the next load after the save.
            assertEquals(runs, h.coreStarts.size());
            for (int i = 0; i < runs; i++) {
                assertEquals(i, h.load.commands.get(i).offset());
                assertEquals(i, h.save.commands.get(i).offset());
                assertTrue(h.load.finishes.get(i) < h.coreStarts.get(i), "run " + i + " started before its LOAD finished");
                assertTrue(h.coreDones.get(i) <= h.save.commands.get(i).cycle(), "SAVE " + i + " before its run finished");
                if (i > 0) {
                    assertTrue(h.save.finishes.get(i - 1) < h.load.commands.get(i).cycle(),
                            "LOAD " + i + " issued before SAVE " + (i - 1) + " finished");
                }
                NetHarness.Command c = h.load.commands.get(i);
                assertEquals(NetHarness.regionBase(2), c.base());
                assertEquals(NetHarness.regionBound(2), c.bound());
                assertEquals(NetHarness.regionBase(3), h.save.commands.get(i).base());
            }
            assertEquals(runs, h.read(ControlRegister.DONE_COUNT, Queue.LOAD.index()));
            assertEquals(runs, h.read(ControlRegister.DONE_COUNT, Queue.SAVE.index()));
            assertEquals(configs + runs, h.read(ControlRegister.DONE_COUNT, Queue.CONV.index()));
            assertEquals(0, h.read(ControlRegister.DONE_COUNT, Queue.MISC.index()));
            long loadActive = 0, runBusy = 0;
            for (int i = 0; i < runs; i++) {
                loadActive += h.load.finishes.get(i) - h.load.commands.get(i).cycle() + 1;
                runBusy += h.coreDones.get(i) - h.coreStarts.get(i);
            }
            long loadBusy = h.read(ControlRegister.BUSY_CYCLES, Queue.LOAD.index());
            assertTrue(loadBusy >= loadActive && loadBusy <= loadActive + 12L * runs,
                    "LOAD busy " + loadBusy + " for " + loadActive + " cycles of accepted commands");
            long convBusy = h.read(ControlRegister.BUSY_CYCLES, Queue.CONV.index());
            assertTrue(convBusy >= runBusy + configs && convBusy < irqAt - started,
                    "CONV busy " + convBusy + " for " + runBusy + " run cycles and " + configs + " CONFIGs");
            assertEquals(0, h.read(ControlRegister.BUSY_CYCLES, Queue.MISC.index()));
            assertTrue(h.mem.violations.isEmpty(), h.mem.violations.toString());
            System.out.println("NetProgramTest: " + runs + " runs, " + prog.size() + " instructions in "
                    + (irqAt - started) + " cycles; LOAD busy " + loadBusy + ", CONV busy " + convBusy);
        }
    }

    /** A run's register writes as CONFIG instructions of up to six consecutive registers. */
    static List<Instruction> configs(List<RegisterWrite> writes) {
        List<Instruction> out = new ArrayList<>();
        int i = 0;
        while (i < writes.size()) {
            int j = i + 1;
            while (j < writes.size() && j - i < 6 && writes.get(j).address() == writes.get(j - 1).address() + 1) j++;
            long[] values = new long[j - i];
            for (int k = i; k < j; k++) values[k - i] = writes.get(k).bits(EngineWidths.of(NetHarness.CONFIG));
            out.add(Instruction.config(writes.get(i).address(), values));
            i = j;
        }
        return out;
    }

    @Test
    void longTokenProgramKeepsOrderAndCausality() {
        long seed = 4242;
        System.out.println("NetProgramTest tokens seed " + seed);
        Random rnd = new Random(seed);
        List<Instruction> prog = TokenPrograms.random(rnd, 150);
        try (NetHarness h = new NetHarness(model, seed)) {
            h.load.behaviour = c -> new NetHarness.Behaviour(rnd.nextInt(20), 0);
            h.save.behaviour = c -> new NetHarness.Behaviour(rnd.nextInt(30), 0);
            long addr = 0x1_0000_0F00L; // the program crosses a 4 KiB boundary
            long started = h.start(prog, addr, prog.size());
            long irqAt = h.runUntilIrq(WATCHDOG);
            assertEquals(0b010, h.read(ControlRegister.STATUS));
            TokenPrograms.checkCausality(prog, h);
            int[] perQueue = TokenPrograms.perQueue(prog);
            for (Queue q : Queue.values()) {
                assertEquals(perQueue[q.index()], h.read(ControlRegister.DONE_COUNT, q.index()), q + " done count");
            }
            assertEquals(perQueue[Queue.MISC.index()], h.read(ControlRegister.BUSY_CYCLES, Queue.MISC.index()),
                    "a NOP executes for exactly one cycle");
            assertEquals(irqAt - started, h.read(ControlRegister.CYCLES_LO));
            assertTrue(h.mem.violations.isEmpty(), h.mem.violations.toString());
            assertTrue(h.mem.arCount >= prog.size() * 2L / AXI_BEATS, "bursts " + h.mem.arCount);
            System.out.println("NetProgramTest: " + prog.size() + " token instructions in " + (irqAt - started)
                    + " cycles, " + h.mem.arCount + " fetch bursts");
        }
    }

    private static final int AXI_BEATS = NetHarness.AXI.burstBeats();

    @Test
    void interruptClearsAndTheNextStartRunsAgain() {
        long seed = 9;
        System.out.println("NetProgramTest irq seed " + seed);
        List<Instruction> prog = List.of(Instruction.nop().withTokens(Set.of(), Set.of(Queue.LOAD)),
                Instruction.load(LoadTarget.WEIGHTS, 1, 5, 6, 7, 8, 9, 10, 11, 12).withTokens(Set.of(Queue.MISC), Set.of()),
                Instruction.end());
        try (NetHarness h = new NetHarness(model, seed)) {
            h.load.behaviour = c -> new NetHarness.Behaviour(100, 0);
            assertFalse(h.irq());
            h.start(prog, 0x4000, prog.size());
            assertEquals(0b001, h.read(ControlRegister.STATUS) & 0b001, "busy after START");
            h.runUntilIrq(WATCHDOG);
            NetHarness.Command c = h.load.commands.get(0);
            assertEquals(List.of(1, NetHarness.regionBase(1), NetHarness.regionBound(1), 5L, 6L, 7, 8, 9L, 10L, 11L, 12L),
                    List.of(c.target(), c.base(), c.bound(), c.offset(), c.index(), c.n0(), c.n1(), c.s0(), c.s1(), c.d0(), c.d1()));
            assertEquals(0b010, h.read(ControlRegister.STATUS));
            assertTrue(h.irq());
            h.write(ControlRegister.CTRL, 0b10);
            assertFalse(h.irq(), "CTRL bit 1 clears the interrupt");
            assertEquals(0b010, h.read(ControlRegister.STATUS), "done stays");
            assertEquals(1, h.read(ControlRegister.DONE_COUNT, Queue.MISC.index()));
            h.write(ControlRegister.CTRL, 1);
            assertEquals(0b001, h.read(ControlRegister.STATUS) & 0b011, "START clears done");
            h.runUntilIrq(WATCHDOG);
            assertEquals(0b010, h.read(ControlRegister.STATUS));
            assertEquals(1, h.read(ControlRegister.DONE_COUNT, Queue.MISC.index()), "counters restart at START");
            assertEquals(2, h.load.commands.size());
        }
    }

    static Set<Queue> none() {
        return EnumSet.noneOf(Queue.class);
    }
}
