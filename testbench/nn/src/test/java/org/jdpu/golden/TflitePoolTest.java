package org.jdpu.golden;

import org.jdpu.spec.Activation;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Pools in {@code multiplier} mode follow TFLite's int8 reference kernels, not the DPU's rounding. */
class TflitePoolTest {
    private static final Window SAME_3X3 = new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1));

    private static int[] ints(Tensor t) {
        int[] v = new int[t.size()];
        for (int i = 0; i < v.length; i++) v[i] = t.intAt(i);
        return v;
    }

    @Test
    void averagePoolDividesByTheTapsInsideTheImage() {
        Int8Tensor x = Int8Tensor.of(new int[] {1, 2, 2, 1}, 1, 2, 3, 5);
        PoolSpec tflite = new PoolSpec(PoolSpec.Kind.AVG, new FeatureShape(2, 2, 1), SAME_3X3, new PoolQuant.TflitePool(0),
                Activation.NONE);
        // every window holds the 4 real taps: 11/4 = 2.75 -> 3 (the shift mode divides by 9: 1.22 -> 1)
        assertArrayEquals(new int[] {3, 3, 3, 3}, ints(Golden.run(tflite, x, null, null)));
        PoolSpec shift = new PoolSpec(PoolSpec.Kind.AVG, new FeatureShape(2, 2, 1), SAME_3X3, Activation.NONE);
        assertArrayEquals(new int[] {1, 1, 1, 1}, ints(Golden.run(shift, x, null, null)));
    }

    @Test
    void averagePoolRoundsHalfAwayFromZero() {
        Window two = new Window(2, 1, 2, 1, 1, 1, Padding.NONE);
        PoolSpec spec = new PoolSpec(PoolSpec.Kind.AVG, new FeatureShape(2, 4, 1), two, new PoolQuant.TflitePool(0), Activation.NONE);
        // column pairs: (1,2) 1.5 -> 2, (-1,-2) -1.5 -> -2, (0,-1) -0.5 -> -1, (0,1) 0.5 -> 1
        Int8Tensor x = Int8Tensor.of(new int[] {1, 2, 4, 1}, 1, -1, 0, 0, 2, -2, -1, 1);
        assertArrayEquals(new int[] {2, -2, -1, 1}, ints(Golden.run(spec, x, null, null)));
    }

    @Test
    void reluClampsAtTheZeroPointForBothPools() {
        Window two = new Window(2, 2, 2, 2, 1, 1, Padding.NONE);
        Int8Tensor x = Int8Tensor.of(new int[] {1, 2, 2, 1}, -5, -6, -7, -4);
        for (PoolSpec.Kind kind : PoolSpec.Kind.values()) {
            PoolSpec spec = new PoolSpec(kind, new FeatureShape(2, 2, 1), two, new PoolQuant.TflitePool(-3), Activation.RELU);
            assertArrayEquals(new int[] {-3}, ints(Golden.run(spec, x, null, null)), kind.op());
        }
    }
}
