package org.jdpu.spec;

/** Height, width and channels of one NHWC activation tensor (batch is always 1). */
public record FeatureShape(int h, int w, int c) {
    /** The matching tensor shape {@code [1, h, w, c]}. */
    public int[] tensorShape() {
        return new int[] {1, h, w, c};
    }

    @Override
    public String toString() {
        return h + "x" + w + "x" + c;
    }
}
