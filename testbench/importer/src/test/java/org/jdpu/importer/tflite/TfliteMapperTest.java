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
import java.util.List;
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

    /**
     * Imports {@code model}, runs {@code input} through the golden model, and checks the output
     * against TensorFlow Lite's interpreter on the same file before returning it: within one, as
     * TFLite's GEMM-based kernels round negative ties up where the reference kernels round them away
     * from zero (TfliteRuntimeReferenceTest checks that difference exactly).
     */
    private Tensor run(byte[] model, byte[] input, int[] shape) throws IOException {
        int tolerance = 1;
        Path file = dir.resolve("m.tflite");
        Files.write(file, model);
        ImportResult r = TfliteImport.run(file, dir.resolve("net"));
        Tensor y = NetworkRunner.run(r.network(), new Int8Tensor(shape, input));
        int out = TfliteReader.read(file).subgraph().outputs()[0];
        Path forTflite = TfliteRuntime.withQuirkCleared(file, Files.createDirectories(dir.resolve("tflite")));
        try (TfliteRuntime tflite = new TfliteRuntime(forTflite)) {
            byte[] want = tflite.run(input, List.of(out)).get(out), got = ((Int8Tensor) y).data();
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs(want[i] - got[i]) <= tolerance, "TensorFlow Lite, seed " + seed + ", value " + i
                        + ": " + want[i] + " vs " + got[i]);
            }
        }
        return y;
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

    @Test
    void transposesAtTheEdgesMakeNchwEdges() throws IOException {
        System.out.println("transposesAtTheEdges seed=" + seed);
        TestModel m = new TestModel();
        int xc = m.activation("x_nchw", new int[] {1, 2, 5, 4}, 0.1f, 1);
        int toNhwc = m.int32Constant("to_nhwc", new int[] {4}, new int[] {0, 2, 3, 1});
        int x = m.activation("x", new int[] {1, 5, 4, 2}, 0.1f, 1);
        byte[] w = bytes(3 * 2);
        int wt = m.int8Constant("w", new int[] {3, 1, 1, 2}, w, new float[] {0.02f}, new long[] {0}, 0);
        int h = m.activation("h", new int[] {1, 5, 4, 3}, 0.05f, -4);
        int toNchw = m.int32Constant("to_nchw", new int[] {4}, new int[] {0, 3, 1, 2});
        int y = m.activation("y_nchw", new int[] {1, 3, 5, 4}, 0.05f, -4);
        m.simple(BuiltinOperator.TRANSPOSE, new int[] {xc, toNhwc}, x);
        m.conv(x, wt, -1, h, VALID, 1, 0);
        m.simple(BuiltinOperator.TRANSPOSE, new int[] {h, toNchw}, y);
        Path file = dir.resolve("t.tflite");
        Files.write(file, m.build(new int[] {xc}, new int[] {y}));
        ImportResult r = TfliteImport.run(file, dir.resolve("net"));
        assertEquals(EdgeLayout.NCHW, r.edge().input().layout());
        assertEquals(EdgeLayout.NCHW, r.edge().outputs().getFirst().layout());

        byte[] nchw = bytes(2 * 5 * 4);
        Path xf = dir.resolve("x.npy"), yf = dir.resolve("y.npy");
        org.jdpu.tensor.Npy.write(xf, new Int8Tensor(new int[] {1, 2, 5, 4}, nchw));
        Int8Tensor netIn = org.jdpu.importer.edge.EdgeConversion.readInput(r.edge().input(), xf);
        Int8Tensor netOut = (Int8Tensor) NetworkRunner.run(r.network(), netIn);
        org.jdpu.importer.edge.EdgeConversion.writeOutput(r.edge().outputs().getFirst(), netOut, yf);

        byte[] nhwc = new byte[nchw.length];
        for (int c = 0; c < 2; c++) for (int i = 0; i < 20; i++) nhwc[i * 2 + c] = nchw[c * 20 + i];
        double s = TfliteQuantParams.effectiveScale(0.1f, 0.02f, 0.05f);
        Map conv = TfliteReference.conv(new Map(5, 4, 2, nhwc, 1), false, w, 3, 1, 1, new int[3], false, 1,
                new double[] {s, s, s}, -4, -128, 127);
        byte[] want = new byte[60];
        for (int c = 0; c < 3; c++) for (int i = 0; i < 20; i++) want[c * 20 + i] = conv.v()[i * 3 + c];
        Int8Tensor got = org.jdpu.tensor.Npy.readInt8(yf);
        assertEquals("[1, 3, 5, 4]", java.util.Arrays.toString(got.shape()));
        assertArrayEquals(want, got.data(), "seed " + seed);
    }

    @Test
    void aTransposeInsideTheGraphIsRefused() throws IOException {
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 4, 4, 2}, 0.1f, 0);
        int h = m.activation("h", new int[] {1, 4, 4, 2}, 0.1f, 0);
        int perm = m.int32Constant("perm", new int[] {4}, new int[] {0, 2, 1, 3});
        int t = m.activation("t", new int[] {1, 4, 4, 2}, 0.1f, 0);
        conv(m, x, h, new float[] {0.01f}, new long[] {0}, 0);
        m.simple(BuiltinOperator.TRANSPOSE, new int[] {h, perm}, t);
        assertEquals("operator #1 TRANSPOSE permutes [0, 2, 1, 3]; only NCHW to NHWC of the model input and NHWC to NCHW "
                + "of the model output are mapped", refusal(m, new int[] {x}, new int[] {t}));
    }

    @Test
    void aModelWithEveryMappedOperatorMatchesTensorFlowLite() throws IOException {
        System.out.println("everyOperator seed=" + seed);
        byte[] model = TestModel.everyOperator(random);
        Tensor got = run(model, bytes(8 * 8 * 3), new int[] {1, 8, 8, 3});
        assertEquals("[1, 1, 1, 3]", java.util.Arrays.toString(got.shape()));
        List<String> ops = TfliteImport.map(dir.resolve("m.tflite")).entries().stream().map(e -> e.spec().op()).toList();
        assertEquals(List.of("conv2d", "depthwise_conv2d", "avgpool", "maxpool", "concat", "add", "global_avgpool",
                "conv2d", "softmax"), ops, "PAD merged into the conv, RESHAPE a view, FULLY_CONNECTED a whole-map conv");
    }

    @Test
    void uint8EdgesMoveBy128AndMatchTensorFlowLite() throws IOException {
        System.out.println("uint8Edges seed=" + seed);
        TestModel m = new TestModel();
        int xu = m.tensor("x_u8", new int[] {1, 4, 4, 2}, TestModel.UINT8, null, new float[] {0.05f}, new long[] {128}, 0);
        int x = m.activation("x", new int[] {1, 4, 4, 2}, 0.05f, 0);
        byte[] w = bytes(3 * 3 * 3 * 2);
        int wt = m.int8Constant("w", new int[] {3, 3, 3, 2}, w, new float[] {0.02f}, new long[] {0}, 0);
        int bt = m.int32Constant("b", new int[] {3}, ints(3, 100));
        int y = m.activation("y", new int[] {1, 4, 4, 3}, 0.04f, -10);
        int yu = m.tensor("y_u8", new int[] {1, 4, 4, 3}, TestModel.UINT8, null, new float[] {0.04f}, new long[] {118}, 0);
        m.simple(BuiltinOperator.QUANTIZE, new int[] {xu}, x);
        m.conv(x, wt, bt, y, SAME, 1, RELU);
        m.simple(BuiltinOperator.QUANTIZE, new int[] {y}, yu);
        Path file = dir.resolve("u.tflite");
        Files.write(file, m.build(new int[] {xu}, new int[] {yu}));
        ImportResult r = TfliteImport.run(file, dir.resolve("net"));
        assertEquals(EdgeDType.UINT8, r.edge().input().dtype());
        assertEquals(EdgeDType.UINT8, r.edge().outputs().getFirst().dtype());

        byte[] input = bytes(32);
        Path xf = dir.resolve("x.npy"), yf = dir.resolve("y.npy");
        org.jdpu.tensor.Npy.write(xf, new org.jdpu.tensor.UInt8Tensor(new int[] {1, 4, 4, 2}, input));
        Int8Tensor netIn = org.jdpu.importer.edge.EdgeConversion.readInput(r.edge().input(), xf);
        Int8Tensor netOut = (Int8Tensor) NetworkRunner.run(r.network(), netIn);
        org.jdpu.importer.edge.EdgeConversion.writeOutput(r.edge().outputs().getFirst(), netOut, yf);
        byte[] got = ((org.jdpu.tensor.UInt8Tensor) org.jdpu.tensor.Npy.read(yf)).data();
        int out = TfliteReader.read(file).subgraph().outputs()[0];
        try (TfliteRuntime tflite = new TfliteRuntime(file)) {
            byte[] want = tflite.run(input, List.of(out)).get(out);
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs((want[i] & 0xff) - (got[i] & 0xff)) <= 1, "TensorFlow Lite, seed " + seed + ", value " + i);
            }
        }
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
    void aPadv2WithAValueOtherThanTheZeroPointIsRefused() throws IOException {
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 4, 4, 2}, 0.1f, 3);
        int pads = m.int32Constant("pads", new int[] {4, 2}, new int[] {0, 0, 1, 1, 1, 1, 0, 0});
        int value = m.int8Constant("value", new int[] {}, new byte[] {-128}, new float[] {0.1f}, new long[] {3}, 0);
        int p = m.activation("p", new int[] {1, 6, 6, 2}, 0.1f, 3);
        int y = m.activation("y", new int[] {1, 6, 6, 2}, 0.1f, 3);
        m.simple(BuiltinOperator.PADV2, new int[] {x, pads, value}, p);
        conv(m, p, y, new float[] {0.01f}, new long[] {0}, 0);
        assertEquals("operator #0 PADV2 pads with -128, not the zero point 3", refusal(m, new int[] {x}, new int[] {y}));
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
    void sameAveragePoolThenResidualAddThenMeanMatchTflite() throws IOException {
        System.out.println("sameAveragePoolThenResidualAddThenMean seed=" + seed);
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 5, 4, 3}, 0.1f, -6);
        int p = m.activation("p", new int[] {1, 3, 2, 3}, 0.1f, -6);
        int q = m.activation("q", new int[] {1, 3, 2, 3}, 0.1f, -6);
        int s = m.activation("s", new int[] {1, 3, 2, 3}, 0.15f, 9);
        int axes = m.int32Constant("axes", new int[] {2}, new int[] {1, 2});
        int y = m.activation("y", new int[] {1, 3}, 0.07f, -2);
        m.pool(BuiltinOperator.AVERAGE_POOL_2D, x, p, SAME, 2, 2, 0);
        m.pool(BuiltinOperator.MAX_POOL_2D, x, q, SAME, 2, 2, 0);
        m.op(BuiltinOperator.ADD, new int[] {p, q}, new int[] {s}, 11, f -> {
            f.startTable(2);
            f.addByte(0, (byte) RELU, 0);
            return f.endTable();
        });
        m.op(BuiltinOperator.MEAN, new int[] {s, axes}, new int[] {y}, 27, f -> {
            f.startTable(1);
            return f.endTable();
        });
        byte[] input = bytes(5 * 4 * 3);
        Tensor got = run(m.build(new int[] {x}, new int[] {y}), input, new int[] {1, 5, 4, 3});

        Map in = new Map(5, 4, 3, input, -6);
        Map avg = TfliteReference.avgPoolSame(in, 2, 2);
        Map max = TfliteReference.maxPoolSame(in, 2, 2);
        int[] relu = TfliteQuantParams.activationRange(BuiltinOptions.FusedActivation.RELU, 0.15f, 9);
        Map sum = TfliteReference.add(avg, 0.1f, max, 0.1f, 0.15f, 9, relu[0], relu[1]);
        Map want = TfliteReference.mean(sum, 0.15f, 0.07f, -2);
        assertArrayEquals(want.v(), ((Int8Tensor) got).data(), "seed " + seed);
    }

    @Test
    void anEmptyDimensionIsRefused() throws IOException {
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 4, 4, 0}, 0.1f, 0);
        int y = m.activation("y", new int[] {1, 4, 4, 2}, 0.1f, 0);
        conv(m, x, y, new float[] {0.01f}, new long[] {0}, 0);
        assertEquals("the model input \"x\" has shape [1, 4, 4, 0], an empty dimension", refusal(m, new int[] {x}, new int[] {y}));
    }

    @Test
    void int16ActivationsAreRefused() throws IOException {
        TestModel m = new TestModel();
        int x = m.tensor("x", new int[] {1, 4, 4, 2}, TestModel.INT16, null, new float[] {0.1f}, new long[] {0}, 0);
        int y = m.activation("y", new int[] {1, 4, 4, 2}, 0.1f, 0);
        conv(m, x, y, new float[] {0.01f}, new long[] {0}, 0);
        assertEquals("the model input \"x\" is int16; int8, or float32 or uint8 then QUANTIZE, is mapped",
                refusal(m, new int[] {x}, new int[] {y}));
    }

    private static byte[] le(int[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * v.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i : v) b.putInt(i);
        return b.array();
    }
}
