package org.jdpu.arch;

/**
 * The per-layer settings of the post-processing unit, in the integer form the hardware computes.
 * With {@code multiplierMode} (a {@code +tflite} engine) an accumulator is requantised as TFLite's
 * int8 kernels do: {@code y = clamp(MultiplyByQuantizedMultiplier(acc + bias, multiplier[oc],
 * shift[oc]) + outZeroPoint, outMin, outMax)}, the multiplier and shift coming from the bias buffer
 * and the shift-mode fields unused. In {@code shift} mode, for one accumulator:
 * <ol>
 *   <li>{@code N = 2*acc + floor(bias * 2^biasShift)}, the aligned bias saturated to
 *       {@code [-2^45, 2^45 - 1]};</li>
 *   <li>{@code cutShift >= 0}: {@code M = N}, {@code s = cutShift}; otherwise
 *       {@code M = sat(N, [-2^12, 2^12 - 1]) << -cutShift}, {@code s = 0};</li>
 *   <li>activation on M: relu {@code max(M,0)}; relu6 {@code max(M,0)} and, when M exceeds
 *       {@link #relu6Bound()}, the output is {@code relu6Out} outright; leaky_relu multiplies a
 *       negative M by 26 and adds 8 to s;</li>
 *   <li>{@code y = (M + 2^(s-1)) >> s} (round half up; no rounding when s = 0), saturated to
 *       {@code [outMin, outMax]} (-128..127, or a clamp activation's bounds).</li>
 * </ol>
 * The limits change no result: beyond them every activation already saturates (see
 * dpu-rtl/README.md, "Post-processing").
 *
 * @param activation what to apply before rounding (a clamp activation is NONE with outMin/outMax)
 * @param biasShift  {@code shift_bias + 1}
 * @param cutShift   {@code shift_cut + 1}; negative multiplies
 * @param relu6Shift {@code fp_output + max(cutShift, 0)}: the relu6 bound is 6 * 2^relu6Shift in M units
 * @param relu6Out   {@code sat8(floor(6 * 2^fp_output + 1/2))}: the output of a clamped relu6
 * @param outMin     lower saturation bound
 * @param outMax     upper saturation bound
 * @param padValue   the int8 value padding supplies (the input zero point)
 * @param multiplierMode requantise in TFLite's {@code multiplier} mode (REQUANT_MODE = 1)
 * @param outZeroPoint   the output zero point of multiplier mode (0 in shift mode)
 */
