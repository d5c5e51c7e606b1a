package org.jdpu.golden;

import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.AddSpec.TfliteAddQuant;
import org.jdpu.spec.FeatureShape;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** TFLite's int8 ADD: both inputs rescaled after a left shift of 20, then the sum to the output scale. */
class TfliteAddTest {
    private static final FeatureShape FOUR = new FeatureShape(1, 1, 4);
    private static final int HALF = 1 << 30; // 0.5 in Q31

    private static int[] add(TfliteAddQuant q, Activation act, int[] a, int[] b) {
        Tensor y = Golden.add(new AddSpec(FOUR, q, act), Int8Tensor.of(new int[] {1, 1, 1, 4}, a),
                Int8Tensor.of(new int[] {1, 1, 1, 4}, b));
        int[] v = new int[y.size()];
        for (int i = 0; i < v.length; i++) v[i] = y.intAt(i);
        return v;
    }

    @Test
    void equalScalesAddTheIntegers() {
        // each input: x * 2^20 * 0.5 = x * 2^19; the sum * 0.5 / 2^18 = a + b
        TfliteAddQuant q = new TfliteAddQuant(0, 0, 0, HALF, 0, HALF, 0, HALF, -18);
        assertArrayEquals(new int[] {-2, 127, -128, 0}, add(q, Activation.NONE, new int[] {3, 100, -100, 7},
                new int[] {-5, 50, -100, -7}));
    }

    @Test
    void theOutputRoundsHalfAwayFromZero() {
        // input B at half the scale (0.5 * 2^-1): y = a + b/2
        TfliteAddQuant q = new TfliteAddQuant(0, 0, 0, HALF, 0, HALF, -1, HALF, -18);
        assertArrayEquals(new int[] {3, -3, 2, -2}, add(q, Activation.NONE, new int[] {1, -1, 1, -1},
                new int[] {3, -3, 2, -2}));
    }

    @Test
    void parametersPreparedFromScalesComputeTheRealSum() {
        // (0.1 a + 0.05 b) / 0.2 = a/2 + b/4; 0.5 and -0.5 round away from zero
        TfliteAddQuant q = TfliteAddQuant.of(0.1, 0, 0.05, 0, 0.2, 0);
        assertArrayEquals(new int[] {1, 1, -1, 2}, add(q, Activation.NONE, new int[] {2, 1, -1, 3}, new int[] {0, 2, -2, 2}));
        assertArrayEquals(new int[] {1, -1, 0, 0}, add(q, Activation.NONE, new int[] {1, -1, 0, 1}, new int[] {0, 0, 0, -2}));
    }

    @Test
    void zeroPointsAreRemovedAndAddedAndReluClampsAtTheOutputZeroPoint() {
        TfliteAddQuant q = new TfliteAddQuant(10, -20, 5, HALF, 0, HALF, 0, HALF, -18);
        // y = (a - 10) + (b + 20) + 5
        assertArrayEquals(new int[] {5, -5, 16, 127}, add(q, Activation.NONE, new int[] {10, 0, 11, 127},
                new int[] {-20, -20, -10, 127}));
        assertArrayEquals(new int[] {5, 5, 16, 127}, add(q, Activation.RELU, new int[] {10, 0, 11, 127},
                new int[] {-20, -20, -10, 127}));
    }
}
