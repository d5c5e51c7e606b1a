package org.jdpu.importer.tflite;

import org.jdpu.importer.tflite.BuiltinOptions.FusedActivation;
import org.jdpu.spec.Activation;

/**
 * The parameters TFLite derives from a model's float scales before it runs an int8 convolution,
 * computed the same way so the golden model sees the same multipliers and clamps: the effective
 * scale each channel's {@code QuantizeMultiplier} ({@link org.jdpu.spec.QuantizedMultiplier}) takes,
 * and {@code CalculateActivationRangeQuantized} (fused activation bounds quantized in float).
 */
public final class TfliteQuantParams {
    private TfliteQuantParams() {}

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
