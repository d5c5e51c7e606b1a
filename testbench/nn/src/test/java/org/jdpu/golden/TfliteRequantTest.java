package org.jdpu.golden;

import org.jdpu.spec.Activation;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.jdpu.golden.TfliteRequant.multiplyByQuantizedMultiplier;
import static org.jdpu.golden.TfliteRequant.roundingDivideByPowerOfTwo;
import static org.jdpu.golden.TfliteRequant.saturatingRoundingDoublingHighMul;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hand-computed TFLite / gemmlowp fixed-point arithmetic ({@code multiplier} mode). */
class TfliteRequantTest {
    private static final int MIN = Integer.MIN_VALUE;
    private static final int MAX = Integer.MAX_VALUE;
    private static final int HALF = 1 << 30; // 0.5 in Q31

    @Test
    void doublingHighMulSaturatesTheOnlyOverflow() {
        assertEquals(MAX, saturatingRoundingDoublingHighMul(MIN, MIN));
        assertEquals(-MAX, saturatingRoundingDoublingHighMul(MIN, MAX));
        assertEquals(-MAX, saturatingRoundingDoublingHighMul(MAX, MIN));
        assertEquals(MAX - 1, saturatingRoundingDoublingHighMul(MAX, MAX)); // (2^31-1)^2 / 2^31 = 2^31 - 2 + tiny
    }

    @ParameterizedTest(name = "{0} * {1} -> {2}")
    @CsvSource({
            "100, 1073741824, 50",
            "1, 1073741824, 1",     // 0.5 -> 1
            "-1, 1073741824, 0",    // -0.5 -> 0: negative ties go toward +infinity
            "-3, 1073741824, -1",   // -1.5 -> -1
            "3, 1073741824, 2",     // 1.5 -> 2
            "-5, 1073741824, -2",   // -2.5 -> -2
            "-7, 1073741824, -3",   // -3.5 -> -3
            "-1, 1610612736, -1",   // -0.75 -> -1
            "0, 2147483647, 0",
    })
    void doublingHighMulRoundsToNearest(int a, int b, int expected) {
        assertEquals(expected, saturatingRoundingDoublingHighMul(a, b));
    }

    @ParameterizedTest(name = "{0} / 2^{1} -> {2}")
    @CsvSource({
            "5, 1, 3", "-5, 1, -3",   // ties away from zero
            "-4, 1, -2", "6, 2, 2", "-6, 2, -2", "-7, 2, -2", "7, 2, 2", "-1, 1, -1", "1, 1, 1",
            "-3, 2, -1", "3, 2, 1", "-2, 2, -1", "2, 2, 1",
            "123, 0, 123", "-123, 0, -123",
            "-2147483648, 31, -1", "2147483647, 31, 1", "1073741824, 31, 1", "-1073741824, 31, -1",
            "1073741823, 31, 0", "-1073741823, 31, 0",
    })
    void roundingDivideRoundsTiesAwayFromZero(int x, int exponent, int expected) {
        assertEquals(expected, roundingDivideByPowerOfTwo(x, exponent));
    }

    @ParameterizedTest(name = "{0} * M {1} shift {2} -> {3}")
    @CsvSource({
            "100, 1073741824, 0, 50",
            "100, 1073741824, -1, 25",
            "100, 1073741824, 1, 100",
            "100, 1073741824, -3, 6",   // 6.25
            "-100, 1073741824, -3, -6",
            "-20, 1073741824, -2, -3",  // -10 / 4 = -2.5 -> -3
            "1, 1073741824, -1, 1",     // double rounding: 0.5 -> 1, then 0.5 -> 1 (single rounding: 0.25 -> 0)
            "-1, 1073741824, -1, 0",    // -0.5 -> 0, then 0
            "-3, 1073741824, -1, -1",   // -1.5 -> -1, then -0.5 -> -1
            "1000000, 2147483647, -31, 0",
            "2147483647, 2147483647, -31, 1",
            "-2147483648, 1073741824, 0, -1073741824",
            "12, 1879048192, 2, 42",    // 12*4 = 48, * 0.875 = 42
    })
    void multiplyByQuantizedMultiplier_(int x, int m, int shift, int expected) {
        assertEquals(expected, multiplyByQuantizedMultiplier(x, m, shift));
    }

    @Test
    void outputZeroPointAndActivationRange() {
        MultiplierQuant q = new MultiplierQuant(0, 5, new int[] {HALF}, new int[] {0});
        assertEquals(55, new TfliteRequant(q, Activation.NONE).apply(100, 0));
        assertEquals(127, new TfliteRequant(q, Activation.NONE).apply(1000, 0));
        assertEquals(-128, new TfliteRequant(q, Activation.NONE).apply(-1000, 0));
        assertEquals(5, new TfliteRequant(q, Activation.RELU).apply(-100, 0));   // relu clamps at the output zero point
        assertEquals(-45, new TfliteRequant(q, Activation.NONE).apply(-100, 0));
        assertEquals(20, new TfliteRequant(q, new Activation.Clamp(-10, 20)).apply(100, 0));
        assertEquals(-10, new TfliteRequant(q, new Activation.Clamp(-10, 20)).apply(-100, 0));
        MultiplierQuant low = new MultiplierQuant(0, -128, new int[] {HALF}, new int[] {0});
        assertEquals(-128, new TfliteRequant(low, Activation.RELU).apply(-100, 0));
    }
}
