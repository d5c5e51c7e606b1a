package org.jdpu.importer.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.jdpu.dataset.FashionMnist;
import org.jdpu.dataset.LabelledImages;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.importer.edge.EdgeConversion;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layer by layer, the imported INT8 network in the golden model against ONNX Runtime, on the
 * golden model's own layer inputs, for small models the test builds and for the committed trained
 * Fashion-MNIST models on test images (each layer becomes a one-layer ONNX graph from the
 * quantizer's fix points and the layer's int8 weights and bias):
 * <ul>
 *   <li>the DPU-exact graph ({@code ConvInteger} + explicit round half up) gives zero differences;</li>
 *   <li>the QDQ graph ({@code QuantizeLinear} rounds half to even) differs exactly at the ties
 *       {@code k + 1/2} with {@code k} even, where half up gives {@code k + 1} and half even {@code k};
 *       those are counted and every difference is checked to be one of them.</li>
 * </ul>
 */
class OnnxRuntimeLayerTest {
    @TempDir
    Path dir;

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** Counts over every compared element. */
    private static final class Tally {
        long elements, exactMismatches, qdqMismatches, ties, evenTies, unexplained;
        /** Layers compared per input. */
        int layers;

        void add(String model, Tally t) {
            System.out.printf("  %s: %d layers, %d outputs, DPU-exact graph %d differences; QDQ graph %d differences at "
                    + "%d ties (%d with an even floor), %d unexplained%n", model, t.layers, t.elements, t.exactMismatches,
                    t.qdqMismatches, t.ties, t.evenTies, t.unexplained);
            elements += t.elements;
            exactMismatches += t.exactMismatches;
            qdqMismatches += t.qdqMismatches;
            ties += t.ties;
            evenTies += t.evenTies;
            unexplained += t.unexplained;
        }

        void check(long atLeast) {
            assertTrue(elements > atLeast, "compared " + elements);
            assertEquals(0, exactMismatches, "DPU-exact graph against the golden model");
            assertEquals(0, unexplained, "every QDQ difference is a half-even tie");
            assertEquals(evenTies, qdqMismatches, "the QDQ graph differs at exactly the even-floor ties");
        }
    }

    @Test
    void goldenModelMatchesOnnxRuntimeLayerByLayer() throws Exception {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("seed " + seed + " (-Djdpu.seed=" + seed + " repeats it)");
        Random r = new Random(seed);
        Tally total = new Tally();
        for (TestModels.Model m : List.of(TestModels.CUSTOMNET, TestModels.RESIDUAL, TestModels.CONCAT, TestModels.MATMUL)) {
            Path file = m.build().apply(seed).write(dir.resolve(m.name() + ".onnx"));
            int per = 1;
            for (int i = 1; i < m.inputShape().length; i++) per *= m.inputShape()[i];
            int[] calShape = m.inputShape().clone();
            calShape[0] = 16;
            float[] cal = new float[16 * per];
            for (int i = 0; i < cal.length; i++) cal[i] = r.nextFloat();
            Npy.writeFloat32(dir.resolve("cal.npy"), new Float32Array(calShape, cal));
            ImportResult imported = OnnxImport.run(file, new ImportOptions(dir.resolve("cal.npy").toString()),
                    dir.resolve(m.name()));
            List<Int8Tensor> inputs = new ArrayList<>();
            for (int image = 0; image < 4; image++) {
                float[] x = new float[per];
                for (int i = 0; i < per; i++) x[i] = r.nextFloat();
                inputs.add(EdgeConversion.quantize(imported.edge().input(), new Float32Array(m.inputShape(), x)));
            }
            Tally t = compareLayers(imported.network(), inputs);
            total.add(m.name(), t);
        }
        total.check(1000);
    }

    /**
     * The committed trained Fashion-MNIST models (testbench/models), imported as {@code dpu import
     * --calibration fashion-mnist} does, on the first test images: the same layer-by-layer checks
     * on real weights and real activations.
     */
    @Test
    void trainedModelsMatchOnnxRuntimeLayerByLayer() throws Exception {
        Path models = Path.of("").toAbsolutePath().getParent().getParent().resolve("testbench/models");
        LabelledImages test = FashionMnist.test(TRAINED_IMAGES);
        Tally total = new Tally();
        for (String name : List.of("customnet28", "resdw28")) {
            ImportResult imported = OnnxImport.run(models.resolve(name + ".onnx"),
                    new ImportOptions(ImportOptions.FASHION_MNIST), dir.resolve(name));
            List<Int8Tensor> inputs = new ArrayList<>();
            for (int i = 0; i < TRAINED_IMAGES; i++) {
                inputs.add(EdgeConversion.quantize(imported.edge().input(),
                        new Float32Array(imported.edge().input().shape(), test.scaled(i))));
            }
            Tally t = compareLayers(imported.network(), inputs);
            assertTrue(t.layers >= 5, name + ": compared " + t.layers + " layers");
            total.add(name, t);
        }
        total.check(100_000);
    }

