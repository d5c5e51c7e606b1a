package org.jdpu.importer.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.importer.Importer;
import org.jdpu.importer.edge.EdgeConversion;
import org.jdpu.importer.edge.EdgeDType;
import org.jdpu.importer.edge.EdgeQuant;
import org.jdpu.importer.edge.EdgeTensor;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.io.UserError;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Quant;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.UInt8Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Already-quantized (QDQ) ONNX models built in the test as PyTorch lays them out: imported with
 * their own scales, then the golden model against ONNX Runtime running the QDQ graph, in output
 * steps (LSB): power-of-two scales map to {@code shift} mode, where the two differ only through
 * ties (the DPU rounds half up, {@code QuantizeLinear} half to even); other scales map to
 * {@code multiplier} mode (TFLite's integer requantisation against ONNX Runtime's float one).
 */
class QdqImportTest {
    @TempDir
    Path dir;

    /**
     * The models' random weights and inputs. The bounds below are statistical (quantization error on
     * random weights has a long tail over seeds), so the default seed is fixed; {@code -Djdpu.seed=N}
     * runs another.
     */
    private static long seed() {
        long s = Long.getLong("jdpu.seed", DEFAULT_SEED);
        System.out.println("seed " + s + " (-Djdpu.seed=" + s + " repeats it)");
        return s;
    }

    static final long DEFAULT_SEED = 20261202L;

    /** conv(relu) -> maxpool -> depthwise(relu) -> conv -> flatten -> gemm, every tensor fake-quantized. */
    static OnnxModelBuilder model(long seed, float sIn, int zpIn, float sAct, int zpAct, float sW) {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", -1, 2, 8, 8);
        String t = b.qdq("x", sIn, zpIn);
        t = b.qdq(b.relu(b.qdqConv(t, 2, 8, 3, 1, 1, sIn, sW, 60)), sAct, zpAct);
        t = b.qdq(b.maxPool(t, 2, 2), sAct, zpAct);
        t = b.qdq(b.relu(b.qdqConv(t, 8, 8, 3, 1, 8, sAct, sW, 60)), sAct, zpAct);
        t = b.qdq(b.qdqConv(t, 8, 4, 1, 0, 1, sAct, sW, 60), sAct, zpAct);
        t = b.node("Flatten", new String[] {t});
        return b.output(b.qdq(b.qdqGemm(t, 4 * 4 * 4, 5, sAct, sW, 60), sAct, zpAct));
    }

    /** Largest difference and share of equal outputs, golden model against ONNX Runtime, in output steps. */
    private record Agreement(int maxSteps, double equalShare, ImportResult result) {}

    private Agreement compare(OnnxModelBuilder b, long seed) throws Exception {
        return compare(b, seed, true);
    }

