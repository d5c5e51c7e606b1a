package org.jdpu.spec;

/**
 * Global average pooling: the mean of each channel over the whole {@code H x W} feature map, any
 * size, to {@code 1 x 1 x C} (the head of ResNet and MobileNet). {@code quant} picks the rounding:
 * the DPU's multiply-and-shift approximation of {@code 1/(H*W)} ({@code shift}), TFLite's
 * {@code AVERAGE_POOL_2D} over the whole map ({@code multiplier}) or TFLite's {@code MEAN}
 * ({@code mean}).
 */
public record GlobalAvgPoolSpec(FeatureShape input, PoolQuant quant, Activation activation) implements LayerSpec {
    public String op() {
        return "global_avgpool";
    }

    public int outputChannels() {
        return input.c();
    }

    public int outputHeight() {
        return 1;
    }

    public int outputWidth() {
        return 1;
    }

    /** The number of values each output averages: {@code H*W}. */
    public long count() {
        return (long) input.h() * input.w();
    }
}
