package org.jdpu.importer.tflite;

import org.jdpu.golden.NetworkRunner;
import org.jdpu.importer.edge.EdgeDType;
import org.jdpu.importer.edge.EdgeLayout;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.importer.edge.ModelEdgeJson;
import org.jdpu.importer.tflite.TfliteReference.Map;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small models built in the test, imported, run through the golden model and compared with TFLite's
 * reference kernels run as TFLite runs the graph; and the refusals.
 */
class TfliteMapperTest {
    private static final int SAME = 0, VALID = 1, RELU = 1, RELU6 = 3;

    @TempDir
    Path dir;

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private int[] ints(int n, int bound) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = random.nextInt(2 * bound) - bound;
        return v;
    }

    private Tensor run(byte[] model, byte[] input, int[] shape) throws IOException {
        Path file = dir.resolve("m.tflite");
        Files.write(file, model);
        ImportResult r = TfliteImport.run(file, dir.resolve("net"));
        return NetworkRunner.run(r.network(), new Int8Tensor(shape, input));
    }

    @Test
    void padThenSameStridedConvMatchesTflite() throws IOException {
        System.out.println("padThenSameStridedConv seed=" + seed);
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 7, 6, 3}, 0.05f, -3);
        int pads = m.int32Constant("pads", new int[] {4, 2}, new int[] {0, 0, 1, 0, 0, 1, 0, 0});
        int p = m.activation("p", new int[] {1, 8, 7, 3}, 0.05f, -3);
        float[] ws = {0.01f, 0.02f, 0.015f, 0.03f};
        byte[] w = bytes(4 * 3 * 3 * 3);
        int wt = m.int8Constant("w", new int[] {4, 3, 3, 3}, w, ws, new long[4], 0);
        int[] bias = ints(4, 500);
        // The old converter's quirk: quantized_dimension 3 on a rank-1 bias, which TFLite Micro never reads.
        int b = m.tensor("b", new int[] {4}, TestModel.INT32, le(bias), TestModel.scales(4, 1e-3f), new long[4], 3);
        int y = m.activation("y", new int[] {1, 4, 4, 4}, 0.08f, 2);
        m.simple(BuiltinOperator.PAD, new int[] {x, pads}, p);
        m.conv(p, wt, b, y, SAME, 2, RELU6);
        byte[] input = bytes(7 * 6 * 3);
        Tensor got = run(m.build(new int[] {x}, new int[] {y}), input, new int[] {1, 7, 6, 3});

        Map padded = TfliteReference.pad(new Map(7, 6, 3, input, -3), 1, 0, 0, 1);
        double[] real = new double[4];
        for (int c = 0; c < 4; c++) real[c] = TfliteQuantParams.effectiveScale(0.05f, ws[c], 0.08f);
        int[] range = TfliteQuantParams.activationRange(BuiltinOptions.FusedActivation.RELU6, 0.08f, 2);
        Map want = TfliteReference.conv(padded, false, w, 4, 3, 3, bias, true, 2, real, 2, range[0], range[1]);
        assertArrayEquals(want.v(), ((Int8Tensor) got).data(), "seed " + seed);

        Conv2dSpec spec = (Conv2dSpec) TfliteImport.map(dir.resolve("m.tflite")).entries().getFirst().spec();
        assertEquals(new Padding(1, 1, 1, 2), spec.window().padding(), "PAD's rows and columns added to SAME's");
    }

    @Test
    void depthwiseThenFullyConnectedMatchesTflite() throws IOException {
        System.out.println("depthwiseThenFullyConnected seed=" + seed);
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 5, 6, 2}, 0.1f, 7);
        byte[] dw = bytes(3 * 3 * 4);
        float[] dws = {0.02f, 0.01f, 0.03f, 0.025f};
        int dwt = m.int8Constant("dw", new int[] {1, 3, 3, 4}, dw, dws, new long[4], 3);
        int[] dwb = ints(4, 300);
        int dwbt = m.int32Constant("dwb", new int[] {4}, dwb);
        int h = m.activation("h", new int[] {1, 3, 4, 4}, 0.12f, -20);
        byte[] fc = bytes(5 * 48);
        int fct = m.int8Constant("fc", new int[] {5, 48}, fc, new float[] {0.004f}, new long[] {0}, 0);
        int[] fcb = ints(5, 2000);
        int fcbt = m.int32Constant("fcb", new int[] {5}, fcb);
        int y = m.activation("y", new int[] {1, 5}, 0.2f, -1);
        m.depthwise(x, dwt, dwbt, h, VALID, 1, RELU);
        m.fullyConnected(h, fct, fcbt, y, 0);
        byte[] input = bytes(5 * 6 * 2);
        Tensor got = run(m.build(new int[] {x}, new int[] {y}), input, new int[] {1, 5, 6, 2});

        double[] real = new double[4];
        for (int c = 0; c < 4; c++) real[c] = TfliteQuantParams.effectiveScale(0.1f, dws[c], 0.12f);
        int[] relu = TfliteQuantParams.activationRange(BuiltinOptions.FusedActivation.RELU, 0.12f, -20);
        Map hidden = TfliteReference.conv(new Map(5, 6, 2, input, 7), true, dw, 4, 3, 3, dwb, false, 1, real, -20, relu[0], relu[1]);
        Map want = TfliteReference.fullyConnected(hidden, fc, 5, fcb, TfliteQuantParams.effectiveScale(0.12f, 0.004f, 0.2f),
                -1, -128, 127);
        assertArrayEquals(want.v(), ((Int8Tensor) got).data(), "seed " + seed);
    }

    @Test
    void maxPoolAndConvJoinedByConcatMatchTflite() throws IOException {
        System.out.println("maxPoolAndConvJoinedByConcat seed=" + seed);
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 5, 5, 2}, 0.1f, 4);
        int a = m.activation("a", new int[] {1, 3, 3, 2}, 0.1f, 4);
        byte[] w = bytes(3 * 2);
        int wt = m.int8Constant("w", new int[] {3, 1, 1, 2}, w, new float[] {0.05f}, new long[] {0}, 0);
        int[] bias = ints(3, 100);
        int bt = m.int32Constant("b", new int[] {3}, bias);
        int c = m.activation("c", new int[] {1, 3, 3, 3}, 0.1f, 4);
        int y = m.activation("y", new int[] {1, 3, 3, 5}, 0.1f, 4);
        m.pool(BuiltinOperator.MAX_POOL_2D, x, a, SAME, 2, 3, 0);
        m.conv(x, wt, bt, c, VALID, 2, 0);
        m.concat(new int[] {a, c}, y, -1);
        byte[] input = bytes(5 * 5 * 2);
        Tensor got = run(m.build(new int[] {x}, new int[] {y}), input, new int[] {1, 5, 5, 2});

        Map in = new Map(5, 5, 2, input, 4);
        Map pooled = TfliteReference.maxPoolSame(in, 3, 2);
        double s = TfliteQuantParams.effectiveScale(0.1f, 0.05f, 0.1f);
        Map conv = TfliteReference.conv(in, false, w, 3, 1, 1, bias, false, 2, new double[] {s, s, s}, 4, -128, 127);
        byte[] want = new byte[9 * 5];
        for (int i = 0; i < 9; i++) {
            System.arraycopy(pooled.v(), i * 2, want, i * 5, 2);
            System.arraycopy(conv.v(), i * 3, want, i * 5 + 2, 3);
        }
        assertArrayEquals(want, ((Int8Tensor) got).data(), "seed " + seed);
    }

    @Test
    void floatEdgesAreQuantizedAndDequantizedAtTheModelEdge() throws IOException {
        TestModel m = new TestModel();
        int xf = m.float32("xf", new int[] {1, 6});
        int x = m.activation("x", new int[] {1, 6}, 0.02f, 3);
        int w = m.int8Constant("w", new int[] {2, 6}, bytes(12), new float[] {0.01f}, new long[] {0}, 0);
        int y = m.activation("y", new int[] {1, 2}, 0.03f, -5);
        int yf = m.float32("yf", new int[] {1, 2});
        m.simple(BuiltinOperator.QUANTIZE, new int[] {xf}, x);
        m.fullyConnected(x, w, -1, y, 0);
        m.simple(BuiltinOperator.DEQUANTIZE, new int[] {y}, yf);
        Path file = dir.resolve("f.tflite");
        Files.write(file, m.build(new int[] {xf}, new int[] {yf}));
        ImportResult r = TfliteImport.run(file, dir.resolve("net"));
        assertEquals(EdgeDType.FLOAT32, r.edge().input().dtype());
        assertEquals(EdgeLayout.NC, r.edge().input().layout());
        assertEquals("yf", r.edge().outputs().getFirst().name());
        assertEquals(EdgeDType.FLOAT32, r.edge().outputs().getFirst().dtype());
        assertEquals(r.edge(), ModelEdgeJson.read(dir.resolve("net").resolve(ModelEdgeJson.FILE)));
    }

    // ---- refusals: one message naming the file and the operator, nothing written

    private String refusal(TestModel m, int[] in, int[] out) throws IOException {
        Path file = dir.resolve("bad.tflite");
        Files.write(file, m.build(in, out));
        Path net = dir.resolve("refused");
        String msg = assertThrows(TfliteFormatException.class, () -> TfliteImport.run(file, net)).getMessage();
        assertTrue(msg.startsWith(file + ": "), msg);
        assertFalse(Files.exists(net), "nothing written");
        return msg.substring(file.toString().length() + 2);
    }

    /** x [1,4,4,2] -> CONV_2D 1x1 -> y [1,4,4,2] with the given weight quantization. */
    private TestModel conv(TestModel m, int x, int y, float[] scale, long[] zp, int dim) {
        int w = m.int8Constant("w", new int[] {2, 1, 1, 2}, bytes(4), scale, zp, dim);
        m.conv(x, w, -1, y, VALID, 1, 0);
        return m;
    }

    @Test
    void anUnsupportedOperatorIsNamedWithItsIndex() throws IOException {
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 4, 4, 2}, 0.1f, 0);
        int h = m.activation("h", new int[] {1, 4, 4, 2}, 0.1f, 0);
        int y = m.activation("y", new int[] {1, 4, 4, 2}, 1f / 128, 0);
        conv(m, x, h, new float[] {0.01f}, new long[] {0}, 0);
        m.simple(28, new int[] {h}, y);
        assertTrue(refusal(m, new int[] {x}, new int[] {y}).startsWith("operator #1 TANH is not supported"));
    }

    @Test
    void aPadBeforeAPoolIsRefused() throws IOException {
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 4, 4, 2}, 0.1f, 0);
        int pads = m.int32Constant("pads", new int[] {4, 2}, new int[] {0, 0, 1, 1, 1, 1, 0, 0});
        int p = m.activation("p", new int[] {1, 6, 6, 2}, 0.1f, 0);
        int y = m.activation("y", new int[] {1, 3, 3, 2}, 0.1f, 0);
        m.simple(BuiltinOperator.PAD, new int[] {x, pads}, p);
        m.pool(BuiltinOperator.MAX_POOL_2D, p, y, VALID, 2, 2, 0);
        assertEquals("operator #1 MAX_POOL_2D reads a PAD; only a convolution takes a PAD as its padding",
                refusal(m, new int[] {x}, new int[] {y}));
    }

    @Test
    void aWeightZeroPointIsRefused() throws IOException {
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 4, 4, 2}, 0.1f, 0);
        int y = m.activation("y", new int[] {1, 4, 4, 2}, 0.1f, 0);
        conv(m, x, y, new float[] {0.01f}, new long[] {3}, 0);
        assertEquals("operator #0 CONV_2D filter \"w\" has weight zero point 3; int8 kernels need 0",
                refusal(m, new int[] {x}, new int[] {y}));
    }

    @Test
    void perChannelScalesAlongTheWrongFilterDimensionAreRefused() throws IOException {
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 4, 4, 2}, 0.1f, 0);
        int y = m.activation("y", new int[] {1, 4, 4, 2}, 0.1f, 0);
        conv(m, x, y, new float[] {0.01f, 0.02f}, new long[2], 1);
        assertEquals("operator #0 CONV_2D filter \"w\" is quantized along dimension 1 of [2, 1, 1, 2], not along its 2 output channels",
                refusal(m, new int[] {x}, new int[] {y}));
    }

    @Test
    void anAveragePoolTfliteRoundsDifferentlyIsRefused() throws IOException {
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 4, 4, 2}, 0.1f, 0);
        int y = m.activation("y", new int[] {1, 2, 2, 2}, 0.1f, 0);
        m.pool(BuiltinOperator.AVERAGE_POOL_2D, x, y, VALID, 2, 2, 0);
        assertTrue(refusal(m, new int[] {x}, new int[] {y}).startsWith("operator #0 AVERAGE_POOL_2D is a 2x2 average"));
    }

    @Test
    void int16ActivationsAreRefused() throws IOException {
        TestModel m = new TestModel();
        int x = m.tensor("x", new int[] {1, 4, 4, 2}, TestModel.INT16, null, new float[] {0.1f}, new long[] {0}, 0);
        int y = m.activation("y", new int[] {1, 4, 4, 2}, 0.1f, 0);
        conv(m, x, y, new float[] {0.01f}, new long[] {0}, 0);
        assertEquals("the model input \"x\" is int16; int8 or float32 (then QUANTIZE) is mapped",
                refusal(m, new int[] {x}, new int[] {y}));
    }

    private static byte[] le(int[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i : v) b.putInt(i);
        return b.array();
    }
}
