package org.jdpu.importer.tflite;

import org.jdpu.importer.tflite.BuiltinOptions.FusedActivation;
import org.jdpu.importer.tflite.TfliteQuantParams.Multiplier;
import org.jdpu.spec.Activation;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TfliteQuantParamsTest {
    @Test
    void quantizeMultiplierSplitsIntoAQ31SignificandAndAShift() {
        assertEquals(new Multiplier(1 << 30, 0), TfliteQuantParams.quantizeMultiplier(0.5));
        assertEquals(new Multiplier(1 << 30, 1), TfliteQuantParams.quantizeMultiplier(1.0));
        assertEquals(new Multiplier(1610612736, 0), TfliteQuantParams.quantizeMultiplier(0.75)); // 0.75 * 2^31
        assertEquals(new Multiplier(1 << 30, -2), TfliteQuantParams.quantizeMultiplier(0.125));
        assertEquals(new Multiplier(0, 0), TfliteQuantParams.quantizeMultiplier(0.0));
    }

    @Test
    void aSignificandThatRoundsUpToOneMovesTheShift() {
        // 1 - 2^-40 has significand 1 - 2^-40, which rounds to 2^31 in Q31: halved, shift + 1.
        assertEquals(new Multiplier(1 << 30, 1), TfliteQuantParams.quantizeMultiplier(1 - 0x1p-40));
    }

    @Test
    void multipliersBelowTwoToTheMinus32FlushToZero() {
        assertEquals(new Multiplier(1 << 30, -31), TfliteQuantParams.quantizeMultiplier(0x1p-32));
        assertEquals(new Multiplier(0, 0), TfliteQuantParams.quantizeMultiplier(0x1p-33));
    }

    @Test
    void theMultiplierReproducesTheRealValue() {
        long seed = System.nanoTime();
        System.out.println("TfliteQuantParamsTest seed=" + seed);
        Random r = new Random(seed);
        for (int i = 0; i < 10000; i++) {
            double real = Math.scalb(0.5 + r.nextDouble() / 2, r.nextInt(40) - 30);
            Multiplier m = TfliteQuantParams.quantizeMultiplier(real);
            assertTrue(m.multiplier() >= 1 << 30, "seed " + seed + ": " + real + " -> " + m);
            double back = Math.scalb((double) m.multiplier(), m.shift() - 31);
            assertTrue(Math.abs(back - real) <= Math.scalb(1.0, m.shift() - 32), "seed " + seed + ": " + real + " -> " + m);
        }
    }

    @Test
    void fusedActivationsBecomeInt8Ranges() {
        // relu6 on scale 6/255 with zero point -128 covers all of int8: no clamp is needed.
        assertArrayEquals(new int[] {-128, 127}, TfliteQuantParams.activationRange(FusedActivation.RELU6, 6f / 255, -128));
        assertArrayEquals(new int[] {5, 127}, TfliteQuantParams.activationRange(FusedActivation.RELU, 0.1f, 5));
        // relu6 at scale 0.05: 6 / 0.05 = 120 above the zero point -10 -> 110.
        assertArrayEquals(new int[] {-10, 110}, TfliteQuantParams.activationRange(FusedActivation.RELU6, 0.05f, -10));
        assertArrayEquals(new int[] {-64, 64}, TfliteQuantParams.activationRange(FusedActivation.RELU_N1_TO_1, 1f / 64, 0));
        assertNull(TfliteQuantParams.activationRange(FusedActivation.TANH, 0.1f, 0));
        assertEquals(Activation.NONE, TfliteQuantParams.activation(new int[] {-128, 127}));
        assertEquals(new Activation.Clamp(-10, 110), TfliteQuantParams.activation(new int[] {-10, 110}));
    }

    @Test
    void boundsRoundHalfAwayFromZero() {
        // -1 / 0.4 = -2.5 rounds to -3, 1 / 0.4 = 2.5 to 3.
        assertEquals(-3, TfliteQuantParams.quantize(-1f, 0.4f, 0));
        assertEquals(3, TfliteQuantParams.quantize(1f, 0.4f, 0));
    }
}
