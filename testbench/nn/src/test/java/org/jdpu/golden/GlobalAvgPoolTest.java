package org.jdpu.golden;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.Activation;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.QuantizedMultiplier;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Global average pooling in its three roundings, by hand and against the slow reference. */
class GlobalAvgPoolTest {
    private static int[] ints(Tensor t) {
        int[] v = new int[t.size()];
        for (int i = 0; i < v.length; i++) v[i] = t.intAt(i);
        return v;
    }

    private static Int8Tensor filled(int h, int w, int... perChannel) {
        int c = perChannel.length;
        byte[] d = new byte[h * w * c];
        for (int i = 0; i < d.length; i++) d[i] = (byte) perChannel[i % c];
        return new Int8Tensor(new int[] {1, h, w, c}, d);
    }

    @Test
    void dpuCoefficientsFollowTheTableAndOtherwiseTheClosestPowerOfTwoFraction() {
        assertEquals(new DpuAverage(7, 6), DpuAverage.of(3, 3));
        assertEquals(new DpuAverage(21, 10), DpuAverage.of(7, 7));
        assertEquals(new DpuAverage(21, 12), DpuAverage.of(14, 14));
        assertEquals(new DpuAverage(7, 7), DpuAverage.of(6, 3));
        assertEquals(new DpuAverage(1, 0), DpuAverage.of(1, 1));
        assertEquals(new DpuAverage(1, 4), DpuAverage.of(4, 4));
        // 1/100: 41/4096 and 82/8192 are equally close; the smaller shift is kept
        assertEquals(new DpuAverage(41, 12), DpuAverage.of(10, 10));
        // 1/3: shifts 0..8 (ceil(log2(384)) = 9); 85/256 = 0.33203 is the closest
        assertEquals(new DpuAverage(85, 8), DpuAverage.of(1, 3));
        // the search as Vitis AI's quantizer runs it gives 85/1024 for 12, 17/256 for 15, 73/16384 for 15x15
        assertEquals(new DpuAverage(85, 10), DpuAverage.of(3, 4));
        assertEquals(new DpuAverage(17, 8), DpuAverage.of(5, 3));
        assertEquals(new DpuAverage(73, 14), DpuAverage.of(15, 15));
    }

    @Test
    void shiftModeUsesTheDpuApproximationNotAnExactDivide() {
        GlobalAvgPoolSpec spec = new GlobalAvgPoolSpec(new FeatureShape(3, 3, 3), PoolQuant.SHIFT, Activation.NONE);
        // sums 1143, 81, -9: times 7/64 = 125.02, 8.86, -0.98 -> 125, 9, -1 (an exact mean of 127 gives 127)
        assertArrayEquals(new int[] {125, 9, -1}, ints(Golden.run(spec, filled(3, 3, 127, 9, -1), null, null)));
        // 7x7: 49 * 127 * 21/1024 = 127.6 saturates; -128 gives -128.6 -> floor(-128.1) = -129 -> -128
        GlobalAvgPoolSpec seven = new GlobalAvgPoolSpec(new FeatureShape(7, 7, 2), PoolQuant.SHIFT, Activation.NONE);
        assertArrayEquals(new int[] {127, -128}, ints(Golden.run(seven, filled(7, 7, 127, -128), null, null)));
        GlobalAvgPoolSpec relu = new GlobalAvgPoolSpec(new FeatureShape(3, 3, 3), PoolQuant.SHIFT, Activation.RELU);
        assertArrayEquals(new int[] {125, 9, 0}, ints(Golden.run(relu, filled(3, 3, 127, 9, -1), null, null)));
    }

    @Test
    void multiplierModeIsTfliteAveragePoolOverTheWholeMap() {
        GlobalAvgPoolSpec spec = new GlobalAvgPoolSpec(new FeatureShape(2, 2, 1), new PoolQuant.TflitePool(5), Activation.NONE);
        assertArrayEquals(new int[] {3}, ints(Golden.run(spec, Int8Tensor.of(new int[] {1, 2, 2, 1}, 1, 2, 3, 4), null, null)));
        assertArrayEquals(new int[] {-3}, ints(Golden.run(spec, Int8Tensor.of(new int[] {1, 2, 2, 1}, -1, -2, -3, -4), null, null)));
        GlobalAvgPoolSpec relu = new GlobalAvgPoolSpec(new FeatureShape(2, 2, 1), new PoolQuant.TflitePool(5), Activation.RELU);
        // the mean 1 is below the zero point 5 (real value negative): relu gives the zero point
        assertArrayEquals(new int[] {5}, ints(Golden.run(relu, Int8Tensor.of(new int[] {1, 2, 2, 1}, 0, 1, 1, 2), null, null)));
    }

    @Test
    void meanModeIsTflitesInt8MeanWithItsDoubleRounding() {
        // scale ratio 1 (multiplier 2^30 = 0.5, shift 1); 4 values fold to multiplier 2^30, shift -1
        PoolQuant.TfliteMean q = new PoolQuant.TfliteMean(10, 3, 1 << 30, 1);
        assertEquals(new QuantizedMultiplier(1 << 30, -1), q.scaling(4));
        GlobalAvgPoolSpec spec = new GlobalAvgPoolSpec(new FeatureShape(2, 2, 1), q, Activation.NONE);
        // x - 10 sums to 61; 61 * 0.5 = 30.5 rounds to 31, / 2 = 15.5 rounds to 16; + 3 = 19 (exact: 18.25)
        Int8Tensor x = Int8Tensor.of(new int[] {1, 2, 2, 1}, 10, 20, 30, 41);
        assertArrayEquals(new int[] {19}, ints(Golden.run(spec, x, null, null)));
        // 3 values: k = 1, multiplier floor(2^31 / 3) = 715827882, shift 0
        assertEquals(new QuantizedMultiplier(715827882, 0), q.scaling(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shift", "multiplier", "mean"})
    void matchesTheSlowReference(String mode) {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("GlobalAvgPoolTest " + mode + " seed " + seed + " (rerun with -Djdpu.seed=" + seed + ")");
        RandomLayers r = new RandomLayers(new RandomDataGenerator(new Well19937c(seed)));
        for (int i = 0; i < 200; i++) {
            GlobalAvgPoolSpec spec = r.globalAvgPool(mode);
            Int8Tensor x = r.int8(spec.input().tensorShape());
            assertEquals(SlowReference.globalAvgPool(spec, x), Golden.run(spec, x, null, null),
                    "case " + i + ": " + spec + " " + Arrays.toString(x.data()));
        }
    }
}
