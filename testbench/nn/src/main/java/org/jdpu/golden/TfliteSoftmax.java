package org.jdpu.golden;

import org.jdpu.spec.SoftmaxSpec;
import org.jdpu.tensor.Int8Tensor;

/**
 * TFLite's int8 softmax ({@code reference_ops::Softmax} for int8 in and out), in the same 32-bit
 * fixed-point arithmetic, so the probabilities are bit-exact with TFLite rather than a float
 * softmax rounded.
 *
 * <p>Per pixel: the differences {@code x - max} at least {@link SoftmaxSpec#diffMin()} are scaled to
 * Q5.26 by {@code inputMultiplier * 2^inputLeftShift}, exponentiated by gemmlowp's
 * {@code exp_on_negative_values} (a Taylor polynomial around -1/8 on the last quarter, then one
 * multiplication by {@code exp(-2^k)} per set bit), summed in Q12.19, inverted by Newton-Raphson,
 * and each exp times the inverse is rounded to 1/256 and offset by -128. Smaller differences give -128.
 * Fixed-point values are raw ints; {@code Qn} below names the integer bits.
 */
final class TfliteSoftmax {
    private TfliteSoftmax() {}

    private static final int ACCUMULATION_INTEGER_BITS = 12;
    private static final int Q0_ONE = Integer.MAX_VALUE;

    static Int8Tensor run(SoftmaxSpec spec, Int8Tensor input) {
        int depth = spec.input().c();
        int diffMin = spec.diffMin();
        byte[] x = input.data();
        byte[] y = new byte[x.length];
        int[] exps = new int[depth];
        for (int base = 0; base < x.length; base += depth) {
            int max = Byte.MIN_VALUE;
            for (int c = 0; c < depth; c++) max = Math.max(max, x[base + c]);
            int sum = 0; // Q12
            for (int c = 0; c < depth; c++) {
                int diff = x[base + c] - max;
                if (diff < diffMin) {
                    exps[c] = -1;
                    continue;
                }
                int scaled = TfliteRequant.saturatingRoundingDoublingHighMul(diff * (1 << spec.inputLeftShift()),
                        spec.inputMultiplier());
                exps[c] = expOnNegativeValues(scaled);
                sum += TfliteRequant.roundingDivideByPowerOfTwo(exps[c], ACCUMULATION_INTEGER_BITS);
            }
            int headroomPlusOne = Integer.numberOfLeadingZeros(sum);
            int bitsOverUnit = ACCUMULATION_INTEGER_BITS - headroomPlusOne;
            int scale = oneOverOnePlusX((sum << headroomPlusOne) - Integer.MIN_VALUE); // Q0, x in [0, 1)
            int exponent = bitsOverUnit + 31 - 8;
            for (int c = 0; c < depth; c++) {
                if (exps[c] < 0) {
                    y[base + c] = Byte.MIN_VALUE;
                    continue;
                }
                int unsaturated = TfliteRequant.roundingDivideByPowerOfTwo(
                        TfliteRequant.saturatingRoundingDoublingHighMul(scale, exps[c]), exponent);
                y[base + c] = (byte) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, unsaturated + Byte.MIN_VALUE));
            }
        }
        return new Int8Tensor(spec.output().tensorShape(), y);
    }

    /** gemmlowp's {@code exp_on_negative_values} for a Q5.26 input {@code a <= 0}; the result is Q0.31. */
    static int expOnNegativeValues(int a) {
        final int fractionalBits = 31 - SoftmaxSpec.SCALED_DIFF_INTEGER_BITS;
        int quarter = 1 << (fractionalBits - 2);
        int modQuarterMinusQuarter = (a & (quarter - 1)) - quarter;
        int result = expOnLastQuarter(saturatingShiftLeft(modQuarterMinusQuarter, SoftmaxSpec.SCALED_DIFF_INTEGER_BITS));
        int remainder = modQuarterMinusQuarter - a;
        // exp(-2^k) in Q0.31 for k = -2..4, applied for each bit of the remainder
        int[] multipliers = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
        for (int k = -2; k <= 4; k++) {
            if ((remainder & (1 << (fractionalBits + k))) != 0) {
                result = TfliteRequant.saturatingRoundingDoublingHighMul(result, multipliers[k + 2]);
            }
        }
        return a == 0 ? Q0_ONE : result;
    }

    /** {@code exp(a)} for a Q0.31 {@code a} in [-1/4, 0): a fourth-order Taylor expansion around -1/8. */
    private static int expOnLastQuarter(int a) {
        final int expMinusOneEighth = 1895147668;
        final int oneThird = 715827883;
        int x = a + (1 << 28);
        int x2 = mul(x, x);
        int x3 = mul(x2, x);
        int x4 = mul(x2, x2);
        int x4Over4 = TfliteRequant.roundingDivideByPowerOfTwo(x4, 2);
        int poly = TfliteRequant.roundingDivideByPowerOfTwo(mul(x4Over4 + x3, oneThird) + x2, 1);
        return expMinusOneEighth + mul(expMinusOneEighth, x + poly);
    }

    /** gemmlowp's {@code one_over_one_plus_x_for_x_in_0_1}: Q0.31 in, Q0.31 out, three Newton-Raphson steps in Q2.29. */
    static int oneOverOnePlusX(int a) {
        int halfDenominator = roundingHalfSum(a, Q0_ONE);
        final int fortyEightOverSeventeen = 1515870810;
        final int minusThirtyTwoOverSeventeen = -1010580540;
        final int q2One = 1 << 29;
        int x = fortyEightOverSeventeen + mul(halfDenominator, minusThirtyTwoOverSeventeen);
        for (int i = 0; i < 3; i++) {
            int oneMinusHalfDenominatorTimesX = q2One - mul(halfDenominator, x);
            x = x + saturatingShiftLeft(mul(x, oneMinusHalfDenominatorTimesX), 2);
        }
        return saturatingShiftLeft(x, 1);
    }

    private static int mul(int a, int b) {
        return TfliteRequant.saturatingRoundingDoublingHighMul(a, b);
    }

    /** {@code (a + b) / 2} rounded to nearest, ties away from zero. */
    private static int roundingHalfSum(int a, int b) {
        long sum = (long) a + b;
        return (int) ((sum + (sum >= 0 ? 1 : -1)) / 2);
    }

    /** gemmlowp's saturating multiplication by {@code 2^exponent}, exponent > 0. */
    private static int saturatingShiftLeft(int x, int exponent) {
        int threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold) return Integer.MAX_VALUE;
        if (x < -threshold) return Integer.MIN_VALUE;
        return x << exponent;
    }
}