    private static final int TRAINED_IMAGES = 5;

    /** Every rescaling layer of {@code net} on each input, fed the golden model's own layer inputs. */
    private static Tally compareLayers(NetworkSpec net, List<Int8Tensor> inputs) throws Exception {
        Tally t = new Tally();
        for (Int8Tensor in : inputs) {
            Map<String, Tensor> golden = new HashMap<>(NetworkRunner.runAll(net, in));
            golden.put(NetworkSpec.INPUT, in);
            t.layers = 0;
            for (NetworkSpec.Layer l : net.layers()) {
                if (compare(l, golden, t)) t.layers++;
            }
        }
        return t;
    }

    /** Compares one layer's output; false for a layer that does not rescale (pools, concat), which is skipped. */
    private static boolean compare(NetworkSpec.Layer l, Map<String, Tensor> golden, Tally t) throws Exception {
        Int8Tensor y = (Int8Tensor) golden.get(l.name());
        byte[] exactY;
        float[] v;
        byte[] qdqY;
        switch (l.spec()) {
            case ConvolutionSpec c -> {
                Int8Tensor w = Npy.readInt8(l.weights());
                Int32Tensor b = l.bias() == null ? null : Npy.readInt32(l.bias());
                Int8Tensor x = (Int8Tensor) golden.get(l.inputA());
                Map<String, Object> exact = run(LayerGraphs.dpuExact(c, w, b), Map.of("x", x));
                exactY = (byte[]) exact.get("y");
                v = (float[]) exact.get("v");
                qdqY = (byte[]) run(LayerGraphs.qdq(c, w, b), Map.of("x", x)).get("y");
            }
            case AddSpec a when a.quant() instanceof AddSpec.AddQuant -> {
                Map<String, Int8Tensor> ins = Map.of("a", (Int8Tensor) golden.get(l.inputA()), "b",
                        (Int8Tensor) golden.get(l.inputB()));
                Map<String, Object> exact = run(LayerGraphs.add(a, true), ins);
                exactY = (byte[]) exact.get("y");
                v = (float[]) exact.get("v");
                qdqY = (byte[]) run(LayerGraphs.add(a, false), ins).get("y");
            }
            default -> {
                return false; // pools and concat do not rescale
            }
        }
        byte[] g = toNchw(y);
        for (int i = 0; i < g.length; i++) {
            t.elements++;
            if (exactY[i] != g[i]) t.exactMismatches++;
            double frac = v[i] - Math.floor(v[i]);
            boolean tie = frac == 0.5 && v[i] > -128.5 && v[i] < 127.5;
            boolean evenTie = tie && Math.floorMod((long) Math.floor(v[i]), 2) == 0;
            if (tie) t.ties++;
            if (evenTie) t.evenTies++;
            if (qdqY[i] != g[i]) {
                t.qdqMismatches++;
                if (!evenTie || qdqY[i] != g[i] - 1) t.unexplained++;
            }
        }
        return true;
    }

    /** Runs an int8-input graph; int8 outputs as byte[], float outputs as float[], all NCHW. */
    private static Map<String, Object> run(byte[] model, Map<String, Int8Tensor> inputs) throws Exception {
        Map<String, Object> out = new HashMap<>();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession s = ENV.createSession(model, opts)) {
                Map<String, OnnxTensor> feed = new HashMap<>();
                for (Map.Entry<String, Int8Tensor> e : inputs.entrySet()) {
                    int[] nhwc = e.getValue().shape();
                    feed.put(e.getKey(), OnnxTensor.createTensor(ENV, ByteBuffer.wrap(toNchw(e.getValue())),
                            new long[] {1, nhwc[3], nhwc[1], nhwc[2]}, OnnxJavaType.INT8));
                }
                try (OrtSession.Result res = s.run(feed)) {
                    for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : res) {
                        OnnxTensor t = (OnnxTensor) e.getValue();
                        if (t.getInfo().type == OnnxJavaType.FLOAT) {
                            FloatBuffer fb = t.getFloatBuffer();
                            float[] f = new float[fb.remaining()];
                            fb.get(f);
                            out.put(e.getKey(), f);
                        } else {
                            ByteBuffer bb = t.getByteBuffer();
                            byte[] b = new byte[bb.remaining()];
                            bb.get(b);
                            out.put(e.getKey(), b);
                        }
                    }
                } finally {
                    feed.values().forEach(OnnxTensor::close);
                }
            }
        }
        return out;
    }

    private static byte[] toNchw(Int8Tensor t) {
        int[] s = t.shape();
        int h = s[1], w = s[2], c = s[3];
        byte[] in = t.data(), out = new byte[in.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) out[(ch * h + y) * w + x] = in[(y * w + x) * c + ch];
            }
        }
        return out;
    }
}
