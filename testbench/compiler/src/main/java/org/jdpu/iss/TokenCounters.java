package org.jdpu.iss;

import org.jdpu.arch.isa.Queue;

/**
 * The dependency-token counters: one 8-bit counter per ordered pair of distinct queues
 * (src -> dst), 12 in all, zero at START.
 */
public final class TokenCounters {
    /** A counter holds 0..255; one more token is a TOKEN_OVERFLOW fault. */
    public static final int MAX = 255;
    private final int[][] count = new int[Queue.COUNT][Queue.COUNT];

    /** Tokens {@code src} has given {@code dst} that {@code dst} has not taken yet. */
    public int get(Queue src, Queue dst) {
        if (src == dst) throw new IllegalArgumentException("a queue has no counter to itself: " + src);
        return count[src.index()][dst.index()];
    }

    void take(Queue src, Queue dst) {
        count[src.index()][dst.index()]--;
    }

    /** Gives one token; false (nothing changed) when the counter is already at {@link #MAX}. */
    boolean give(Queue src, Queue dst) {
        if (count[src.index()][dst.index()] == MAX) return false;
        count[src.index()][dst.index()]++;
        return true;
    }
}
