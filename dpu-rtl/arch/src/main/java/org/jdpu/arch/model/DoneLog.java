package org.jdpu.arch.model;

import java.util.Arrays;

/**
 * The done cycles of a DMA engine's commands, in order. A look-ahead copy starts empty and counts on
 * from the original's total, so copying an engine costs nothing per command already done (a
 * ResNet-50 program has a third of a million LOADs; copying their dones at every look-ahead made
 * the schedule quadratic).
 */
final class DoneLog {
    private final long base;
    private long[] cycles = new long[16];
    private int size;

    DoneLog() {
        this(0);
    }

    private DoneLog(long base) {
        this.base = base;
    }

    /** An empty log continuing this one's numbering, for a look-ahead. */
    DoneLog continuation() {
        return new DoneLog(count());
    }

    void add(long cycle) {
        if (size == cycles.length) cycles = Arrays.copyOf(cycles, 2 * size);
        cycles[size++] = cycle;
    }

    /** Commands done so far, in the original's numbering. */
    long count() {
        return base + size;
    }

    /** Whether command {@code n}'s done is in this log (not before its start, not yet to come). */
    boolean has(long n) {
        return n >= base && n < count();
    }

    long get(long n) {
        if (!has(n)) throw new IllegalArgumentException("done " + n + " is not in this log (" + base + ".." + count() + ")");
        return cycles[(int) (n - base)];
    }
}