    /** {@code saturationMatters}: false for probabilities, where 0 and 255/256 are ordinary values. */
    private Agreement compare(OnnxModelBuilder b, long seed, boolean saturationMatters) throws Exception {
        Path file = b.write(dir.resolve("qdq.onnx"));
        ImportResult r = Importer.run(file, ImportOptions.none(), dir.resolve("net"));
        Random rnd = new Random(seed);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int max = 0, equal = 0, total = 0, saturated = 0;
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession s = env.createSession(b.bytes(), opts)) {
                for (int image = 0; image < 64; image++) {
                    float[] x = new float[2 * 8 * 8];
                    for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() * 1.5f - 0.5f;
                    float[] theirs;
                    try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 2, 8, 8});
                         OrtSession.Result res = s.run(Map.of("x", in))) {
                        FloatBuffer fb = ((OnnxTensor) res.get(0)).getFloatBuffer();
                        theirs = new float[fb.remaining()];
                        fb.get(theirs);
                    }
                    Int8Tensor q = EdgeConversion.quantize(r.edge().input(), new Float32Array(new int[] {1, 2, 8, 8}, x));
                    Int8Tensor y = (Int8Tensor) NetworkRunner.run(r.network(), q);
                    float[] ours = EdgeConversion.dequantize(r.edge().outputs().getFirst(), y).data();
                    for (byte v : y.data()) if (v == 127 || v == -128) saturated++;
                    double step = r.edge().outputs().getFirst().quant().toReal(1) - r.edge().outputs().getFirst().quant().toReal(0);
                    for (int i = 0; i < ours.length; i++) {
                        int d = (int) Math.round(Math.abs(ours[i] - theirs[i]) / step);
                        max = Math.max(max, d);
                        if (d == 0) equal++;
                        total++;
                    }
                }
            }
        }
        System.out.printf("  %d outputs (%d saturated): %d equal to ONNX Runtime, largest difference %d steps%n", total,
                saturated, equal, max);
        if (saturationMatters) {
            assertTrue(saturated < total / 4, saturated + " of " + total + " outputs saturate; the test would show little");
        }
        return new Agreement(max, (double) equal / total, r);
    }

    @Test
    void powerOfTwoScalesRunInShiftModeWithTheModelsFixPoints() throws Exception {
        long seed = seed();
        Agreement a = compare(model(seed, 1f / 64, 128, 1f / 16, 128, 1f / 128), seed);
        NetworkSpec net = a.result().network();
        for (NetworkSpec.Layer l : net.layers()) {
            if (l.spec() instanceof ConvolutionSpec c) assertInstanceOf(Quant.ShiftQuant.class, c.quant(), l.name());
        }
        Quant.ShiftQuant first = (Quant.ShiftQuant) ((Conv2dSpec) net.layers().getFirst().spec()).quant();
        assertEquals(new Quant.ShiftQuant(6, 7, 13, 4), first, "the model's own fix points, bias at fp_in + fp_w");
        assertEquals(new EdgeQuant.FixPoint(6), a.result().edge().input().quant());
        assertTrue(a.maxSteps() <= 2, "largest difference " + a.maxSteps());
        assertTrue(a.equalShare() >= 0.8, "equal share " + a.equalShare());
    }

    @Test
    void otherScalesRunInMultiplierMode() throws Exception {
        long seed = seed();
        Agreement a = compare(model(seed, 0.0123f, 100, 0.0571f, 131, 0.0061f), seed);
        for (NetworkSpec.Layer l : a.result().network().layers()) {
            if (l.spec() instanceof ConvolutionSpec c) assertInstanceOf(Quant.MultiplierQuant.class, c.quant(), l.name());
        }
        assertEquals(new EdgeQuant.Affine(0.0123f, -28), a.result().edge().input().quant());
        assertTrue(a.maxSteps() <= 2, "largest difference " + a.maxSteps());
        assertTrue(a.equalShare() >= 0.8, "equal share " + a.equalShare());
    }

    @Test
    void aFinalSoftmaxIsTflitesInt8SoftmaxOnTheHost() throws Exception {
        long seed = seed();
        // conv(relu) -> maxpool -> gemm, then a Softmax as a float tail after the last DequantizeLinear.
        OnnxModelBuilder s = new OnnxModelBuilder(seed).input("x", -1, 2, 8, 8);
        String t = s.qdq("x", 1f / 64, 128);
        t = s.qdq(s.relu(s.qdqConv(t, 2, 8, 3, 1, 1, 1f / 64, 1f / 128, 60)), 1f / 16, 128);
        t = s.node("Flatten", new String[] {s.qdq(s.maxPool(t, 2, 2), 1f / 16, 128)});
        t = s.qdq(s.qdqGemm(t, 8 * 4 * 4, 5, 1f / 16, 1f / 128, 60), 1f / 16, 128);
        s.output(s.node("Softmax", new String[] {t}, OnnxModelBuilder.integer("axis", 1)));
        Agreement a = compare(s, seed, false);
        assertEquals("softmax", a.result().network().layers().getLast().spec().op());
        assertEquals(new EdgeQuant.Affine(1.0 / 256, -128), a.result().edge().outputs().getFirst().quant());
        // A logit one step (1/16) apart, as the layers before give at ties, moves a probability p by about
        // p(1-p)/16 <= 1/64 = 4 steps of 1/256; TFLite's fixed-point exp adds at most one more.
        assertTrue(a.maxSteps() <= 6, "largest difference " + a.maxSteps() + " steps of 1/256");
    }

    /** Per-channel weight scales (and a float bias, as some exporters leave it) run in multiplier mode, one multiplier per channel. */
    @Test
    void perChannelWeightScales() throws Exception {
        long seed = seed();
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", -1, 2, 8, 8);
        String t = b.qdq("x", 1f / 64, 128);
        float[] scales = {1f / 128, 1f / 256, 0.0061f, 1f / 64, 0.003f, 1f / 128};
        t = b.qdq(b.relu(b.qdqConvPerChannel(t, 2, 6, 3, 1, 1f / 64, scales, 60)), 1f / 16, 128);
        t = b.node("Flatten", new String[] {b.qdq(b.maxPool(t, 2, 2), 1f / 16, 128)});
        b.output(b.qdq(b.qdqGemm(t, 6 * 4 * 4, 5, 1f / 16, 1f / 128, 60), 1f / 16, 128));
        Agreement a = compare(b, seed);
        Quant.MultiplierQuant q = (Quant.MultiplierQuant) ((ConvolutionSpec) a.result().network().layers().getFirst().spec()).quant();
        assertEquals(6, q.multiplier().length);
        assertTrue(q.multiplier(0) != q.multiplier(2), "channels keep their own multipliers");
        assertTrue(a.maxSteps() <= 2, "largest difference " + a.maxSteps());
        assertTrue(a.equalShare() >= 0.8, "equal share " + a.equalShare());
    }

    /** PyTorch-style no-op casts (a uint8 QuantizeLinear output cast to uint8, a float map to float) pass through. */
    @Test
    void noOpCastsPassThrough() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(3).input("x", 1, 2, 4, 4);
        String t = b.qdqWithCasts("x", 1f / 64, 128);
        b.output(b.qdqWithCasts(b.qdqConv(t, 2, 2, 3, 1, 1, 1f / 64, 1f / 128, 50), 1f / 16, 128));
        ImportResult r = Importer.run(b.write(dir.resolve("cast.onnx")), ImportOptions.none(), dir.resolve("o"));
        assertEquals(List.of("conv2d"), r.network().layers().stream().map(l -> l.spec().op()).toList());
        assertEquals(new EdgeQuant.FixPoint(4), r.edge().outputs().getFirst().quant());
    }

    /** A model whose output is QuantizeLinear's uint8 integers: the edge is uint8 and golden writes the model's own bytes. */
    @Test
    void uint8OutputEdge() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(5).input("x", 1, 2, 4, 4);
        String t = b.qdq("x", 0.02f, 128);
        b.uint8Output(b.quantize(b.qdqConv(t, 2, 3, 3, 1, 1, 0.02f, 0.01f, 50), 0.05f, 120));
        ImportResult r = Importer.run(b.write(dir.resolve("u8.onnx")), ImportOptions.none(), dir.resolve("o"));
        EdgeTensor out = r.edge().outputs().getFirst();
        assertEquals(EdgeDType.UINT8, out.dtype());
        assertEquals(new EdgeQuant.Affine(0.05f, -8), out.quant());
        float[] x = new float[32];
        Random rnd = new Random(5);
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextFloat() - 0.3f;
        Int8Tensor y = (Int8Tensor) NetworkRunner.run(r.network(), EdgeConversion.quantize(r.edge().input(),
                new Float32Array(new int[] {1, 2, 4, 4}, x)));
        Path file = dir.resolve("y.npy");
        EdgeConversion.writeOutput(out, y, file);
        UInt8Tensor ours = (UInt8Tensor) Npy.read(file);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(b.bytes(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 2, 4, 4});
             OrtSession.Result res = s.run(Map.of("x", in))) {
            java.nio.ByteBuffer theirs = ((OnnxTensor) res.get(0)).getByteBuffer();
            int max = 0;
            for (int i = 0; i < ours.size(); i++) max = Math.max(max, Math.abs(ours.intAt(i) - (theirs.get(i) & 0xff)));
            assertTrue(max <= 1, "largest difference " + max);
        }
    }

    @Test
    void anAddWithOtherScalesIsTflitesAdd() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(1).input("x", 1, 2, 4, 4);
        String t = b.qdq("x", 0.02f, 128);
        String c1 = b.qdq(b.qdqConv(t, 2, 2, 3, 1, 1, 0.02f, 0.01f, 50), 0.05f, 128);
        b.output(b.qdq(b.node("Add", new String[] {c1, t}), 0.05f, 128));
        ImportResult r = Importer.run(b.write(dir.resolve("add.onnx")), ImportOptions.none(), dir.resolve("o"));
        AddSpec add = (AddSpec) r.network().layers().get(1).spec();
        assertEquals("multiplier", add.quant().mode());
    }

    @Test
    void refusalsNameTheNode() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(1).input("x", 1, 2, 4, 4);
        String t = b.qdq("x", 0.02f, 128);
        String c1 = b.qdqConv(t, 2, 2, 3, 1, 1, 0.02f, 0.01f, 50);
        b.output(b.qdq(b.node("LeakyRelu", new String[] {c1}, OnnxModelBuilder.real("alpha", 0.1f)), 0.05f, 128));
        Path file = b.write(dir.resolve("leaky.onnx"));
        String m = assertThrows(UserError.class, () -> Importer.run(file, ImportOptions.none(), dir.resolve("o"))).getMessage();
        assertTrue(m.contains("(Conv) + node \"leakyrelu") && m.contains("LeakyRelu needs power-of-two scales"), m);
        m = assertThrows(UserError.class, () -> Importer.run(file, new ImportOptions("c.npy"), dir.resolve("o"))).getMessage();
        assertTrue(m.contains("a QDQ model is already quantized; it takes no --calibration"), m);
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
