package org.jdpu.golden;

import org.jdpu.spec.Activation;
import org.jdpu.spec.Quant.MultiplierQuant;

/**
 * TFLite int8 requantisation ({@code multiplier} mode): the reference kernels'
 * {@code MultiplyByQuantizedMultiplier} as built by default (double rounding), plus the output
 * zero point and the activation clamp.
 */
public final class TfliteRequant {
    private final int[] multiplier;
    private final int[] shift;
    private final int outputZeroPoint;
    private final int min;
    private final int max;

    public TfliteRequant(MultiplierQuant quant, Activation activation) {
        this.multiplier = quant.multiplier();
        this.shift = quant.shift();
        this.outputZeroPoint = quant.outputZeroPoint();
        int[] range = activationRange(activation, outputZeroPoint);
        this.min = range[0];
        this.max = range[1];
    }

    /**
     * TFLite's {@code CalculateActivationRangeQuantized} for the activations this mode accepts:
     * none gives [-128, 127], relu [max(zp_out, -128), 127], clamp its own bounds.
     */
    public static int[] activationRange(Activation activation, int outputZeroPoint) {
        return switch (activation) {
            case Activation.None n -> new int[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
            case Activation.Relu r -> new int[] {Math.max(outputZeroPoint, Byte.MIN_VALUE), Byte.MAX_VALUE};
            case Activation.Clamp c -> new int[] {c.min(), c.max()};
            case Activation.Relu6 r -> throw new IllegalArgumentException("relu6 needs shift mode");
            case Activation.LeakyRelu l -> throw new IllegalArgumentException("leaky_relu needs shift mode");
        };
    }

    /** The int8 output for {@code accWithBias = sum((x - zp_in) * w) + bias} of output channel {@code channel}. */
    public int apply(int accWithBias, int channel) {
        long y = (long) multiplyByQuantizedMultiplier(accWithBias, multiplier[channel], shift[channel]) + outputZeroPoint;
        return (int) Math.max(min, Math.min(max, y));
    }

    /**
     * {@code RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x * 2^max(shift,0), m), max(-shift,0))}.
     * The left shift wraps like the C++ int32 it mirrors; layer checks reject layers where it could overflow.
     */
    public static int multiplyByQuantizedMultiplier(int x, int quantizedMultiplier, int shift) {
        int left = Math.max(shift, 0);
        int right = Math.max(-shift, 0);
        return roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMul(x << left, quantizedMultiplier), right);
    }

    /**
     * gemmlowp: {@code 2*a*b / 2^32} rounded to nearest. The nudge is {@code 2^30} for non-negative
     * products and {@code 1 - 2^30} for negative ones before a division that truncates toward zero, so
     * ties go toward +infinity. The one overflowing case {@code a == b == INT32_MIN} saturates to
     * {@code INT32_MAX}.
     */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) return Integer.MAX_VALUE;
        long ab = (long) a * b;
        long nudge = ab >= 0 ? 1L << 30 : 1 - (1L << 30);
        return (int) ((ab + nudge) / (1L << 31)); // long division truncates toward zero, as C++ does
    }

    /** gemmlowp: {@code x / 2^exponent} rounded to nearest, ties away from zero; exponent in 0..31. */
    public static int roundingDivideByPowerOfTwo(int x, int exponent) {
        if (exponent < 0 || exponent > 31) throw new IllegalArgumentException("exponent " + exponent);
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }
}
