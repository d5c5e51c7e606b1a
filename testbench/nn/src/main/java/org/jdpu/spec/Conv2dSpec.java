package org.jdpu.spec;

/** A plain convolution (groups 1) with OHWI weights {@code [outputChannels, kh, kw, input.c]}. */
public record Conv2dSpec(FeatureShape input, int outputChannels, Window window, Quant quant,
                         Activation activation) implements ConvolutionSpec {
    public String op() {
        return "conv2d";
    }

    public int[] weightShape() {
        return new int[] {outputChannels, window.kh(), window.kw(), input.c()};
    }

    public int reductionChannels() {
        return input.c();
    }
}
