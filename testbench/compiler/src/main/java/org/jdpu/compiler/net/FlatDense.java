package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int8Tensor;

/**
 * How a dense layer on a map larger than the core's kernel runs: as a 1x1 convolution of one
 * pixel whose channels are the input map's bytes in DDR, in their stored order.
 *
 * <p>A dense layer on a map of at most {@link DpuConfig#MAX_KERNEL} x {@link DpuConfig#MAX_KERNEL}
 * (and whose taps fit a weight bank) runs as the convolution whose kernel is the whole map. A larger one (a 28x28 image flattened into
 * a dense layer, as multilayer perceptrons do) reads the same DDR bytes as one pixel of
 * {@code K = bytes of the map} channels: its input map is viewed as 1 x 1 x K
 * ({@link #view}) and its weights are permuted into byte order, zero on the padding channels of the
 * stored layout ({@link #weights}), so the sum is the dense layer's exactly whatever the padding
 * bytes hold (K is rounded up to whole input-channel groups, and a map such a layer reads is
 * placed with room for them). The walk has K / ICP input-channel groups and is split into partial-sum slices by the
 * planner when they exceed a weight bank.
 *
 * @param spec   the dense layer as written
 * @param layout the stored layout of its input map (region and offset aside)
 * @param conv   the 1x1 convolution the engine runs: input {@code 1 x 1 x K}
 */
public record FlatDense(DenseSpec spec, FeatureMap layout, Conv2dSpec conv) {

    /**
     * Whether {@code d} needs the flattened form on {@code c}: its map exceeds the core's kernel, or
     * one channel group's taps of the whole-map kernel exceed a weight bank.
     */
    public static boolean needed(DpuConfig c, DenseSpec d) {
        int h = d.input().h(), w = d.input().w();
        return h > DpuConfig.MAX_KERNEL || w > DpuConfig.MAX_KERNEL || (long) h * w > c.weightBankDepth();
    }

    /**
     * The flattened form of {@code d} reading a map stored as {@code layout}.
     *
     * @throws UnsupportedByEngineException when the layout's bytes exceed what a channel count can hold
     */
    public static FlatDense of(DpuConfig c, DenseSpec d, FeatureMap layout) {
        if (layout.h() != d.input().h() || layout.w() != d.input().w() || layout.c() != d.input().c()) {
            throw new IllegalArgumentException("layout " + layout + " is not the dense layer's input " + d.input());
        }
        long k = channels(c, layout.bytes());
        if (k * d.outputChannels() > Integer.MAX_VALUE - 8) {
            throw new UnsupportedByEngineException("dense layer on " + d.input() + ": its input map's " + k
                    + " bytes times " + d.outputChannels() + " outputs are too many weights for one image");
        }
        Conv2dSpec conv = new Conv2dSpec(new FeatureShape(1, 1, (int) k), d.outputChannels(),
                new Window(1, 1, 1, 1, 1, 1, Padding.NONE), d.quant(), d.activation());
        return new FlatDense(d, layout, conv);
    }

    /**
     * The network input as the flattened layer's input: its NHWC bytes are the pixel's channels
     * (the input region then stores it as one pixel, so no padding lies between them).
     */
    public static FeatureMap inputLayout(DenseSpec d) {
        FeatureShape s = d.input();
        return new FeatureMap(Region.INPUT, 0, s.h(), s.w(), s.c(), s.c(), 0);
    }

    /**
     * The channels of the pixel a map of {@code bytes} bytes is read as: whole input-channel groups,
     * so the last group may reach up to ICP - 1 bytes past the map ({@link #reserved}); their weights are 0.
     */
    public static long channels(DpuConfig c, long bytes) {
        return (bytes + c.icp() - 1) / c.icp() * c.icp();
    }

    /** The bytes to reserve for a map of {@code bytes} that a flattened dense layer reads: its last group whole. */
    public static long reserved(DpuConfig c, long bytes) {
        return channels(c, bytes);
    }

    /**
     * {@code in} viewed as the one pixel of {@code k} channels a flattened dense layer's 1x1 walk
     * reads: the same bytes, in their stored order (and the reserved bytes after them).
     */
    public static FeatureMap view(FeatureMap in, int k) {
        if (k < in.bytes()) throw new IllegalStateException("a dense input of " + in.bytes() + " bytes viewed as " + k + " channels");
        return new FeatureMap(in.region(), in.offset(), 1, 1, k, k, in.grouped() ? in.group() : 0);
    }

    /**
     * The 1x1 walk's weights {@code [OC, 1, 1, K]} from the dense layer's {@code [OC, H*W*C]} (NHWC
     * feature order): feature {@code (y*W + x)*C + ch} goes to the byte of (y, x, ch) in the layout;
     * padding bytes get weight 0.
     */
    public Int8Tensor weights(Int8Tensor dense) {
        int oc = spec.outputChannels(), h = layout.h(), w = layout.w(), ch = layout.c();
        int features = h * w * ch, k = conv.input().c();
        byte[] src = dense.data(), out = new byte[oc * k];
        long base = layout.offset();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    int f = (y * w + x) * ch + c, at = (int) (layout.at(y, x, c) - base);
                    for (int o = 0; o < oc; o++) out[o * k + at] = src[o * features + f];
                }
            }
        }
        return new Int8Tensor(new int[] {oc, 1, 1, k}, out);
    }
}
