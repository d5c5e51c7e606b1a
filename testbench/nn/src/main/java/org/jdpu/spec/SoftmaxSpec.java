package org.jdpu.spec;

/**
 * TFLite's int8 softmax over the channels of each pixel, run by the host: the DPU leaves softmax to
 * the CPU, so {@link #runsOnHost()} is true and no engine or compiler takes it. The input may have
 * any scale and zero point; {@code inputMultiplier} and {@code inputLeftShift} are TFLite's
 * {@code PreprocessSoftmaxScaling(beta, input_scale, 5)} (see {@link #of}). The output is int8 with
 * TFLite's fixed softmax quantisation: scale 1/256, zero point -128.
 */
public record SoftmaxSpec(FeatureShape input, int inputMultiplier, int inputLeftShift) implements LayerSpec {
    /** Integer bits of the scaled input differences (Q5.26), as TFLite uses. */
    public static final int SCALED_DIFF_INTEGER_BITS = 5;
    /** The output zero point TFLite requires of an int8 softmax (its scale is 1/256). */
    public static final int OUTPUT_ZERO_POINT = -128;

    /**
     * The layer for a model's {@code beta} and input scale, with TFLite's double arithmetic:
     * {@code min(beta * scale * 2^26, 2^31 - 1)} as a Q31 multiplier and a left shift.
     */
    public static SoftmaxSpec of(FeatureShape input, double beta, double inputScale) {
        double real = Math.min(beta * inputScale * (1 << (31 - SCALED_DIFF_INTEGER_BITS)), (1L << 31) - 1.0);
        if (!(real > 1)) throw new IllegalArgumentException("beta * input scale * 2^26 must be above 1, got " + real);
        QuantizedMultiplier m = QuantizedMultiplier.of(real); // QuantizeMultiplierGreaterThanOne
        return new SoftmaxSpec(input, m.multiplier(), m.shift());
    }

    public String op() {
        return "softmax";
    }

    public int outputChannels() {
        return input.c();
    }

    public int outputHeight() {
        return input.h();
    }

    public int outputWidth() {
        return input.w();
    }

    public Activation activation() {
        return Activation.NONE;
    }

    @Override
    public boolean runsOnHost() {
        return true;
    }

    /**
     * Input differences from the row maximum below this give exactly 0 probability (TFLite's
     * {@code -CalculateInputRadius(5, input_left_shift)}: {@code -floor(31 * 2^26 / 2^shift)}).
     */
    public int diffMin() {
        return (int) -((31L << (31 - SCALED_DIFF_INTEGER_BITS)) >> inputLeftShift);
    }
}
