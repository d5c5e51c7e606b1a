package org.jdpu.arch.plan;

/**
 * One engine run: the part of a layer that fits the buffers at once. It computes output rows
 * [oy0, oy1), columns [ox0, ox1) and output-channel groups [ocg0, ocg1) from the stored input
 * rows [iy0, iy1) and columns [ix0, ix1).
 */
public record Run(int oy0, int oy1, int ox0, int ox1, int ocg0, int ocg1,
                  int iy0, int iy1, int ix0, int ix1) {

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
        return other != null && iy0 == other.iy0 && iy1 == other.iy1 && ix0 == other.ix0 && ix1 == other.ix1;
    }

    /** True when the run uses the same output-channel groups as {@code other} (same weights and bias). */
    public boolean sameChannels(Run other) {
        return other != null && ocg0 == other.ocg0 && ocg1 == other.ocg1;
    }
}
