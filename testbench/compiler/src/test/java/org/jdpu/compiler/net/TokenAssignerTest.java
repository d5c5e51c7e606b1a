package org.jdpu.compiler.net;

import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Queue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-made dependency graphs: exact bits, pruning, sequential validity, and every dependency honoured. */
class TokenAssignerTest {
    private static final Instruction L = Instruction.load(LoadTarget.ACTIVATIONS, 2, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final Instruction S = Instruction.save(1, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final Instruction C = Instruction.conv();
    private static final Instruction N = Instruction.nop();

    private static List<Instruction> assign(List<Instruction> p, List<List<Integer>> deps) {
        List<Instruction> out = TokenAssigner.assign(p, deps);
        TokenAssigner.checkSequential(out);
        assertHonoured(out, deps);
        return out;
    }

    /**
     * Every dependency j -> i holds in every schedule the tokens allow: j is before i in i's queue,
     * or reachable through matched tokens (k-th signal of a pair to the k-th wait) and queue order.
     */
    static void assertHonoured(List<Instruction> p, List<List<Integer>> deps) {
        int n = p.size();
        int[][] clock = new int[n][];
        int[] last = {-1, -1, -1, -1};
        List<List<java.util.ArrayDeque<Integer>>> tokens = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            List<java.util.ArrayDeque<Integer>> row = new ArrayList<>();
            for (int b = 0; b < 4; b++) row.add(new java.util.ArrayDeque<>());
            tokens.add(row);
        }
        for (int i = 0; i < n; i++) {
            Queue q = p.get(i).opcode().queue();
            int[] c = {-1, -1, -1, -1};
            if (last[q.index()] >= 0) {
                int prev = last[q.index()];
                for (int k = 0; k < 4; k++) c[k] = Math.max(c[k], clock[prev][k]);
                c[q.index()] = prev;
            }
            for (Queue from : p.get(i).waitOn()) {
                int s = tokens.get(from.index()).get(q.index()).poll();
                for (int k = 0; k < 4; k++) c[k] = Math.max(c[k], clock[s][k]);
                c[from.index()] = Math.max(c[from.index()], s);
            }
            clock[i] = c;
            last[q.index()] = i;
            for (Queue to : p.get(i).signal()) tokens.get(q.index()).get(to.index()).add(i);
            for (int j : deps.get(i)) {
                Queue qj = p.get(j).opcode().queue();
                assertTrue(qj == q ? j < i : j <= c[qj.index()], "instruction " + i + " may start before " + j + " has finished");
            }
        }
        for (List<java.util.ArrayDeque<Integer>> row : tokens) {
            for (java.util.ArrayDeque<Integer> t : row) assertTrue(t.isEmpty(), "a signal nobody waits for");
        }
    }

    @Test
    void oneProducerOneConsumer() {
        List<Instruction> out = assign(List.of(L, C), List.of(List.of(), List.of(0)));
        assertEquals(Set.of(Queue.CONV), out.get(0).signal());
        assertEquals(Set.of(Queue.LOAD), out.get(1).waitOn());
        assertEquals(Set.of(), out.get(0).waitOn());
        assertEquals(Set.of(), out.get(1).signal());
    }

    @Test
    void onlyTheLatestProducerOfAQueueSignals() {
        // Three loads, a conv needing all of them: the last one signals, one wait.
        List<Instruction> out = assign(List.of(L, L, L, C), List.of(List.of(), List.of(), List.of(), List.of(0, 1, 2)));
        assertEquals(Set.of(), out.get(0).signal());
        assertEquals(Set.of(), out.get(1).signal());
        assertEquals(Set.of(Queue.CONV), out.get(2).signal());
        assertEquals(Set.of(Queue.LOAD), out.get(3).waitOn());
    }

    @Test
    void aDependencyAlreadyKnownThroughItsQueueTakesNoToken() {
        // C1 waits on L0; C2 (after C1 in the CONV queue) needs L0 too: no second token.
        List<Instruction> out = assign(List.of(L, C, C), List.of(List.of(), List.of(0), List.of(0)));
        assertEquals(Set.of(), out.get(2).waitOn());
    }

    @Test
    void transitiveKnowledgeThroughAnotherQueue() {
        // L0 -> C1 -> S2; S2 also needs L0, which C1 already waited for: S2 takes only the CONV token.
        List<Instruction> out = assign(List.of(L, C, S), List.of(List.of(), List.of(0), List.of(0, 1)));
        assertEquals(Set.of(Queue.CONV), out.get(2).waitOn());
        assertEquals(Set.of(Queue.CONV), out.get(0).signal());
    }

    @Test
    void sameQueueDependenciesAreFree() {
        List<Instruction> out = assign(List.of(L, L), List.of(List.of(), List.of(0)));
        assertTrue(out.get(0).signal().isEmpty() && out.get(1).waitOn().isEmpty());
    }

    @Test
    void doubleBufferedPipeline() {
        // L0 L1 C0 S0 L2 C1 S1 L3 C2 S2: L(r+2) after C(r), C(r) after L(r) and S(r-2), S(r) after C(r).
        List<Instruction> p = List.of(L, L, C, S, L, C, S, L, C, S);
        List<List<Integer>> d = List.of(List.of(), List.of(), List.of(0), List.of(2), List.of(2), List.of(1), List.of(5),
                List.of(5), List.of(4, 3), List.of(8));
        List<Instruction> out = assign(p, d);
        assertEquals(Set.of(Queue.LOAD, Queue.SAVE), out.get(8).waitOn(), "C2 waits for L2 and for S0");
        assertEquals(Set.of(Queue.LOAD, Queue.SAVE), out.get(2).signal(), "C0 frees L2's half and feeds S0");
    }

    @Test
    void randomGraphsAreHonouredAndSequentiallyValid() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("TokenAssignerTest seed " + seed);
        Random rnd = new Random(seed);
        Instruction[] kinds = {L, S, C, N};
        for (int t = 0; t < 300; t++) {
            int n = 1 + rnd.nextInt(40);
            List<Instruction> p = new ArrayList<>();
            List<List<Integer>> d = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                p.add(kinds[rnd.nextInt(kinds.length)]);
                List<Integer> di = new ArrayList<>();
                for (int k = rnd.nextInt(4); k > 0 && i > 0; k--) di.add(rnd.nextInt(i));
                d.add(di);
            }
            try {
                assign(p, d);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " graph " + t + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void sequentialCheckRejectsAWaitWithoutToken() {
        List<Instruction> p = List.of(C.withTokens(Set.of(Queue.LOAD), Set.of()), L.withTokens(Set.of(), Set.of(Queue.CONV)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TokenAssigner.checkSequential(p));
        assertTrue(e.getMessage().contains("instruction 0 (conv) waits on load"), e.getMessage());
    }

    @Test
    void sequentialCheckRejectsCounterOverflow() {
        List<Instruction> p = new ArrayList<>();
        for (int i = 0; i < 256; i++) p.add(L.withTokens(Set.of(), Set.of(Queue.CONV)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TokenAssigner.checkSequential(p));
        assertTrue(e.getMessage().contains("past 255"), e.getMessage());
    }

    @Test
    void refusesLaterOrEndDependencies() {
        assertThrows(IllegalArgumentException.class, () -> TokenAssigner.assign(List.of(L, C), List.of(List.of(1), List.of())));
        assertThrows(IllegalArgumentException.class, () -> TokenAssigner.assign(List.of(L, Instruction.end()), List.of(List.of(), List.of(0))));
    }
}
