package org.jdpu.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** TFLite's QuantizeMultiplier: frexp, round to Q31, carry into the shift, flush tiny factors. */
class QuantizedMultiplierTest {
    @Test
    void splitsAFactorIntoAQ31MultiplierAndAShift() {
        assertEquals(new QuantizedMultiplier(1 << 30, 0), QuantizedMultiplier.of(0.5));
        assertEquals(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.of(1.0));
        assertEquals(new QuantizedMultiplier(1610612736, 0), QuantizedMultiplier.of(0.75));
        assertEquals(new QuantizedMultiplier(1717986918, -3), QuantizedMultiplier.of(0.1)); // 0.8 * 2^-3
        assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(0.0));
        assertEquals(0.75, QuantizedMultiplier.of(0.75).value());
    }

    @Test
    void aMantissaThatRoundsUpToOneMovesToTheNextShift() {
        assertEquals(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.of(1 - Math.scalb(1.0, -40)));
    }

    @Test
    void factorsBelowTwoToTheMinus31AreFlushedToZero() {
        assertEquals(new QuantizedMultiplier(1 << 30, -31), QuantizedMultiplier.of(Math.scalb(1.0, -32)));
        assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(Math.scalb(1.0, -33)));
        assertThrows(IllegalArgumentException.class, () -> QuantizedMultiplier.of(-1));
    }

    @Test
    void tfliteAddAndMeanArePreparedFromScales() {
        // scales 0.1 and 0.05 into 0.2: t = 0.2, factors 0.5, 0.25 and 0.2 / (2^20 * 0.2) = 2^-20
        assertEquals(new AddSpec.TfliteAddQuant(1, 2, 3, 1 << 30, 0, 1 << 30, -1, 1 << 30, -19),
                AddSpec.TfliteAddQuant.of(0.1, 1, 0.05, 2, 0.2, 3));
        assertEquals(new PoolQuant.TfliteMean(-128, 4, 1 << 30, 1), PoolQuant.TfliteMean.of(0.02, -128, 0.02, 4));
    }
}