public record PostProcessing(ActivationKind activation, int biasShift, int cutShift, int relu6Shift, int relu6Out,
                             int outMin, int outMax, int padValue, boolean multiplierMode, int outZeroPoint) {

    public static final int MIN_BIAS_SHIFT = -31, MAX_BIAS_SHIFT = 31;
    public static final int MIN_CUT_SHIFT = -31, MAX_CUT_SHIFT = 32;
    public static final int MIN_RELU6_SHIFT = -63, MAX_RELU6_SHIFT = 44;
    /** The aligned bias saturates at 45 bits of magnitude: beyond, |N| > 2^44 >= 2^(11 + cutShift) saturates every activation. */
    public static final int ALIGNED_BIAS_LIMIT_BITS = 45;
    /** Before a left shift (cutShift < 0) N saturates at 12 bits of magnitude: beyond, |v| >= 2^13 - 2 saturates everything. */
    public static final int LEFT_SHIFT_LIMIT_BITS = 12;
    /** Width of N and M, signed. */
    public static final int N_WIDTH = 47;
    /** Width of the rounding datapath, signed: 26*M plus 2^39. */
    public static final int ROUND_WIDTH = 53;

    public PostProcessing {
        if (biasShift < MIN_BIAS_SHIFT || biasShift > MAX_BIAS_SHIFT
                || cutShift < MIN_CUT_SHIFT || cutShift > MAX_CUT_SHIFT
                || relu6Shift < MIN_RELU6_SHIFT || relu6Shift > MAX_RELU6_SHIFT
                || !int8(relu6Out) || !int8(outMin) || !int8(outMax) || outMin > outMax || !int8(padValue)
                || !int8(outZeroPoint) || (!multiplierMode && outZeroPoint != 0)) {
            throw new IllegalArgumentException("post-processing settings out of range: " + this);
        }
    }

    /** Shift mode. */
    public PostProcessing(ActivationKind activation, int biasShift, int cutShift, int relu6Shift, int relu6Out,
                          int outMin, int outMax, int padValue) {
        this(activation, biasShift, cutShift, relu6Shift, relu6Out, outMin, outMax, padValue, false, 0);
    }

    /**
     * TFLite multiplier mode: padding supplies the input zero point, the output zero point is added
     * after the scaling and the result is clamped to {@code outMin..outMax} (TFLite's activation range).
     */
    public static PostProcessing multiplier(int inputZeroPoint, int outputZeroPoint, int outMin, int outMax) {
        return new PostProcessing(ActivationKind.NONE, 0, 0, 0, 0, outMin, outMax, inputZeroPoint, true, outputZeroPoint);
    }

    /** The smallest and largest shift the multiplier mode's shift buffer holds (TFLite's -31..30 fits). */
    public static final int MIN_MULTIPLIER_SHIFT = -31, MAX_MULTIPLIER_SHIFT = 31;
    /** Width of the per-channel shift as stored, signed. */
    public static final int MULTIPLIER_SHIFT_WIDTH = 6;

    /**
     * Settings for Vitis-AI style fix-point quantisation; {@code clampMin..clampMax} is -128..127
     * unless the layer's activation is a clamp.
     */
    public static PostProcessing shift(int fpInput, int fpWeights, int fpBias, int fpOutput, ActivationKind act,
                                       int clampMin, int clampMax) {
        int biasShift = fpInput + fpWeights - fpBias + 1;
        int cutShift = fpInput + fpWeights - fpOutput + 1;
        if (biasShift < MIN_BIAS_SHIFT || biasShift > MAX_BIAS_SHIFT) {
            throw new UnsupportedByEngineException("shift_bias " + (biasShift - 1) + " is outside the engine's "
                    + (MIN_BIAS_SHIFT - 1) + ".." + (MAX_BIAS_SHIFT - 1));
        }
        if (cutShift < MIN_CUT_SHIFT || cutShift > MAX_CUT_SHIFT) {
            throw new UnsupportedByEngineException("shift_cut " + (cutShift - 1) + " is outside the engine's "
                    + (MIN_CUT_SHIFT - 1) + ".." + (MAX_CUT_SHIFT - 1));
        }
        int relu6Shift = Math.max(MIN_RELU6_SHIFT, Math.min(MAX_RELU6_SHIFT, fpOutput + Math.max(cutShift, 0)));
        return new PostProcessing(act, biasShift, cutShift, relu6Shift, relu6Output(fpOutput),
                clampMin, clampMax, 0);
    }

    /** sat8(floor(6 * 2^fp + 1/2)). */
    static int relu6Output(int fp) {
        if (fp >= 5) return 127;
        if (fp >= 0) return Math.min(127, 6 << fp);
        return (int) ((6L + (1L << (-fp - 1))) >> -fp);
    }

    /** The relu6 bound in M units: 6 * 2^relu6Shift, rounded down when the shift is negative. */
    public long relu6Bound() {
        return relu6Shift >= 0 ? 6L << relu6Shift : 6L >> Math.min(63, -relu6Shift);
    }

    /** The integer reference of the datapath: what the hardware outputs for one accumulator. */
    public int apply(int acc, int bias) {
        long limit = 1L << ALIGNED_BIAS_LIMIT_BITS;
        long aligned = biasShift >= 0 ? clamp((long) bias << biasShift, limit) : (long) bias >> -biasShift;
        long n = 2L * acc + aligned;
        long m = n;
        int s = cutShift;
        if (cutShift < 0) {
            m = clamp(n, 1L << LEFT_SHIFT_LIMIT_BITS) << -cutShift;
            s = 0;
        }
        switch (activation) {
            case NONE -> { }
            case RELU -> m = Math.max(m, 0);
            case RELU6 -> {
                m = Math.max(m, 0);
                if (m > relu6Bound()) return Math.max(outMin, Math.min(outMax, relu6Out));
            }
            case LEAKY_RELU -> {
                if (m < 0) {
                    m *= ActivationKind.LEAKY_NUMERATOR;
                    s += ActivationKind.LEAKY_SHIFT;
                }
            }
        }
        long y = s == 0 ? m : (m + (1L << (s - 1))) >> s;
        return (int) Math.max(outMin, Math.min(outMax, y));
    }

    /** Saturation to the two's-complement range [-limit, limit - 1], as the hardware's saturate does. */
    private static long clamp(long v, long limit) {
        return Math.max(-limit, Math.min(limit - 1, v));
    }

    private static boolean int8(int v) {
        return v >= -128 && v <= 127;
    }
}
