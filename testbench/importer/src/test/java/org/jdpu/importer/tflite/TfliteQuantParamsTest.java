package org.jdpu.importer.tflite;

import org.jdpu.importer.tflite.BuiltinOptions.FusedActivation;
import org.jdpu.spec.Activation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TfliteQuantParamsTest {
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
