package org.jdpu.rtl.net;

import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random sequentially valid programs of LOADs, SAVEs and NOPs with random tokens (every wait finds
 * a token when the program runs one instruction at a time), each LOAD and SAVE tagged with its
 * instruction index in OFFSET; and the checks of a run against them.
 */
final class TokenPrograms {
    private TokenPrograms() {}

    private static final Queue[] QUEUES = {Queue.LOAD, Queue.SAVE, Queue.MISC};

    /** {@code n} instructions and an END. */
    static List<Instruction> random(Random rnd, int n) {
        int[][] tokens = new int[Queue.COUNT][Queue.COUNT];
        List<Instruction> prog = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Queue q = QUEUES[rnd.nextInt(QUEUES.length)];
            EnumSet<Queue> wait = EnumSet.noneOf(Queue.class), signal = EnumSet.noneOf(Queue.class);
            for (Queue p : QUEUES) {
                if (p == q) continue;
                if (tokens[p.index()][q.index()] > 0 && rnd.nextInt(2) == 0) {
                    wait.add(p);
                    tokens[p.index()][q.index()]--;
                }
                if (tokens[q.index()][p.index()] < 100 && rnd.nextInt(5) < 2) {
                    signal.add(p);
                    tokens[q.index()][p.index()]++;
                }
            }
            Instruction base = switch (q) {
                case LOAD -> Instruction.load(LoadTarget.values()[rnd.nextInt(3)], rnd.nextInt(4), i, rnd.nextInt(1 << 20),
                        rnd.nextInt(100), rnd.nextInt(100), rnd.nextInt(), rnd.nextInt(), rnd.nextInt(), rnd.nextInt());
                case SAVE -> Instruction.save(rnd.nextInt(4), i, rnd.nextInt(1 << 20), rnd.nextInt(100), rnd.nextInt(100),
                        rnd.nextInt(), rnd.nextInt(), rnd.nextInt(), rnd.nextInt());
                default -> Instruction.nop();
            };
            prog.add(base.withTokens(wait, signal));
        }
        prog.add(Instruction.end());
        return prog;
    }

    /** Instructions per queue (END not counted). */
    static int[] perQueue(List<Instruction> prog) {
        int[] n = new int[Queue.COUNT];
        for (Instruction x : prog) {
            if (x.opcode().queue() != null) n[x.opcode().queue().index()]++;
        }
        return n;
    }

    /**
     * Each DMA queue's commands came in program order with the instruction's fields (base and bound from
     * its region), and every LOAD or SAVE waiting on the other DMA queue was issued only after the
     * instruction that gave it that token had finished.
     */
    static void checkCausality(List<Instruction> prog, NetHarness h) {
        List<Integer> loads = new ArrayList<>(), saves = new ArrayList<>();
        for (int i = 0; i < prog.size(); i++) {
            if (prog.get(i).opcode() == Opcode.LOAD) loads.add(i);
            if (prog.get(i).opcode() == Opcode.SAVE) saves.add(i);
        }
        assertEquals(loads.size(), h.load.commands.size(), "LOAD commands");
        assertEquals(saves.size(), h.save.commands.size(), "SAVE commands");
        for (int k = 0; k < loads.size(); k++) checkFields(prog.get(loads.get(k)), loads.get(k), h.load.commands.get(k));
        for (int k = 0; k < saves.size(); k++) checkFields(prog.get(saves.get(k)), saves.get(k), h.save.commands.get(k));
        check(prog, h, Queue.LOAD, loads, h.load, Queue.SAVE, saves, h.save);
        check(prog, h, Queue.SAVE, saves, h.save, Queue.LOAD, loads, h.load);
    }

    private static void checkFields(Instruction x, int index, NetHarness.Command c) {
        assertEquals(index, c.offset(), "command order");
        int region = (int) x.get(org.jdpu.arch.isa.Field.REGION);
        assertEquals(NetHarness.regionBase(region), c.base(), "base of instruction " + index);
        assertEquals(NetHarness.regionBound(region), c.bound(), "bound of instruction " + index);
        assertEquals(x.get(org.jdpu.arch.isa.Field.INDEX), c.index());
        assertEquals(x.get(org.jdpu.arch.isa.Field.N0), c.n0());
        assertEquals(x.get(org.jdpu.arch.isa.Field.N1), c.n1());
        assertEquals(x.get(org.jdpu.arch.isa.Field.S0), c.s0());
        assertEquals(x.get(org.jdpu.arch.isa.Field.S1), c.s1());
        assertEquals(x.get(org.jdpu.arch.isa.Field.D0), c.d0());
        assertEquals(x.get(org.jdpu.arch.isa.Field.D1), c.d1());
        if (x.opcode() == Opcode.LOAD) assertEquals(x.get(org.jdpu.arch.isa.Field.TARGET), c.target());
    }

    private static void check(List<Instruction> prog, NetHarness h, Queue q, List<Integer> mine, NetHarness.Dma myDma,
                              Queue p, List<Integer> theirs, NetHarness.Dma theirDma) {
        List<Integer> givers = new ArrayList<>();
        for (int k = 0; k < theirs.size(); k++) {
            if (prog.get(theirs.get(k)).signal().contains(q)) givers.add(k);
        }
        int taken = 0;
        for (int k = 0; k < mine.size(); k++) {
            if (!prog.get(mine.get(k)).waitOn().contains(p)) continue;
            int giver = givers.get(taken++);
            long given = theirDma.finishes.get(giver), issued = myDma.commands.get(k).cycle();
            assertTrue(issued > given, q + " instruction " + mine.get(k) + " issued at " + issued + " before " + p
                    + " instruction " + theirs.get(giver) + " finished at " + given);
        }
    }
}
