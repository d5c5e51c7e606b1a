package org.jdpu.arch.plan;

/**
 * Where each stored input word lives in the activation buffer during one run.
 *
 * <p>A word is ICP channels of one input pixel. Words are numbered by a linear slot
 * {@code ((row * icGroups + icg) * rowWidth) + column slot}; within a row the columns are stored
 * phase by phase for the horizontal stride s (all columns = 0 mod s, then 1 mod s, ...), so the
 * PP output pixels of a step always read PP consecutive slots, whatever the stride. Every phase
 * takes {@code ceil(cols / s)} slots (a phase with one column fewer leaves its last slot unused), so
 * phase r starts at {@code r * ceil(cols / s)}: the slot of column {@code j*s + r} is affine in
 * (r, j), and one LOAD can take a row's columns in DDR order and still place each in its phase. Slot
 * {@code L} lives in bank {@code L mod banks} at address {@code L / banks}; the bank count is a
 * power of two of at least PP, so consecutive slots never share a bank.
 *
 * @param rows     stored input rows
 * @param cols     stored input columns
 * @param icGroups input-channel groups of ICP channels
 * @param stride   horizontal stride of the layer
 * @param banks    activation banks (a power of two)
 */
public record ActivationLayout(int rows, int cols, int icGroups, int stride, int banks) {

    public ActivationLayout {
        if (Integer.bitCount(banks) != 1) throw new IllegalArgumentException("banks must be a power of two");
    }

    /** Stored columns of phase {@code r} (those with column index = r mod stride). */
    public int phaseCount(int r) {
        return r >= cols ? 0 : (cols - r + stride - 1) / stride;
    }

    /** Slots of every phase: the longest phase's column count. */
    public int phaseLength() {
        return (cols + stride - 1) / stride;
    }

    /** Column slots of one row of one channel group: {@code stride * phaseLength()}, at least {@code cols}. */
    public int rowWidth() {
        return stride * phaseLength();
    }

    /** Column slot where phase {@code r} starts within a row. */
    public int phaseOffset(int r) {
        return r * phaseLength();
    }

    /** Linear slot of (stored row, channel group, stored column). */
    public long slot(int row, int icg, int col) {
        return ((long) row * icGroups + icg) * rowWidth() + phaseOffset(col % stride) + col / stride;
    }

    /** Words the run stores (what is loaded). */
    public long words() {
        return (long) rows * icGroups * cols;
    }

    /** Slots the run's words span, unused phase ends included: what must fit the buffer (or its half). */
    public long span() {
        return (long) rows * icGroups * rowWidth();
    }

    public int bank(long slot) {
        return (int) (slot & (banks - 1));
    }

    public int address(long slot) {
        return (int) (slot >> Integer.numberOfTrailingZeros(banks));
    }
}
