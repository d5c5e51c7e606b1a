package org.jdpu.arch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoolDivisorTest {
    /** Every area the core takes, every tap sum it can see: the golden model's rounded average. */
    @Test
    void everySumOfEveryAreaIsTheRoundedAverage() {
        for (int area = 1; area <= 256; area++) {
            PoolDivisor d = PoolDivisor.exact(area);
            for (int sum = -128 * area; sum <= 127 * area; sum++) {
                long want = Math.floorDiv(2L * sum + area, 2L * area);
                if (d.apply(sum) != want) assertEquals(want, d.apply(sum), "area " + area + " sum " + sum);
            }
        }
    }

    @Test
    void aScaledAverageRoundsHalfUpAndSaturates() {
        PoolDivisor d = PoolDivisor.scaled(21, 10); // the DPU's 1/49
        assertEquals(Math.floorDiv(1000L * 21 + 512, 1024), d.apply(1000));
        assertEquals(Math.floorDiv(-1000L * 21 + 512, 1024), d.apply(-1000));
        assertEquals(-5, PoolDivisor.scaled(1, 1).apply(-11)); // floor(-5.5 + 0.5)
        assertEquals((1 << 16) - 1, PoolDivisor.scaled(1, 0).apply(1 << 16), "saturates at 17 bits");
        assertEquals(-(1 << 16), PoolDivisor.scaled(1, 0).apply(-(1 << 17)), "saturates at 17 bits");
    }

    @Test
    void valuesOutsideTheRegistersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PoolDivisor.exact(0));
        assertThrows(IllegalArgumentException.class, () -> PoolDivisor.exact(257));
        assertThrows(IllegalArgumentException.class, () -> new PoolDivisor(1L << 26, 0));
        assertThrows(IllegalArgumentException.class, () -> PoolDivisor.scaled(4, 0), "4 * 2^25 does not fit");
        assertThrows(IllegalArgumentException.class, () -> PoolDivisor.scaled(1, 26));
    }
}
