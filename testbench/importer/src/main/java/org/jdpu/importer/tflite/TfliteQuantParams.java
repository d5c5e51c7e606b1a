package org.jdpu.importer.tflite;

import org.jdpu.importer.tflite.BuiltinOptions.FusedActivation;
import org.jdpu.spec.Activation;

/**
 * The integer parameters TFLite derives from a model's float scales before it runs an int8 kernel,
 * computed the same way so the golden model sees the same multipliers and clamps: TFLite's
 * {@code QuantizeMultiplier} (frexp, round half away from zero, 31-bit significand) and
 * {@code CalculateActivationRangeQuantized} (fused activation bounds quantized in float).
 */
public final class TfliteQuantParams {
    private TfliteQuantParams() {}

    /** A Q31 significand and a power-of-two exponent (positive = left): {@code real ~ multiplier * 2^(shift-31)}. */
    public record Multiplier(int multiplier, int shift) {}

    /**
     * {@code QuantizeMultiplier(real)}: {@code real = q * 2^shift} with {@code q} in [0.5, 1), {@code q}
     * rounded to 31 fractional bits (a round up to 1.0 halves it and increments the shift), and values
     * below {@code 2^-31}'s reach flushed to zero.
     */
    public static Multiplier quantizeMultiplier(double real) {
        if (real == 0.0) return new Multiplier(0, 0);
        if (!(real > 0) || Double.isInfinite(real)) throw new IllegalArgumentException("multiplier " + real);
        int shift = Math.getExponent(real) + 1; // frexp's exponent: real = q * 2^shift, 0.5 <= q < 1
        if (Math.getExponent(real) == Double.MIN_EXPONENT - 1) shift = Math.getExponent(real * 0x1p64) + 1 - 64; // subnormal
        double q = Math.scalb(real, -shift);
        long fixed = Math.round(q * (1L << 31)); // q > 0: half up is half away from zero
        if (fixed == 1L << 31) {
            fixed /= 2;
            shift++;
        }
        if (shift < -31) return new Multiplier(0, 0);
        return new Multiplier((int) fixed, shift);
    }

    /** The effective output scale of a convolution channel, in double as TFLite computes it from the float scales. */
    public static double effectiveScale(float inputScale, float weightScale, float outputScale) {
        return (double) inputScale * (double) weightScale / (double) outputScale;
    }

    /**
     * The int8 output range of a fused activation on an output with {@code scale} and
     * {@code zeroPoint}, as {@code {min, max}}; null for an activation int8 kernels do not fuse.
     */
    public static int[] activationRange(FusedActivation activation, float scale, int zeroPoint) {
        int lo = Byte.MIN_VALUE, hi = Byte.MAX_VALUE;
        return switch (activation) {
            case NONE -> new int[] {lo, hi};
            case RELU -> new int[] {Math.max(lo, quantize(0f, scale, zeroPoint)), hi};
            case RELU6 -> new int[] {Math.max(lo, quantize(0f, scale, zeroPoint)), Math.min(hi, quantize(6f, scale, zeroPoint))};
            case RELU_N1_TO_1 -> new int[] {Math.max(lo, quantize(-1f, scale, zeroPoint)), Math.min(hi, quantize(1f, scale, zeroPoint))};
            case TANH, SIGN_BIT, UNKNOWN -> null;
        };
    }

    /** The spec activation for an int8 range: none for the full range, otherwise a clamp. */
    public static Activation activation(int[] range) {
        return range[0] == Byte.MIN_VALUE && range[1] == Byte.MAX_VALUE ? Activation.NONE : new Activation.Clamp(range[0], range[1]);
    }

    /** {@code zero_point + round(f / scale)}, the division in float and the rounding half away from zero. */
    static int quantize(float f, float scale, int zeroPoint) {
        float v = f / scale;
        float r = v < 0 ? -Math.round(-v) : Math.round(v);
        return zeroPoint + (int) r;
    }
}
