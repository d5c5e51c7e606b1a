package org.jdpu.spec;

/**
 * Max or average pooling over each channel. Pools do not rescale: the output has the input's fix
 * point (or scale and zero point). Dilation is always 1. {@code quant} says whose rounding an
 * average follows (Vitis AI fix point by default, or TFLite int8).
 */
public record PoolSpec(Kind kind, FeatureShape input, Window window, PoolQuant quant, Activation activation)
        implements LayerSpec {

    /** A pool in {@code shift} mode. */
    public PoolSpec(Kind kind, FeatureShape input, Window window, Activation activation) {
        this(kind, input, window, PoolQuant.SHIFT, activation);
    }

    /** Which reduction the pool applies. */
    public enum Kind {
        MAX("maxpool"), AVG("avgpool");

        private final String op;

        Kind(String op) {
            this.op = op;
        }

        public String op() {
            return op;
        }
    }

    public String op() {
        return kind.op();
    }

    public int outputChannels() {
        return input.c();
    }

    public int outputHeight() {
        return window.outputHeight(input.h());
    }

    public int outputWidth() {
        return window.outputWidth(input.w());
    }
}
