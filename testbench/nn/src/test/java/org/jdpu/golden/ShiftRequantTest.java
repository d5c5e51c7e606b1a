package org.jdpu.golden;

import org.jdpu.spec.Activation;
import org.jdpu.spec.Quant.ShiftQuant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hand-computed {@code shift}-mode requantisation, one rounding edge per row. */
class ShiftRequantTest {

    private static int requant(int fpIn, int fpW, int fpBias, int fpOut, Activation act, int acc, int bias) {
        return new ShiftRequant(new ShiftQuant(fpIn, fpW, fpBias, fpOut), act, new int[] {bias}).apply(acc, 0);
    }

    @ParameterizedTest(name = "acc {0} / 2 -> {1}")
    @CsvSource({
            "5, 3",     // 2.5 rounds up
            "-5, -2",   // -2.5 rounds toward +infinity, not away from zero
            "7, 4",     // 3.5
            "-7, -3",   // -3.5
            "3, 2",     // 1.5
            "-3, -1",   // -1.5
            "-1, 0",    // -0.5
            "1, 1",     // 0.5
            "4, 2", "-4, -2", "9, 5", "-9, -4",
            "255, 127", // 127.5 -> 128 saturates
            "-257, -128", // -128.5 -> -128 exactly, no saturation needed
            "-259, -128", // -129.5 -> -129 saturates
    })
    void exactHalvesRoundTowardPlusInfinity(int acc, int expected) {
        // shift_cut = 1 + 0 - 0 = 1: v = (2*acc) / 2^2 = acc / 2
        assertEquals(expected, requant(1, 0, 1, 0, Activation.NONE, acc, 0));
    }

    @ParameterizedTest(name = "acc {0} bias {1} -> {2}")
    @CsvSource({"5, 0, 5", "127, 0, 127", "128, 0, 127", "300, 0, 127", "-128, 0, -128", "-129, 0, -128",
            "-300, 0, -128", "100, 27, 127", "-100, -29, -128", "2147483647, 0, 127", "-2147483648, 0, -128",
            "2147483647, 2147483647, 127", "-2147483648, -2147483648, -128"})
    void shiftCutZeroIsTheExactSumSaturated(int acc, int bias, int expected) {
        assertEquals(expected, requant(0, 0, 0, 0, Activation.NONE, acc, bias));
    }

    @ParameterizedTest(name = "acc {0} -> {1}")
    @CsvSource({"2147483647, 1", "1073741824, 1", "-1073741824, 0", "-1073741825, -1", "1073741823, 0",
            "-2147483648, -1", "0, 0"})
    void largestShiftCut(int acc, int expected) {
        // fp_input 16 + fp_weights 15 - fp_output 0 = shift_cut 31: v = 2*acc / 2^32 = acc / 2^31
        assertEquals(expected, requant(16, 15, 31, 0, Activation.NONE, acc, 0));
    }

    @ParameterizedTest(name = "bias {0} -> {1}")
    @CsvSource({
            "-5, -1",  // floor(2*-5/8) = -2, v = -1
            "5, 1",    // floor(10/8) = 1, v = 0.5 -> 1 (an integer shift of the bias first would give 0)
            "-1, 0",   // floor(-0.25) = -1, v = -0.5 -> 0
            "-3, 0",   // floor(-0.75) = -1, v = -0.5 -> 0 (shifting the bias right first gives -1)
            "-6, -1",  // floor(-1.5) = -2, v = -1
            "12, 2",   // floor(3) = 3, v = 1.5 -> 2
            "-12, -1", // -3 -> -1.5 -> -1
    })
    void negativeShiftBiasFloorsTheDoubledBias(int bias, int expected) {
        // shift_bias = 0 + 0 - 3 = -3, shift_cut 0: v = (2*acc + floor(2*bias/8)) / 2
        assertEquals(expected, requant(0, 0, 3, 0, Activation.NONE, 0, bias));
    }

    @Test
    void positiveShiftBiasAlignsTheBias() {
        // shift_bias = 4 + 3 - 5 = 2, shift_cut = 4 + 3 - 2 = 5: v = (2*acc + 8*bias) / 64
        assertEquals(1, requant(4, 3, 5, 2, Activation.NONE, 28, 0));       // 56/64 = 0.875
        assertEquals(2, requant(4, 3, 5, 2, Activation.NONE, 28, 8));       // (56+64)/64 = 1.875
        assertEquals(-1, requant(4, 3, 5, 2, Activation.NONE, 0, -6));      // -48/64 = -0.75
        assertEquals(0, requant(4, 3, 5, 2, Activation.NONE, 16, -6));      // (32-48)/64 = -0.25
    }

    @ParameterizedTest(name = "acc {0} -> {1}")
    @CsvSource({"3, 12", "-3, -12", "31, 124", "32, 127", "-32, -128", "-33, -128", "0, 0"})
    void negativeShiftCutMultipliesExactly(int acc, int expected) {
        // shift_cut = 0 + 0 - 2 = -2: v = 2*acc * 2 = 4*acc, no rounding
        assertEquals(expected, requant(0, 0, 0, 2, Activation.NONE, acc, 0));
    }

