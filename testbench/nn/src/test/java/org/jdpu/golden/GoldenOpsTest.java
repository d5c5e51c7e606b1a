package org.jdpu.golden;

import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every op, mode and activation on inputs small enough to compute by hand. */
class GoldenOpsTest {
    private static final Quant UNIT_SHIFT = new Quant.ShiftQuant(0, 0, 0, 0); // y = acc + bias, saturated
    private static final Window VALID_2X2 = new Window(2, 2, 1, 1, 1, 1, Padding.NONE);
    private static final Window SAME_3X3 = new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1));

    private static int[] ints(Tensor t) {
        int[] v = new int[t.size()];
        for (int i = 0; i < v.length; i++) v[i] = t.intAt(i);
        return v;
    }

    private static Int32Tensor bias(int... b) {
        return new Int32Tensor(new int[] {b.length}, b);
    }

    // x[y][x][c] = 1..8 over a 2x2x2 image
    private static final Int8Tensor X_2X2X2 = Int8Tensor.of(new int[] {1, 2, 2, 2}, 1, 2, 3, 4, 5, 6, 7, 8);

    @Test
    void conv2dSumsOverKernelAndChannelsShiftMode() {
        Conv2dSpec spec = new Conv2dSpec(new FeatureShape(2, 2, 2), 2, VALID_2X2, UNIT_SHIFT, Activation.NONE);
        Int8Tensor w = Int8Tensor.of(new int[] {2, 2, 2, 2},
                1, -1, 2, -2, 3, -3, 4, -4,   // oc 0: 1-2+6-8+15-18+28-32 = -10
                1, 1, 1, 1, 1, 1, 1, 1);      // oc 1: 36
        Tensor y = Golden.run(spec, X_2X2X2, w, bias(3, -40));
        assertArrayEquals(new int[] {1, 1, 1, 2}, y.shape());
        assertArrayEquals(new int[] {-7, -4}, ints(y));
        assertArrayEquals(new int[] {-10, 36}, ints(Golden.run(spec, X_2X2X2, w, null)));
    }

    @Test
    void conv2dModeNoneGivesExactAccumulatorsWithZeroPoints() {
        Conv2dSpec spec = new Conv2dSpec(new FeatureShape(2, 2, 2), 1, VALID_2X2, new Quant.NoQuant(1, 2), Activation.NONE);
        Int8Tensor w = Int8Tensor.of(new int[] {1, 2, 2, 2}, 3, 3, 3, 3, 3, 3, 3, 3);
        // (x - 1) sums to 36 - 8 = 28; (w - 2) = 1 everywhere
        Tensor y = Golden.run(spec, X_2X2X2, w, bias(1000));
        assertTrue(y instanceof Int32Tensor);
        assertArrayEquals(new int[] {1028}, ints(y));
    }

    @Test
    void tapsOutsideTheImageContributeNothingEvenWithAZeroPoint() {
        // 3x3 zero image, input zero point -3: each in-image tap adds (0 - -3) * 1 = 3
        Conv2dSpec spec = new Conv2dSpec(new FeatureShape(3, 3, 1), 1, SAME_3X3, new Quant.NoQuant(-3, 0), Activation.NONE);
        Int8Tensor w = Int8Tensor.of(new int[] {1, 3, 3, 1}, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        Tensor y = Golden.run(spec, Int8Tensor.zeros(1, 3, 3, 1), w, null);
        assertArrayEquals(new int[] {12, 18, 12, 18, 27, 18, 12, 18, 12}, ints(y));
    }

    @Test
    void conv2dStrideDilationAndAsymmetricPadding() {
        // 4x4 image 1..16, 2x2 kernel of ones, dilation 2, stride 2, padding top 1, left 0, bottom 2, right 2
        Int8Tensor x = Int8Tensor.of(new int[] {1, 4, 4, 1}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        Window win = new Window(2, 2, 2, 2, 2, 2, new Padding(1, 0, 2, 2));
        Conv2dSpec spec = new Conv2dSpec(new FeatureShape(4, 4, 1), 1, win, UNIT_SHIFT, Activation.NONE);
        // rows: (4+1+2-3)/2+1 = 3 output rows starting at input rows -1, 1, 3; columns: (4+0+2-3)/2+1 = 2 at 0, 2
        // oy0: rows -1 (pad) and 1; ox0: cols 0,2 -> 5+7 = 12; ox1: cols 2,4(pad) -> 7
        // oy1: rows 1 and 3: ox0 5+7+13+15 = 40; ox1 7+15 = 22
        // oy2: rows 3 and 5 (pad): ox0 13+15 = 28; ox1 15
        Tensor y = Golden.run(spec, x, Int8Tensor.of(new int[] {1, 2, 2, 1}, 1, 1, 1, 1), null);
        assertArrayEquals(new int[] {1, 3, 2, 1}, y.shape());
        assertArrayEquals(new int[] {12, 7, 40, 22, 28, 15}, ints(y));
    }

    @Test
    void depthwiseOutputChannelCTimesMPlusMReadsInputChannelC() {
        // input channel 0 = 1,3,5,7; channel 1 = 2,4,6,8; M = 2 -> output channels (c0,m0), (c0,m1), (c1,m0), (c1,m1)
        DepthwiseConv2dSpec spec = new DepthwiseConv2dSpec(new FeatureShape(2, 2, 2), 2, VALID_2X2,
                new Quant.NoQuant(0, 0), Activation.NONE);
        Int8Tensor w = Int8Tensor.of(new int[] {1, 2, 2, 4},
                1, 2, 1, 1,    // tap (0,0)
                1, 2, 1, 0,    // tap (0,1)
                1, 2, 1, 0,    // tap (1,0)
                1, 2, 1, -1);  // tap (1,1)
        Tensor y = Golden.run(spec, X_2X2X2, w, bias(0, 0, 0, 100));
        assertArrayEquals(new int[] {1, 1, 1, 4}, y.shape());
        assertArrayEquals(new int[] {16, 32, 20, 94}, ints(y)); // 2 - 8 + 100
    }

    @Test
    void depthwiseMultiplierModeWithPaddingAndClamp() {
        // 1x3 image, one channel, kernel 1x3 same padding, zp_in -2: x - zp = x + 2
        DepthwiseConv2dSpec spec = new DepthwiseConv2dSpec(new FeatureShape(1, 3, 1), 1,
                new Window(1, 3, 1, 1, 1, 1, new Padding(0, 1, 0, 1)),
                new Quant.MultiplierQuant(-2, 3, new int[] {1 << 30}, new int[] {0}), new Activation.Clamp(-100, 20));
        Int8Tensor x = Int8Tensor.of(new int[] {1, 1, 3, 1}, 10, -2, 30);
        Int8Tensor w = Int8Tensor.of(new int[] {1, 1, 3, 1}, 1, 2, 3);
        // x + 2 = 12, 0, 32. ox0: 2*12 + 3*0 = 24; ox1: 12 + 0 + 96 = 108; ox2: 0 + 64 = 64
        // + bias -1 -> 23, 107, 63; * 0.5 -> 12 (11.5 up), 54 (53.5 up), 32 (31.5 up); + 3 -> 15, 57, 35; clamp 20
        Tensor y = Golden.run(spec, x, w, bias(-1));
        assertArrayEquals(new int[] {15, 20, 20}, ints(y));
    }

    @Test
    void conv2dMultiplierModeRelu() {
        Conv2dSpec spec = new Conv2dSpec(new FeatureShape(1, 1, 1), 2, new Window(1, 1, 1, 1, 1, 1, Padding.NONE),
                new Quant.MultiplierQuant(-2, 5, new int[] {1 << 30, 1 << 30}, new int[] {-1, 1}), Activation.RELU);
        Int8Tensor w = Int8Tensor.of(new int[] {2, 1, 1, 1}, 3, -3);
        // acc = (10 + 2) * 3 = 36 (+4 = 40) and -36 (+4 = -32)
        // ch0: 40 * 0.5 = 20, / 2 = 10, + 5 = 15; ch1: -32 << 1 = -64, * 0.5 = -32, + 5 = -27 -> relu floor 5
        Tensor y = Golden.run(spec, Int8Tensor.of(new int[] {1, 1, 1, 1}, 10), w, bias(4, 4));
        assertArrayEquals(new int[] {15, 5}, ints(y));
    }

    @Test
    void shiftModeActivationsOnAConv() {
        // v = (acc + bias) / 2 with fp_input 1: one output per activation
        Int8Tensor x = Int8Tensor.of(new int[] {1, 1, 1, 1}, -45);
        Int8Tensor w = Int8Tensor.of(new int[] {1, 1, 1, 1}, 2);
        Quant q = new Quant.ShiftQuant(1, 0, 1, 0);
        Window one = new Window(1, 1, 1, 1, 1, 1, Padding.NONE);
        FeatureShape in = new FeatureShape(1, 1, 1);
        // acc = -90, v = -45
        assertEquals(-45, Golden.run(new Conv2dSpec(in, 1, one, q, Activation.NONE), x, w, null).intAt(0));
        assertEquals(0, Golden.run(new Conv2dSpec(in, 1, one, q, Activation.RELU), x, w, null).intAt(0));
        assertEquals(0, Golden.run(new Conv2dSpec(in, 1, one, q, Activation.RELU6), x, w, null).intAt(0));
        assertEquals(-5, Golden.run(new Conv2dSpec(in, 1, one, q, Activation.LEAKY_RELU), x, w, null).intAt(0));
        assertEquals(-7, Golden.run(new Conv2dSpec(in, 1, one, q, new Activation.Clamp(-7, 7)), x, w, null).intAt(0));
        // positive: acc = 90 + bias 60 (fp_bias 1 = fp_input + fp_weights, no shift) -> v = 75; relu6 bound 6 * 2^0
        assertEquals(6, Golden.run(new Conv2dSpec(in, 1, one, q, Activation.RELU6), Int8Tensor.of(new int[] {1, 1, 1, 1}, 45),
                w, bias(60)).intAt(0));
    }

    @Test
    void maxpoolIgnoresPadding() {
        // all-negative 3x3 image, 3x3 window, stride 2, padding 1: padding never wins
        Int8Tensor x = Int8Tensor.of(new int[] {1, 3, 3, 1}, -5, -6, -7, -8, -9, -10, -11, -12, -13);
        PoolSpec spec = new PoolSpec(PoolSpec.Kind.MAX, new FeatureShape(3, 3, 1),
                new Window(3, 3, 2, 2, 1, 1, new Padding(1, 1, 1, 1)), Activation.NONE);
        assertArrayEquals(new int[] {-5, -6, -8, -9}, ints(Golden.run(spec, x, null, null)));
        PoolSpec relu = new PoolSpec(PoolSpec.Kind.MAX, spec.input(), spec.window(), Activation.RELU);
        assertArrayEquals(new int[] {0, 0, 0, 0}, ints(Golden.run(relu, x, null, null)));
    }

    @Test
    void maxpoolPerChannel() {
        Int8Tensor x = Int8Tensor.of(new int[] {1, 2, 2, 2}, 1, -1, 7, -7, 3, -3, 5, -128);
        PoolSpec spec = new PoolSpec(PoolSpec.Kind.MAX, new FeatureShape(2, 2, 2), VALID_2X2, new Activation.Clamp(-2, 6));
        assertArrayEquals(new int[] {6, -1}, ints(Golden.run(spec, x, null, null)));
    }

    @Test
    void avgpoolDividesByTheKernelAreaAndRoundsHalfUp() {
        int[] shape = {1, 2, 2, 1};
        PoolSpec spec = new PoolSpec(PoolSpec.Kind.AVG, new FeatureShape(2, 2, 1), VALID_2X2, Activation.NONE);
        assertEquals(3, Golden.run(spec, Int8Tensor.of(shape, 1, 2, 3, 5), null, null).intAt(0));     // 2.75
        assertEquals(1, Golden.run(spec, Int8Tensor.of(shape, 1, 1, 1, 2), null, null).intAt(0));     // 1.25
        assertEquals(-1, Golden.run(spec, Int8Tensor.of(shape, -1, -1, -1, -2), null, null).intAt(0)); // -1.25
        assertEquals(1, Golden.run(spec, Int8Tensor.of(shape, 1, 1, 0, 0), null, null).intAt(0));     // 0.5
        assertEquals(0, Golden.run(spec, Int8Tensor.of(shape, -1, -1, 0, 0), null, null).intAt(0));   // -0.5
        assertEquals(-1, Golden.run(spec, Int8Tensor.of(shape, -1, -1, -1, -3), null, null).intAt(0)); // -1.5
        assertEquals(127, Golden.run(spec, Int8Tensor.of(shape, 127, 127, 127, 127), null, null).intAt(0));
        assertEquals(-128, Golden.run(spec, Int8Tensor.of(shape, -128, -128, -128, -128), null, null).intAt(0));
    }

    @Test
    void avgpoolCountsPaddingInTheDivisor() {
        PoolSpec spec = new PoolSpec(PoolSpec.Kind.AVG, new FeatureShape(1, 1, 1),
                new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1)), Activation.NONE);
        assertEquals(1, Golden.run(spec, Int8Tensor.of(new int[] {1, 1, 1, 1}, 9), null, null).intAt(0));
        assertEquals(14, Golden.run(spec, Int8Tensor.of(new int[] {1, 1, 1, 1}, 127), null, null).intAt(0)); // 14.1
    }

    @Test
    void addAlignsEachInputByItsOwnFixPoint() {
        FeatureShape s = new FeatureShape(1, 1, 4);
        int[] shape = s.tensorShape();
        // a at fp 1, b at fp 2, out at fp 1
        AddSpec spec = new AddSpec(s, new AddSpec.AddQuant(1, 2, 1), Activation.NONE);
        Int8Tensor a = Int8Tensor.of(shape, 3, 1, -1, 127);
        Int8Tensor b = Int8Tensor.of(shape, 2, 1, -1, 127);
        // 1.5 + 0.5 = 2.0 -> 4; 0.5 + 0.25 = 0.75 -> 1.5 -> 2; -0.75 -> -1.5 -> -1; 63.5 + 31.75 -> 190.5 -> 127
        assertArrayEquals(new int[] {4, 2, -1, 127}, ints(Golden.add(spec, a, b)));
        AddSpec finer = new AddSpec(s, new AddSpec.AddQuant(0, 0, 2), Activation.NONE);
        assertArrayEquals(new int[] {20, 8, -8, 127}, ints(Golden.add(finer,
                Int8Tensor.of(shape, 3, 1, -1, 100), Int8Tensor.of(shape, 2, 1, -1, 100))));
        AddSpec leaky = new AddSpec(s, new AddSpec.AddQuant(0, 0, 0), Activation.LEAKY_RELU);
        // -100 + -28 = -128 -> -13; 100 + 100 saturates; -5 + 0 -> -0.51 -> -1
        assertArrayEquals(new int[] {-13, 127, -1, 0}, ints(Golden.add(leaky,
                Int8Tensor.of(shape, -100, 100, -5, 0), Int8Tensor.of(shape, -28, 100, 0, 0))));
        AddSpec relu = new AddSpec(s, new AddSpec.AddQuant(0, 0, 0), Activation.RELU);
        assertArrayEquals(new int[] {0, 127, 0, 3}, ints(Golden.add(relu,
                Int8Tensor.of(shape, -100, 100, -5, 1), Int8Tensor.of(shape, -28, 100, 0, 2))));
    }

    @Test
    void operandsAreCheckedAgainstTheSpec() {
        Conv2dSpec spec = new Conv2dSpec(new FeatureShape(2, 2, 2), 2, VALID_2X2, UNIT_SHIFT, Activation.NONE);
        SpecException e = assertThrows(SpecException.class,
                () -> Golden.run(spec, X_2X2X2, Int8Tensor.zeros(2, 2, 2, 3), null));
        assertEquals("weights", e.field());
        assertTrue(e.problem().contains("[2, 2, 2, 3]") && e.problem().contains("[2, 2, 2, 2]"), e.getMessage());
        e = assertThrows(SpecException.class, () -> Golden.run(spec, Int8Tensor.zeros(1, 2, 3, 2),
                Int8Tensor.zeros(2, 2, 2, 2), null));
        assertEquals("input", e.field());
        e = assertThrows(SpecException.class, () -> Golden.run(spec, X_2X2X2, Int8Tensor.zeros(2, 2, 2, 2), bias(1)));
        assertEquals("bias", e.field());
        PoolSpec pool = new PoolSpec(PoolSpec.Kind.MAX, new FeatureShape(2, 2, 2), VALID_2X2, Activation.NONE);
        e = assertThrows(SpecException.class, () -> Golden.run(pool, X_2X2X2, Int8Tensor.zeros(2, 2, 2, 2), null));
        assertEquals("weights", e.field());
        AddSpec add = new AddSpec(new FeatureShape(2, 2, 2), new AddSpec.AddQuant(0, 0, 0), Activation.NONE);
        e = assertThrows(SpecException.class, () -> Golden.add(add, X_2X2X2, Int8Tensor.zeros(1, 2, 2, 1)));
        assertEquals("input_b", e.field());
        assertThrows(IllegalArgumentException.class, () -> Golden.run(add, X_2X2X2, X_2X2X2, null));
    }

    @Test
    void biasThatCouldOverflowTheAccumulatorIsRejectedWithNumbers() {
        Conv2dSpec spec = new Conv2dSpec(new FeatureShape(2, 2, 2), 1, VALID_2X2, new Quant.NoQuant(0, 0), Activation.NONE);
        SpecException e = assertThrows(SpecException.class, () -> Golden.run(spec, X_2X2X2, Int8Tensor.zeros(1, 2, 2, 2),
                bias(Integer.MAX_VALUE - 100)));
        // worst case 8 taps * 128 * 128 = 131072
        assertTrue(e.problem().contains("131072") && e.problem().contains("2147483547"), e.getMessage());
    }
}
