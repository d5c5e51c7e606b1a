package org.jdpu.rtl.net;

import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Queue;
import org.jdpu.sim.CompiledModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control block with DMA engines that take commands while busy (the LOAD engine's contract):
 * it keeps several LOADs in flight (never more than {@link NetControl#DMA_IN_FLIGHT}), gives each
 * one's SIGNAL tokens at its own done, counts DONE_COUNT and BUSY_CYCLES once per cycle, does not
 * take the engine's idle moment between two dones for a deadlock, and charges a fault to the
 * command in flight that reported it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetDmaPipelineTest {
    static final long WATCHDOG = 50_000;
    private CompiledModel model;

    @BeforeAll
    void build() {
        model = NetHarness.model();
    }

    private static Instruction tagLoad(int tag) {
        return Instruction.load(LoadTarget.ACTIVATIONS, 0, tag, 0, 1, 1, 0, 0, 0, 0);
    }

    /** Work cycles per LOAD, by its tag: random, so later commands often end before earlier ones. */
    private static int[] work(long seed, int n) {
        Random rnd = new Random(seed);
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = 5 + rnd.nextInt(60);
        return w;
    }

    @Test
    void loadsOverlapAndFinishInOrder() {
        long seed = 4711;
        System.out.println("NetDmaPipelineTest overlap seed " + seed);
        int n = 24;
        int[] work = work(seed, n);
        // LOAD 5 signals MISC and LOAD 17 signals SAVE; the NOP and the SAVE wait for them. Each
        // token must come from its own LOAD's done: from any other instruction it never comes.
        List<Instruction> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instruction l = tagLoad(i);
            if (i == 5) l = l.withTokens(Set.of(), Set.of(Queue.MISC));
            if (i == 17) l = l.withTokens(Set.of(), Set.of(Queue.SAVE));
            p.add(l);
        }
        p.add(Instruction.nop().withTokens(Set.of(Queue.LOAD), Set.of()));
        p.add(Instruction.save(0, 100, 0, 1, 1, 0, 0, 0, 0).withTokens(Set.of(Queue.LOAD), Set.of()));
        p.add(Instruction.end());
        try (NetHarness h = new NetHarness(model, seed)) {
            h.load.pipelined = true;
            h.load.behaviour = c -> new NetHarness.Behaviour(work[(int) c.offset()], 0);
            long t0 = h.start(p, 0x8000, p.size());
            long irq = h.runUntilIrq(WATCHDOG);
            assertEquals(0b10, h.read(ControlRegister.STATUS), "done without a fault");
            assertEquals(n, h.read(ControlRegister.DONE_COUNT, Queue.LOAD.index()));
            assertEquals(1, h.read(ControlRegister.DONE_COUNT, Queue.MISC.index()));
            assertEquals(1, h.read(ControlRegister.DONE_COUNT, Queue.SAVE.index()));
            assertEquals(n, h.load.finishes.size());
            for (int i = 0; i < n; i++) assertEquals(i, h.load.commands.get(i).offset(), "LOADs issued in order");
            assertTrue(h.load.maxInFlight > 1, "LOADs overlapped: at most " + h.load.maxInFlight + " in flight");
            assertTrue(h.load.maxInFlight <= NetControl.DMA_IN_FLIGHT, "in flight " + h.load.maxInFlight);
            // The SAVE waits for LOAD 17's token: it is issued only after that LOAD's done.
            assertTrue(h.save.commands.getFirst().cycle() > h.load.finishes.get(17), "SAVE after LOAD 17's done");
            long serial = 0;
            for (int w : work) serial += w;
            long busy = h.read(ControlRegister.BUSY_CYCLES, Queue.LOAD.index());
            long firstIssue = h.load.commands.getFirst().cycle(), lastDone = h.load.finishes.getLast();
            System.out.printf("NetDmaPipelineTest: %d LOADs (%d work cycles serially) in %d cycles, LOAD busy %d,"
                    + " up to %d in flight%n", n, serial, irq - t0, busy, h.load.maxInFlight);
            assertTrue(busy < serial, "overlapping LOADs count once: busy " + busy + " vs serial " + serial);
            assertTrue(busy >= lastDone - firstIssue, "busy covers issue to last done: " + busy);
        }
    }

    @Test
    void aFaultIsChargedToItsCommandAfterTheEarlierOnesFinished() {
        long seed = 4712;
        System.out.println("NetDmaPipelineTest fault seed " + seed);
        int n = 16, faulting = 9;
        int[] work = work(seed, n);
        List<Instruction> p = new ArrayList<>();
        for (int i = 0; i < n; i++) p.add(tagLoad(i));
        p.add(Instruction.end());
        try (NetHarness h = new NetHarness(model, seed)) {
            h.load.pipelined = true;
            h.load.behaviour = c -> new NetHarness.Behaviour(work[(int) c.offset()],
                    c.offset() == faulting ? Fault.REGION_BOUNDS.code() : 0);
            h.start(p, 0x8000, p.size());
            h.runUntilIrq(WATCHDOG);
            assertEquals(0b110, h.read(ControlRegister.STATUS), "done and fault");
            long fault = h.read(ControlRegister.FAULT);
            assertEquals(Fault.REGION_BOUNDS, Fault.ofCode(fault & 0xFF));
            assertEquals(1 << Queue.LOAD.bit(), fault >>> 8);
            assertEquals(faulting, h.read(ControlRegister.FAULT_INSTR), "FAULT_INSTR names the faulting LOAD");
            assertEquals(faulting, h.read(ControlRegister.DONE_COUNT, Queue.LOAD.index()), "the LOADs before it finished");
            assertEquals(faulting, h.load.finishes.size());
            long faultAt = h.load.faults.getFirst();
            assertTrue(h.load.commands.stream().allMatch(c -> c.cycle() <= faultAt), "nothing issued after the fault");
            int issued = h.load.commands.size();
            for (int i = 0; i < 300; i++) h.tick();
            assertEquals(issued, h.load.commands.size(), "no LOAD after done");
        }
    }
}
