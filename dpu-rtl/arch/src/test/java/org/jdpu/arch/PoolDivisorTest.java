package org.jdpu.arch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolDivisorTest {
    /** Every area the core takes, every tap sum it can see: the golden model's rounded average. */
    @Test
    void everySumOfEveryAreaIsTheRoundedAverage() {
        for (int area = 1; area <= 256; area++) {
            PoolDivisor d = new PoolDivisor(area);
            assertTrue(d.add() < 1L << PoolDivisor.ADD_BITS, "AVG_ADD fits, area " + area);
            assertTrue(d.multiplier() < 1L << PoolDivisor.MUL_BITS, "AVG_MUL fits, area " + area);
            assertTrue(d.shift() < 1 << PoolDivisor.SHIFT_BITS, "AVG_SHIFT fits, area " + area);
            for (int sum = -128 * area; sum <= 127 * area; sum++) {
                long m = sum + d.add();
                assertTrue(m >= 0 && m < 1L << PoolDivisor.DIVIDEND_BITS, "dividend range, area " + area);
                int want = (int) Math.floorDiv(2L * sum + area, 2L * area);
                if (d.average(sum) != want) assertEquals(want, d.average(sum), "area " + area + " sum " + sum);
            }
        }
    }

    @Test
    void areasOutsideTheKernelRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PoolDivisor(0));
        assertThrows(IllegalArgumentException.class, () -> new PoolDivisor(257));
    }
}
