package org.jdpu.arch.plan;

/**
 * Where a run's data starts in each on-chip buffer. A single-layer run uses {@link #ZERO}; a
 * compiled network alternates between the two halves of double-buffered banks, so the next run's
 * loads and the previous run's saves touch the half the current run does not.
 *
 * @param slot   activation slot of the stored input's first word (a multiple of the bank count)
 * @param weight weight-bank address of the first step of the first channel group
 * @param bias   bias address of the first channel group
 * @param output output-buffer address of the first word
 */
public record BufferBases(long slot, int weight, int bias, int output) {
    public static final BufferBases ZERO = new BufferBases(0, 0, 0, 0);

    public BufferBases {
        if (slot < 0 || weight < 0 || bias < 0 || output < 0) throw new IllegalArgumentException("buffer bases are not negative");
    }
}
