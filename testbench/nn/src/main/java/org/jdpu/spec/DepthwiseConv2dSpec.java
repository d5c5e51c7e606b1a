package org.jdpu.spec;

/**
 * A depthwise convolution: weights {@code [1, kh, kw, c*M]} as TFLite stores them; output
 * channel {@code c*M + m} reads input channel {@code c} only.
 */
public record DepthwiseConv2dSpec(FeatureShape input, int depthMultiplier, Window window, Quant quant,
                                  Activation activation) implements ConvolutionSpec {
    public String op() {
        return "depthwise_conv2d";
    }

    public int outputChannels() {
        return input.c() * depthMultiplier;
    }

    public int[] weightShape() {
        return new int[] {1, window.kh(), window.kw(), outputChannels()};
    }

    public int reductionChannels() {
        return 1;
    }
}
