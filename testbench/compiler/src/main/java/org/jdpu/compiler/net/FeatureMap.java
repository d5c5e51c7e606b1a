package org.jdpu.compiler.net;

/**
 * Where one NHWC feature map lives in DDR: pixel (y, x), channel ch at byte
 * {@code offset + (y*w + x)*cs + ch} of {@code region}. The channel stride {@code cs} leaves room
 * for whole ICP and OCP channel groups; bytes of channels {@code c..cs-1} are padding.
 *
 * @param region where it lives
 * @param offset byte offset of pixel (0, 0) in the region
 * @param h      height
 * @param w      width
 * @param c      channels
 * @param cs     channel stride: bytes per pixel
 */
public record FeatureMap(Region region, long offset, int h, int w, int c, int cs) {

    public FeatureMap {
        if (offset < 0 || h < 1 || w < 1 || c < 1 || cs < c) {
            throw new IllegalArgumentException("bad feature map " + region + "+" + offset + " " + h + "x" + w + "x" + c
                    + " cs " + cs);
        }
    }

    /** {@code cs(C) = max(roundUp(C, ICP), roundUp(C, OCP))}: whole load groups and whole save groups fit a pixel. */
    public static int channelStride(int c, int icp, int ocp) {
        return Math.max(roundUp(c, icp), roundUp(c, ocp));
    }

    /** Bytes the feature map occupies. */
    public long bytes() {
        return (long) h * w * cs;
    }

    /** Byte offset of pixel (y, x), channel 0, in the region. */
    public long pixel(int y, int x) {
        return offset + ((long) y * w + x) * cs;
    }

    /** The tensor shape {@code [1, h, w, c]}. */
    public int[] shape() {
        return new int[] {1, h, w, c};
    }

    static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }
}
