package org.jdpu.spec;

/**
 * A fully connected layer: the whole {@code H x W x C} input, flattened in NHWC order (feature
 * {@code (y*W + x)*C + c}), times weights {@code [outputChannels, H*W*C]}, plus an int32 bias, then
 * the requantisation and activation of a convolution. The output is {@code 1 x 1 x outputChannels}.
 *
 * <p>It is the convolution whose kernel covers the whole input (OHWI weights {@code [OC, H, W, C]}
 * hold the same bytes as {@code [OC, H*W*C]}), which is how {@link #window()} describes it; but its
 * kernel may be larger than a convolution's. A model that flattens NCHW (ONNX, PyTorch) must have
 * its weight columns permuted to this order when it is imported.
 */
public record DenseSpec(FeatureShape input, int outputChannels, Quant quant, Activation activation)
        implements ConvolutionSpec {
    public String op() {
        return "dense";
    }

    /** Input features {@code H*W*C} (the parser's limits keep it within int32 before anything is allocated). */
    public int inputFeatures() {
        return Math.toIntExact((long) input.h() * input.w() * input.c());
    }

    /** The window of the equivalent convolution: the whole input, no padding. */
    public Window window() {
        return new Window(input.h(), input.w(), 1, 1, 1, 1, Padding.NONE);
    }

    public int[] weightShape() {
        return new int[] {outputChannels, inputFeatures()};
    }

    public int reductionChannels() {
        return input.c();
    }
}
