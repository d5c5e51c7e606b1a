package org.jdpu.golden;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.PoolSpec;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The golden model against {@link SlowReference} over random shapes, windows, quantisation
 * parameters, activations and data. Each test prints its seed; rerun one with
 * {@code -Djdpu.seed=<seed>}.
 */
class GoldenPropertyTest {
    private static final int CASES = 250;

    private static RandomLayers random(String test) {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println(GoldenPropertyTest.class.getSimpleName() + " " + test + " seed " + seed
                + " (rerun with -Djdpu.seed=" + seed + ")");
        return new RandomLayers(new RandomDataGenerator(new Well19937c(seed)));
    }

    @ParameterizedTest(name = "{0} depthwise={1}")
    @CsvSource({"shift,false", "shift,true", "multiplier,false", "multiplier,true", "none,false", "none,true"})
    void convolutionsMatchTheSlowReference(String mode, boolean depthwise) {
        RandomLayers r = random(mode + (depthwise ? " depthwise" : " conv2d"));
        for (int i = 0; i < CASES; i++) {
            ConvolutionSpec spec = r.convolution(mode, depthwise);
            Int8Tensor x = r.int8(spec.input().tensorShape());
            Int8Tensor w = r.int8(spec.weightShape());
            Int32Tensor b = r.chance(0.1) ? null : r.bias(spec);
            Tensor expected = SlowReference.run(spec, x, w, b);
            Tensor actual = Golden.run(spec, x, w, b);
            assertEquals(expected, actual, "case " + i + ": " + spec + "\nbias " + b);
        }
    }

    /**
     * The golden model keeps widened weights per tensor between calls: a second call with the same
     * array gives the same sums, and one whose bytes were changed in place gives the new ones.
     */
    @ParameterizedTest(name = "{0} depthwise={1}")
    @CsvSource({"shift,false", "shift,true", "multiplier,false"})
    void weightsChangedInPlaceAreNotServedStale(String mode, boolean depthwise) {
        RandomLayers r = random(mode + (depthwise ? " depthwise" : " conv2d") + " reused weights");
        for (int i = 0; i < CASES; i++) {
            ConvolutionSpec spec = r.convolution(mode, depthwise);
            Int8Tensor x = r.int8(spec.input().tensorShape());
            Int8Tensor w = r.int8(spec.weightShape());
            Int32Tensor b = r.bias(spec);
            assertEquals(Golden.run(spec, x, w, b), Golden.run(spec, x, w, b), "case " + i + " repeated: " + spec);
            byte[] data = w.data();
            int at = r.between(0, data.length - 1);
            data[at] = (byte) (data[at] == Byte.MAX_VALUE ? Byte.MIN_VALUE : data[at] + 1);
            assertEquals(SlowReference.run(spec, x, w, b), Golden.run(spec, x, w, b),
                    "case " + i + " after weight " + at + " changed: " + spec);
        }
    }

    @ParameterizedTest
    @CsvSource({"MAX", "AVG"})
    void poolsMatchTheSlowReference(PoolSpec.Kind kind) {
        RandomLayers r = random(kind + "pool");
        for (int i = 0; i < CASES; i++) {
            PoolSpec spec = r.pool(kind);
            Int8Tensor x = r.int8(spec.input().tensorShape());
            assertEquals(SlowReference.pool(spec, x), Golden.run(spec, x, null, null), "case " + i + ": " + spec);
        }
    }

    @ParameterizedTest
    @CsvSource({"add", "tflite add"})
    void addMatchesTheSlowReference(String name) {
        RandomLayers r = random(name);
        for (int i = 0; i < CASES; i++) {
            AddSpec spec = name.equals("tflite add") ? r.tfliteAdd() : r.add();
            Int8Tensor a = r.int8(spec.input().tensorShape());
            Int8Tensor b = r.int8(spec.input().tensorShape());
            assertEquals(SlowReference.add(spec, a, b), Golden.add(spec, a, b), "case " + i + ": " + spec);
        }
    }
}
