package org.jdpu.arch.model;

import java.util.ArrayDeque;

/**
 * The timing of the hardware FIFO ({@code org.jdpu.hdl.lib.Fifo}) cycle by cycle, for the engine
 * models: a register ring (a word pushed in cycle t can leave in t + 1) or a memory behind a
 * two-word buffer (t + 3, the buffer refilled by registered reads), each with the same ready rule
 * as the hardware. Call {@link #valid}, {@link #ready} and {@link #head} for the current cycle,
 * then {@link #step} once with what was pushed and whether the head left.
 */
final class CycleFifo<T> {
    private final int depth;
    private final boolean memory;
    private final ArrayDeque<T> words = new ArrayDeque<>();
    private int ramCount, bufCount;
    private boolean inflight;

    CycleFifo(int depth, boolean memory) {
        this.depth = depth;
        this.memory = memory;
    }

    /** A copy in the same state (the words themselves are shared; they are immutable). */
    CycleFifo<T> copy() {
        CycleFifo<T> c = new CycleFifo<>(depth, memory);
        c.words.addAll(words);
        c.ramCount = ramCount;
        c.bufCount = bufCount;
        c.inflight = inflight;
        return c;
    }

    /** The storage the hardware FIFO picks for {@code depth} by default. */
    static <T> CycleFifo<T> byDepth(int depth) {
        return new CycleFifo<>(depth, depth >= 32);
    }

    boolean valid() {
        return memory ? bufCount > 0 : !words.isEmpty();
    }

    boolean ready() {
        return memory ? ramCount != depth - 2 : words.size() != depth;
    }

    T head() {
        return words.peekFirst();
    }

    /** Words pushed and not yet popped, wherever they are inside. */
    int size() {
        return words.size();
    }

    /** Ends the cycle: {@code pushed} (null for none) enters, the head leaves when {@code pop}. */
    void step(T pushed, boolean pop) {
        if (pop && !valid()) throw new IllegalStateException("pop of an empty FIFO");
        if (pushed != null && !ready()) throw new IllegalStateException("push into a full FIFO");
        if (memory) {
            boolean issue = ramCount != 0 && ((bufCount + (inflight ? 1 : 0)) < 2 || pop);
            bufCount += (inflight ? 1 : 0) - (pop ? 1 : 0);
            inflight = issue;
            ramCount += (pushed != null ? 1 : 0) - (issue ? 1 : 0);
        }
        if (pop) words.pollFirst();
        if (pushed != null) words.addLast(pushed);
    }
}
