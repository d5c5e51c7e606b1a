package org.jdpu.compiler.net;

import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns explicit dependencies into WAIT and SIGNAL bits.
 *
 * <p>Input: the instructions in program order, and for each one the earlier instructions (of any
 * queue) that must have finished before it starts. A dependency on the same queue is free (queues
 * are in order). For another queue P, only the latest producer matters (P finishes in order), and
 * nothing is needed when the consumer already knows that producer finished: a vector clock per
 * instruction records, for each queue, the latest instruction known to have finished before it
 * starts, through its own queue and the tokens it and its queue predecessors took. The latest
 * producer is waited for first, so its clock can make the wait for an earlier one unnecessary.
 *
 * <p>Tokens of a pair (P -> Q) are counted: the k-th wait of Q on P can start once the k-th
 * signalling instruction of P to Q has finished. The producers that signal Q are exactly the ones
 * some Q instruction needs, and the needs of Q on P grow strictly along Q's program order (a need
 * not beyond what the clock already covers is dropped), so the k-th wait is matched with exactly
 * the producer it needs, and one wait bit per pair and instruction always suffices: no zero-length
 * helper instructions are ever needed. Every signal is consumed by exactly one wait, so no counter
 * grows without bound, and since each producer comes before its consumer the program is
 * sequentially valid ({@link #checkSequential}).
 */
public final class TokenAssigner {
    private TokenAssigner() {}

    /** Largest value of a token counter. */
    public static final int COUNTER_MAX = 255;

    /**
     * The instructions with their token bits set (existing bits are replaced).
     *
     * @param deps for instruction i, indices j < i of instructions it must wait for
     * @throws IllegalArgumentException for a dependency that is not earlier, or one of or on END
     */
    public static List<Instruction> assign(List<Instruction> program, List<? extends Collection<Integer>> deps) {
        int n = program.size();
        if (deps.size() != n) throw new IllegalArgumentException(deps.size() + " dependency lists for " + n + " instructions");
        int q = Queue.COUNT;
        int[][] clock = new int[n][];
        int[][] lastClock = new int[q][];
        int[] lastIndex = new int[q];
        java.util.Arrays.fill(lastIndex, -1);
        List<Set<Queue>> waits = new ArrayList<>(n), signals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            waits.add(EnumSet.noneOf(Queue.class));
            signals.add(EnumSet.noneOf(Queue.class));
        }
        for (int i = 0; i < n; i++) {
            Queue own = program.get(i).opcode().queue();
            Collection<Integer> d = deps.get(i);
            if (own == null) {
                if (!d.isEmpty()) throw new IllegalArgumentException("instruction " + i + " (end) cannot wait for anything");
                continue;
            }
            int[] need = new int[q];
            java.util.Arrays.fill(need, -1);
            for (int j : d) {
                if (j < 0 || j >= i) throw new IllegalArgumentException("instruction " + i + " depends on " + j + ", not an earlier one");
                Queue p = program.get(j).opcode().queue();
                if (p == null) throw new IllegalArgumentException("instruction " + i + " depends on an end");
                need[p.index()] = Math.max(need[p.index()], j);
            }
            int[] c = new int[q];
            java.util.Arrays.fill(c, -1);
            int prev = lastIndex[own.index()];
            if (prev >= 0) {
                merge(c, lastClock[own.index()]);
                c[own.index()] = Math.max(c[own.index()], prev);
            }
            // Latest producer first: its clock may already cover the others.
            Queue[] byLatest = Queue.values().clone();
            java.util.Arrays.sort(byLatest, (a, b) -> Integer.compare(need[b.index()], need[a.index()]));
            for (Queue p : byLatest) {
                int j = need[p.index()];
                if (p == own || j <= c[p.index()]) continue;
                waits.get(i).add(p);
                signals.get(j).add(own);
                merge(c, clock[j]);
                c[p.index()] = Math.max(c[p.index()], j);
            }
            clock[i] = c;
            lastClock[own.index()] = c;
            lastIndex[own.index()] = i;
        }
        List<Instruction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(program.get(i).withTokens(waits.get(i), signals.get(i)));
        return out;
    }

    private static void merge(int[] into, int[] from) {
        for (int k = 0; k < into.length; k++) into[k] = Math.max(into[k], from[k]);
    }

    /**
     * Executes the token protocol one instruction at a time in program order, as the ISS does,
     * and returns the largest counter value reached.
     *
     * @throws IllegalStateException when a WAIT finds its counter at zero (the program is not
     *         sequentially valid) or a counter would pass {@value #COUNTER_MAX}
     */
    public static int checkSequential(List<Instruction> program) {
        int[][] counter = new int[Queue.COUNT][Queue.COUNT];
        int max = 0;
        for (int i = 0; i < program.size(); i++) {
            Instruction ins = program.get(i);
            Queue own = ins.opcode().queue();
            if (own == null) continue;
            for (Queue p : ins.waitOn()) {
                if (p == own) continue;
                if (counter[p.index()][own.index()] == 0) {
                    throw new IllegalStateException("instruction " + i + " (" + ins.opcode().mnemonic() + ") waits on "
                            + p.label() + " but no " + p.label() + " token is available: the program is not sequentially valid");
                }
                counter[p.index()][own.index()]--;
            }
            for (Queue d : ins.signal()) {
                if (d == own) continue;
                if (++counter[own.index()][d.index()] > COUNTER_MAX) {
                    throw new IllegalStateException("instruction " + i + " pushes the " + own.label() + " -> " + d.label()
                            + " token counter past " + COUNTER_MAX);
                }
                max = Math.max(max, counter[own.index()][d.index()]);
            }
        }
        return max;
    }
}
