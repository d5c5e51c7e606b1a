package org.jdpu.golden;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.SoftmaxSpec;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TFLite's int8 softmax: exact special cases, TFLite Micro's own test case, and a float reference. */
class SoftmaxTest {
    private static int[] run(SoftmaxSpec spec, int... x) {
        Tensor y = Golden.run(spec, Int8Tensor.of(spec.input().tensorShape(), x), null, null);
        int[] v = new int[y.size()];
        for (int i = 0; i < v.length; i++) v[i] = y.intAt(i);
        return v;
    }

    @Test
    void parametersAreTflitesPreprocessSoftmaxScaling() {
        // beta 1, scale 0.1: 0.1 * 2^26 = 0.8 * 2^23 -> round(0.8 * 2^31), shift 23; radius floor(31 * 2^26 / 2^23)
        SoftmaxSpec s = SoftmaxSpec.of(new FeatureShape(1, 1, 5), 1.0, 0.1);
        assertEquals(1717986918, s.inputMultiplier());
        assertEquals(23, s.inputLeftShift());
        assertEquals(-248, s.diffMin());
        SoftmaxSpec unit = SoftmaxSpec.of(new FeatureShape(1, 1, 5), 1.0, 1.0);
        assertEquals(1 << 30, unit.inputMultiplier());
        assertEquals(27, unit.inputLeftShift());
        assertEquals(-15, unit.diffMin());
    }

    @Test
    void equalInputsShareTheProbabilityExactly() {
        // 1/2 = 128/256 -> 0 after the zero point -128; 1/4 -> 64 - 128
        assertArrayEquals(new int[] {0, 0}, run(SoftmaxSpec.of(new FeatureShape(1, 1, 2), 1.0, 0.1), 7, 7));
        assertArrayEquals(new int[] {-64, -64, -64, -64},
                run(SoftmaxSpec.of(new FeatureShape(1, 1, 4), 1.0, 0.1), -3, -3, -3, -3));
        assertArrayEquals(new int[] {127}, run(SoftmaxSpec.of(new FeatureShape(1, 1, 1), 1.0, 0.1), -100));
    }

    @Test
    void differencesBelowTheInputRadiusGiveZeroProbability() {
        // scale 1: diff_min -15; e^-15 * 256 rounds to 0 as well
        SoftmaxSpec spec = SoftmaxSpec.of(new FeatureShape(1, 1, 4), 1.0, 1.0);
        assertArrayEquals(new int[] {0, -128, -128, 0}, run(spec, 0, -16, -15, 0));
    }

    @Test
    void eachPixelIsNormalisedOnItsOwn() {
        // pixel 0: two equal values, 1/2 each; pixel 1: e^-10 * 256 rounds to 0, the maximum saturates at 127
        SoftmaxSpec spec = SoftmaxSpec.of(new FeatureShape(1, 2, 2), 1.0, 0.1);
        assertArrayEquals(new int[] {0, 0, 127, -128}, run(spec, 5, 5, 0, -100));
    }

    @Test
    void tfliteMicrosOneDimensionalCaseWithinItsTolerance() {
        // softmax_test.cc: inputs 1..5 at scale 0.1, goldens 0.011656, 0.031685, 0.086129, 0.234122, 0.636409
        double[] golden = {0.011656231, 0.031684921, 0.086128544, 0.234121657, 0.636408647};
        int[] y = run(SoftmaxSpec.of(new FeatureShape(1, 1, 5), 1.0, 0.1), 10, 20, 30, 40, 50);
        for (int i = 0; i < golden.length; i++) {
            long expected = Math.round(golden[i] * 256) - 128;
            assertTrue(Math.abs(y[i] - expected) <= 1, i + ": " + y[i] + " vs " + expected);
        }
    }

    @Test
    void withinOneStepOfTheFloatSoftmax() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("SoftmaxTest seed " + seed + " (rerun with -Djdpu.seed=" + seed + ")");
        RandomDataGenerator rnd = new RandomDataGenerator(new Well19937c(seed));
        for (int i = 0; i < 300; i++) {
            int c = rnd.nextInt(1, 40);
            double scale = Math.pow(2, rnd.nextUniform(-8, 1)), beta = rnd.nextUniform(0.2, 2);
            SoftmaxSpec spec = SoftmaxSpec.of(new FeatureShape(1, 1, c), beta, scale);
            int[] x = new int[c];
            for (int k = 0; k < c; k++) x[k] = rnd.nextInt(-128, 127);
            int[] y = run(spec, x);
            int max = Integer.MIN_VALUE;
            for (int v : x) max = Math.max(max, v);
            double sum = 0;
            for (int v : x) sum += Math.exp(beta * scale * (v - max));
            for (int k = 0; k < c; k++) {
                double p = Math.exp(beta * scale * (x[k] - max)) / sum;
                long expected = Math.min(127, Math.round(p * 256) - 128);
                assertTrue(Math.abs(y[k] - expected) <= 1, "case " + i + " channel " + k + ": " + y[k] + " vs " + expected
                        + " (p " + p + ", beta*scale " + beta * scale + ")");
            }
        }
    }
}
