package org.jdpu.golden;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.Activation;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Quant;
import org.jdpu.spec.SpecException;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fully connected layer: NHWC flattening, each requantisation mode, and the slow reference. */
class DenseTest {
    // x[y][x][c] = 1..8 over a 2x2x2 image; flattened NHWC it is 1, 2, ..., 8
    private static final Int8Tensor X = Int8Tensor.of(new int[] {1, 2, 2, 2}, 1, 2, 3, 4, 5, 6, 7, 8);
    private static final FeatureShape IN = new FeatureShape(2, 2, 2);

    private static int[] ints(Tensor t) {
        int[] v = new int[t.size()];
        for (int i = 0; i < v.length; i++) v[i] = t.intAt(i);
        return v;
    }

    @Test
    void featuresAreFlattenedInNhwcOrder() {
        DenseSpec spec = new DenseSpec(IN, 3, new Quant.ShiftQuant(0, 0, 0, 0), Activation.NONE);
        // feature (y*W + x)*C + c: (1, 0, 1) is 5, the value 6; (0, 1, 0) is 2, the value 3
        Int8Tensor w = Int8Tensor.of(new int[] {3, 8},
                0, 0, 0, 0, 0, 1, 0, 0,
                0, 0, 1, 0, 0, 0, 0, 0,
                1, -1, 2, -2, 3, -3, 4, -4);   // 1-2+6-8+15-18+28-32 = -10
        Tensor y = Golden.run(spec, X, w, new Int32Tensor(new int[] {3}, new int[] {0, 100, 3}));
        assertArrayEquals(new int[] {1, 1, 1, 3}, y.shape());
        assertArrayEquals(new int[] {6, 103, -7}, ints(y));
    }

    @Test
    void shiftModeRoundsAndActivatesLikeAConvolution() {
        // fp_in 1 + fp_w 1 - fp_out 0 = shift_cut 2: y = round_half_up(acc / 4)
        DenseSpec spec = new DenseSpec(new FeatureShape(1, 1, 2), 2, new Quant.ShiftQuant(1, 1, 2, 0), Activation.RELU);
        Int8Tensor x = Int8Tensor.of(new int[] {1, 1, 1, 2}, 3, -1);
        Int8Tensor w = Int8Tensor.of(new int[] {2, 2}, 1, 1, -3, 0);
        // acc 2 -> 0.5 -> 1; acc -9 -> -2.25 -> relu 0
        assertArrayEquals(new int[] {1, 0}, ints(Golden.run(spec, x, w, null)));
    }

    @Test
    void multiplierModeSubtractsTheInputZeroPoint() {
        Quant.MultiplierQuant q = new Quant.MultiplierQuant(1, 5, new int[] {1 << 30, 1 << 30}, new int[] {0, 1});
        DenseSpec spec = new DenseSpec(new FeatureShape(1, 2, 2), 2, q, Activation.NONE);
        Int8Tensor x = Int8Tensor.of(new int[] {1, 1, 2, 2}, 1, 2, 3, 4); // minus zp 1: 0, 1, 2, 3
        Int8Tensor w = Int8Tensor.of(new int[] {2, 4}, 1, 0, -1, 2, 1, 1, 1, 1);
        // o0: 0 + 0 - 2 + 6 = 4, times 0.5 = 2, + zp 5 = 7; o1: 6 + bias 1 = 7, times 2 * 0.5 = 7, + 5 = 12
        Tensor y = Golden.run(spec, x, w, new Int32Tensor(new int[] {2}, new int[] {0, 1}));
        assertArrayEquals(new int[] {7, 12}, ints(y));
    }

    @Test
    void modeNoneGivesTheExactSums() {
        DenseSpec spec = new DenseSpec(IN, 1, new Quant.NoQuant(-128, 1), Activation.NONE);
        Int8Tensor w = Int8Tensor.of(new int[] {1, 8}, 2, 2, 2, 2, 2, 2, 2, 2); // w - 1 = 1
        Tensor y = Golden.run(spec, X, w, new Int32Tensor(new int[] {1}, new int[] {-5}));
        assertInstanceOf(Int32Tensor.class, y);
        assertArrayEquals(new int[] {36 + 8 * 128 - 5}, ints(y));
    }

    @Test
    void weightsOfTheWrongShapeAreRefusedWithTheLayout() {
        DenseSpec spec = new DenseSpec(IN, 2, new Quant.ShiftQuant(0, 0, 0, 0), Activation.NONE);
        SpecException e = assertThrows(SpecException.class,
                () -> Golden.run(spec, X, new Int8Tensor(new int[] {2, 2, 2, 2}, new byte[16]), null));
        assertEquals("weights", e.field());
        assertTrue(e.problem().contains("expected [2, 8] = [output_channels, input.h * input.w * input.c] (features in "
                + "NHWC order)"), e.problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shift", "multiplier", "none"})
    void matchesTheSlowReference(String mode) {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("DenseTest " + mode + " seed " + seed + " (rerun with -Djdpu.seed=" + seed + ")");
        RandomLayers r = new RandomLayers(new RandomDataGenerator(new Well19937c(seed)));
        for (int i = 0; i < 200; i++) {
            DenseSpec spec = r.dense(mode);
            Int8Tensor x = r.int8(spec.input().tensorShape());
            Int8Tensor w = r.int8(spec.weightShape());
            Int32Tensor b = r.chance(0.1) ? null : r.bias(spec);
            assertEquals(SlowReference.run(spec, x, w, b), Golden.run(spec, x, w, b), "case " + i + ": " + spec + "\nbias " + b);
        }
    }
}
