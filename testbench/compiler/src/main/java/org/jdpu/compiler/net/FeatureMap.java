package org.jdpu.compiler.net;

/**
 * Where one feature map lives in DDR, in one of two layouts:
 * <ul>
 *   <li><b>interleaved</b> ({@code group == 0}): NHWC, pixel (y, x) channel ch at byte
 *       {@code offset + (y*w + x)*cs + ch}; the channel stride {@code cs} leaves room for whole ICP
 *       and OCP channel groups (bytes of channels {@code c..cs-1} are padding);</li>
 *   <li><b>grouped</b> ({@code group == P > 0}, used when ICP = OCP = P): the channels in groups of P,
 *       each group a plane of whole rows, {@code offset + ((y*G + ch/P)*w + x)*P + ch%P} with
 *       {@code G = cs/P} groups. A SAVE of one output-channel group and a LOAD of one input-channel
 *       group then move whole rows of consecutive words, which the AXI bursts stream; interleaved,
 *       consecutive pixels of one group are {@code cs} bytes apart and every word is a burst of its own.</li>
 * </ul>
 *
 * @param region where it lives
 * @param offset byte offset of pixel (0, 0), channel 0, in the region
 * @param h      height
 * @param w      width
 * @param c      channels
 * @param cs     bytes per pixel (channel stride when interleaved, {@code G*P} when grouped)
 * @param group  0 for interleaved, else the channels per group
 */
public record FeatureMap(Region region, long offset, int h, int w, int c, int cs, int group) {

    public FeatureMap {
        if (offset < 0 || h < 1 || w < 1 || c < 1 || cs < c || group < 0 || (group > 0 && cs % group != 0)) {
            throw new IllegalArgumentException("bad feature map " + region + "+" + offset + " " + h + "x" + w + "x" + c
                    + " cs " + cs + " group " + group);
        }
    }

    /** An interleaved (NHWC) feature map. */
    public FeatureMap(Region region, long offset, int h, int w, int c, int cs) {
        this(region, offset, h, w, c, cs, 0);
    }

    /**
     * The layout the compiler gives a feature map of {@code c} channels on a configuration: grouped by
     * P when ICP = OCP = P, otherwise interleaved with {@link #channelStride}.
     */
    public static FeatureMap of(Region region, long offset, int h, int w, int c, int icp, int ocp) {
        if (icp == ocp) return new FeatureMap(region, offset, h, w, c, roundUp(c, icp), icp);
        return new FeatureMap(region, offset, h, w, c, channelStride(c, icp, ocp), 0);
    }

    /** {@code cs(C) = max(roundUp(C, ICP), roundUp(C, OCP))}: whole load groups and whole save groups fit a pixel. */
    public static int channelStride(int c, int icp, int ocp) {
        return Math.max(roundUp(c, icp), roundUp(c, ocp));
    }

    public boolean grouped() {
        return group > 0;
    }

    /** Bytes the feature map occupies (for a channel slice, as many as its whole parent, from the slice's offset). */
    public long bytes() {
        return (long) h * w * cs;
    }

    /** One past the last byte of its channels: how far a reader of the map reaches into its region. */
    public long end() {
        return at(h - 1, w - 1, c - 1) + 1;
    }

    /**
     * Channels {@code [first, first + channels)} of this map as a map of their own, in the same
     * bytes: what a producer writes into when its output is placed inside a concat. Grouped, the
     * slice starts at a plane ({@code first} a multiple of the group); interleaved, at a byte of
     * the pixel.
     */
    public FeatureMap slice(int first, int channels) {
        if (first < 0 || channels < 1 || first + channels > c) {
            throw new IllegalArgumentException("channels " + first + ".." + (first + channels - 1) + " of a map of " + c);
        }
        if (!grouped()) return new FeatureMap(region, offset + first, h, w, channels, cs, 0);
        if (first % group != 0) throw new IllegalArgumentException("a grouped slice starts at a multiple of " + group + ", not " + first);
        return new FeatureMap(region, offset + (long) first / group * w * group, h, w, channels, cs, group);
    }

    /** Byte offset of pixel (y, x), channel {@code ch}, in the region. */
    public long at(int y, int x, int ch) {
        if (!grouped()) return offset + ((long) y * w + x) * cs + ch;
        int groups = cs / group;
        return offset + (((long) y * groups + ch / group) * w + x) * group + ch % group;
    }

    /** DDR step between horizontally neighbouring pixels of one channel. */
    public long pixelStep() {
        return grouped() ? group : cs;
    }

    /** DDR step between vertically neighbouring pixels of one channel. */
    public long rowStep() {
        return (long) w * cs;
    }

    /** DDR step between channel {@code ch} and {@code ch + step} of one pixel, for a step that is a multiple of the group. */
    public long channelStep(int step) {
        return grouped() ? (long) step / group * w * group : step;
    }

    /** The tensor shape {@code [1, h, w, c]}. */
    public int[] shape() {
        return new int[] {1, h, w, c};
    }

    static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }
}