    @Test
    void veryNegativeShiftCutSaturatesEveryNonZeroValue() {
        // shift_cut = -16 + 0 - 15 = -31: v = 2*acc * 2^30
        assertEquals(127, requant(-16, 0, -16, 15, Activation.NONE, 1, 0));
        assertEquals(-128, requant(-16, 0, -16, 15, Activation.NONE, -1, 0));
        assertEquals(0, requant(-16, 0, -16, 15, Activation.NONE, 0, 0));
        assertEquals(0, requant(-16, 0, -16, 15, Activation.LEAKY_RELU, 0, 0));
        assertEquals(-128, requant(-16, 0, -16, 15, Activation.LEAKY_RELU, -1, 0));
    }

    @ParameterizedTest(name = "acc {0} -> {1}")
    @CsvSource({
            "-5, 0",      // v = -2.5, *26/256 = -0.2539 -> 0
            "5, 3",       // positive halves untouched: 2.5 -> 3
            "-20, -1",    // -10 -> -1.015625 -> -1
            "-45, -2",    // -22.5 -> -2.2851 -> -2
            "-90, -5",    // -45 -> -4.5703 -> -5 (a slope of exactly 0.1 would give -4.5 -> -4)
            "-2520, -128", // -1260 -> -127.97 -> -128
            "-2540, -128", // -1270 -> -128.98 -> -129 -> saturates
            "-2, 0",      // -1 -> -0.1015 -> 0
            "-12, -1",    // -6 -> -0.609 -> -1
    })
    void leakyReluScalesNegativeValuesBy26Over256BeforeRounding(int acc, int expected) {
        // shift_cut 1: v = acc / 2
        assertEquals(expected, requant(1, 0, 1, 0, Activation.LEAKY_RELU, acc, 0));
    }

    @Test
    void leakyReluOnExactIntegers() {
        assertEquals(-1, requant(0, 0, 0, 0, Activation.LEAKY_RELU, -10, 0)); // -1.015625 -> -1
        assertEquals(-1, requant(0, 0, 0, 0, Activation.LEAKY_RELU, -5, 0));  // -0.5078 -> -1
        assertEquals(0, requant(0, 0, 0, 0, Activation.LEAKY_RELU, -4, 0));   // -0.406 -> 0
        assertEquals(40, requant(0, 0, 0, 0, Activation.LEAKY_RELU, 40, 0));
    }

    @Test
    void reluAppliesBeforeRounding() {
        assertEquals(0, requant(1, 0, 1, 0, Activation.RELU, -1, 0));  // -0.5 -> 0
        assertEquals(0, requant(1, 0, 1, 0, Activation.RELU, -99, 0));
        assertEquals(3, requant(1, 0, 1, 0, Activation.RELU, 5, 0));
        assertEquals(127, requant(1, 0, 1, 0, Activation.RELU, 999, 0));
    }

    @Test
    void relu6ClampsAtSixTimesTwoToTheOutputFixPoint() {
        // fp_output 4: bound 96
        assertEquals(96, requant(2, 2, 4, 4, Activation.RELU6, 100, 0));
        assertEquals(50, requant(2, 2, 4, 4, Activation.RELU6, 50, 0));
        assertEquals(0, requant(2, 2, 4, 4, Activation.RELU6, -3, 0));
        // fp_output 3: bound 48 (the Vitis AI CPU reference would clamp at 96 and give 60)
        assertEquals(48, requant(2, 1, 3, 3, Activation.RELU6, 60, 0));
        // fp_output 5: bound 192 is beyond int8; saturation decides
        assertEquals(127, requant(3, 2, 5, 5, Activation.RELU6, 150, 0));
        // fp_output 0: bound 6
        assertEquals(6, requant(0, 0, 0, 0, Activation.RELU6, 7, 0));
        // fp_output -2: bound 1.5, rounds to 2; v = 2*acc here (shift_cut -1)
        assertEquals(2, requant(-3, 0, -3, -2, Activation.RELU6, 5, 0));
        assertEquals(2, requant(-3, 0, -3, -2, Activation.RELU6, 1, 0));
        assertEquals(0, requant(-3, 0, -3, -2, Activation.RELU6, 0, 0));
        // bound 6 * 2^4 = 96 with a fractional v: (2*acc)/2^3 with acc = 387 -> 96.75 clamps to 96
        assertEquals(96, requant(4, 2, 6, 4, Activation.RELU6, 387, 0));
        assertEquals(96, requant(4, 2, 6, 4, Activation.RELU6, 383, 0)); // 95.75 -> 96 by rounding
        assertEquals(95, requant(4, 2, 6, 4, Activation.RELU6, 379, 0)); // 94.75 -> 95
    }

    @Test
    void clampAppliesToTheRoundedOutput() {
        Activation clamp = new Activation.Clamp(-3, 10);
        assertEquals(10, requant(0, 0, 0, 0, clamp, 50, 0));
        assertEquals(-3, requant(0, 0, 0, 0, clamp, -50, 0));
        assertEquals(4, requant(0, 0, 0, 0, clamp, 4, 0));
        assertEquals(-2, requant(1, 0, 1, 0, clamp, -5, 0)); // -2.5 -> -2, inside
    }
}
