package org.jdpu.golden;

import org.jdpu.spec.Activation;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.Quant.ShiftQuant;

/**
 * Vitis AI fix-point requantisation ({@code shift} mode), exactly as DESIGN.md section 5 states it,
 * in integer arithmetic.
 *
 * <p>For a convolution, {@code N = 2*acc + floor(2*bias*2^shift_bias)} and the exact value is
 * {@code v = N / 2^(shift_cut+1)}. The activation is applied to {@code v} (relu {@code max(v,0)};
 * leaky_relu {@code v*26/256} for negative {@code v}; relu6 clamps to {@code [0, 6*2^fp_output]}),
 * then {@code y = floor(v + 1/2)} (round half toward +infinity), saturated to [-128, 127]; a clamp
 * activation then clamps {@code y}. A negative {@code shift_cut + 1} multiplies instead of dividing.
 *
 * <p>Values are carried as a pair {@code (p, e)} meaning {@code p / 2^e}. Any {@code |v| > 2^20}
 * ends in the same saturated output under every activation as {@code sign(v) * 2^20}, so
 * magnitudes are limited to that before the activation; this keeps everything in 64 bits without
 * changing a single result (the ranges in {@link LayerChecks} bound the exponents).
 */
public final class ShiftRequant {
    private static final int LIMIT_BITS = 20;
    private static final long LIMIT = 1L << LIMIT_BITS;
    /** From this output fix point on, 6 * 2^fp >= 192 saturates anyway, so relu6 acts like relu. */
    private static final int RELU6_IRRELEVANT_FROM_FP = 5;

    private final long[] alignedBias;
    private final int exponent;
    private final Activation activation;
    private final int fpOutput;
    private final boolean plainRounding;
    private final boolean reluOnly;

    /** A requantiser for one convolution layer with per-channel {@code bias}. */
    public ShiftRequant(ShiftQuant quant, Activation activation, int[] bias) {
        this.alignedBias = new long[bias.length];
        for (int i = 0; i < bias.length; i++) alignedBias[i] = alignBias(bias[i], quant.shiftBias());
        this.exponent = quant.shiftCut() + 1;
        this.activation = activation;
        this.fpOutput = quant.fpOutput();
        this.reluOnly = activation instanceof Activation.Relu;
        this.plainRounding = exponent >= 1 && (reluOnly || activation instanceof Activation.None);
    }

    /** The int8 output for accumulator {@code acc} (without bias) of output channel {@code channel}. */
    public int apply(int acc, int channel) {
        long n = 2L * acc + alignedBias[channel];
        if (plainRounding) {
            // no activation, or relu: the general path reduces to one rounding shift (|n| < 2^63 - 2^32)
            long y = (n + (1L << (exponent - 1))) >> exponent;
            if (reluOnly && y < 0) y = 0;
            return (int) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, y));
        }
        return round(n, exponent, activation, fpOutput);
    }

    /** {@code floor(2 * bias * 2^shiftBias)}: exact left shift, or arithmetic right shift (floor) when negative. */
    static long alignBias(int bias, int shiftBias) {
        int s = shiftBias + 1;
        if (s < LayerChecks.MIN_SHIFT_BIAS + 1 || s > LayerChecks.MAX_SHIFT_BIAS + 1) {
            throw new IllegalArgumentException("shift_bias " + shiftBias + " outside the validated range");
        }
        return s >= 0 ? (long) bias << s : (long) bias >> -s;
    }

    /**
     * {@code v = numerator / 2^exponent} (a negative exponent multiplies): applies {@code activation},
     * rounds half toward +infinity, saturates to int8, then applies a clamp activation.
     */
    static int round(long numerator, int exponent, Activation activation, int fpOutput) {
        long p;
        int e;
        if (exponent >= 0) {
            if (exponent > LayerChecks.MAX_SHIFT_CUT + 1) {
                throw new IllegalArgumentException("exponent " + exponent + " outside the validated range");
            }
            long limit = LIMIT << exponent;
            p = Math.max(-limit, Math.min(limit, numerator));
            e = exponent;
        } else {
            p = shiftLeftLimited(numerator, -exponent);
            e = 0;
        }
        switch (activation) {
            case Activation.Relu r -> p = Math.max(p, 0);
            case Activation.Relu6 r -> {
                p = Math.max(p, 0);
                if (fpOutput < RELU6_IRRELEVANT_FROM_FP) {
                    int k = fpOutput + e; // bound 6 * 2^fpOutput in units of 2^-e is 6 << k
                    if (k >= 0) {
                        p = Math.min(p, 6L << k);
                    } else if (p << -k > 6) {
                        p = 6;
                        e = -fpOutput;
                    }
                }
            }
            case Activation.LeakyRelu l -> {
                if (p < 0) {
                    p *= 26;
                    e += 8;
                }
            }
            case Activation.None n -> { }
            case Activation.Clamp c -> { }
        }
        long y = e == 0 ? p : (p + (1L << (e - 1))) >> e;
        int out = (int) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, y));
        if (activation instanceof Activation.Clamp c) out = Math.max(c.min(), Math.min(c.max(), out));
        return out;
    }

    /** {@code n * 2^k}, limited to magnitude {@link #LIMIT}. */
    private static long shiftLeftLimited(long n, int k) {
        if (n == 0) return 0;
        if (k > LIMIT_BITS) return n > 0 ? LIMIT : -LIMIT;
        long m = Math.max(-LIMIT, Math.min(LIMIT, n)) << k;
        return Math.max(-LIMIT, Math.min(LIMIT, m));
    }
}
