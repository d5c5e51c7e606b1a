package org.jdpu.arch.plan;

import org.jdpu.arch.DpuConfig;

/**
 * One engine run: the part of a layer that fits the buffers at once. It computes output rows
 * [oy0, oy1), columns [ox0, ox1) and output-channel groups [ocg0, ocg1) from the stored input
 * rows [iy0, iy1) and columns [ix0, ix1).
 *
 * <p>A layer whose weights do not fit a bank is split into input-channel slices: a sliced run
 * reduces only input-channel groups [icg0, icg1) ({@code icg1 > 0}); the runs of one output region's
 * slices follow each other, the first and middle ones keep their int32 sums on chip (PSUM_MODE), the
 * last adds them and requantises. An unsliced run has {@code icg0 = icg1 = 0} and reduces every group.
 */
public record Run(int oy0, int oy1, int ox0, int ox1, int ocg0, int ocg1,
                  int iy0, int iy1, int ix0, int ix1, int icg0, int icg1) {

    /** An unsliced run: every input-channel group. */
    public Run(int oy0, int oy1, int ox0, int ox1, int ocg0, int ocg1, int iy0, int iy1, int ix0, int ix1) {
        this(oy0, oy1, ox0, ox1, ocg0, ocg1, iy0, iy1, ix0, ix1, 0, 0);
    }

    /** The same run restricted to input-channel groups [from, to). */
    public Run slice(int from, int to) {
        return new Run(oy0, oy1, ox0, ox1, ocg0, ocg1, iy0, iy1, ix0, ix1, from, to);
    }

    /** True for one input-channel slice of a split reduction. */
    public boolean sliced() {
        return icg1 > 0;
    }

    /** Input-channel groups the run reduces. */
    public int icGroups(DpuConfig c, ConvGeometry g) {
        return sliced() ? icg1 - icg0 : g.icGroups(c);
    }

    /** Reduction steps of one of the run's tiles: kernel taps x its input-channel groups. */
    public int steps(DpuConfig c, ConvGeometry g) {
        return g.kh() * g.kw() * icGroups(c, g);
    }

    /** True when the run adds the partial sums its earlier slices kept (PSUM_MODE bit 0). */
    public boolean addsSums() {
        return sliced() && icg0 > 0;
    }

    /** True when the run keeps its sums for a later slice and writes no output (PSUM_MODE bit 1). */
    public boolean keepsSums(DpuConfig c, ConvGeometry g) {
        return sliced() && icg1 < g.icGroups(c);
    }

    /** The PSUM_MODE value of the run. */
    public int psumMode(DpuConfig c, ConvGeometry g) {
        return (addsSums() ? 1 : 0) | (keepsSums(c, g) ? 2 : 0);
    }

    public int outRows() {
        return oy1 - oy0;
    }

    public int outCols() {
        return ox1 - ox0;
    }

    public int ocGroups() {
        return ocg1 - ocg0;
    }

    public int inRows() {
        return iy1 - iy0;
    }

    public int inCols() {
        return ix1 - ix0;
    }

    /** Pixel groups per output row: PP output columns each. */
    public int pixelGroups(int pp) {
        return (outCols() + pp - 1) / pp;
    }

    /** Output tiles (PP pixels x OCP channels each) the run computes. */
    public long tiles(int pp) {
        return (long) outRows() * pixelGroups(pp) * ocGroups();
    }

    /** True when the run reads exactly the same stored input as {@code other} (no reload needed). */
    public boolean sameInput(Run other) {
        return other != null && iy0 == other.iy0 && iy1 == other.iy1 && ix0 == other.ix0 && ix1 == other.ix1
                && icg0 == other.icg0 && icg1 == other.icg1;
    }

    /** True when the run uses the same output-channel groups as {@code other} (same weights and bias). */
    public boolean sameChannels(Run other) {
        return other != null && ocg0 == other.ocg0 && ocg1 == other.ocg1 && icg0 == other.icg0 && icg1 == other.icg1;
    }
}
