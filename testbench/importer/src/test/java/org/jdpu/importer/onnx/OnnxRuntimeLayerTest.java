package org.jdpu.importer.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layer by layer, the imported INT8 network in the golden model against ONNX Runtime, on the
 * golden model's own layer inputs:
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
            NetworkSpec net = imported.network();
            Tally t = new Tally();
            for (int image = 0; image < 4; image++) {
                float[] x = new float[per];
                for (int i = 0; i < per; i++) x[i] = r.nextFloat();
                Int8Tensor in = EdgeConversion.quantize(imported.edge().input(), new Float32Array(m.inputShape(), x));
                Map<String, Tensor> golden = new HashMap<>(NetworkRunner.runAll(net, in));
                golden.put(NetworkSpec.INPUT, in);
                for (NetworkSpec.Layer l : net.layers()) compare(l, golden, t);
            }
            System.out.printf("  %s: %d outputs, DPU-exact graph %d differences; QDQ graph %d differences at %d ties "
                    + "(%d with an even floor)%n", m.name(), t.elements, t.exactMismatches, t.qdqMismatches, t.ties, t.evenTies);
            total.elements += t.elements;
            total.exactMismatches += t.exactMismatches;
            total.qdqMismatches += t.qdqMismatches;
            total.ties += t.ties;
            total.evenTies += t.evenTies;
            total.unexplained += t.unexplained;
        }
        assertTrue(total.elements > 1000, "compared " + total.elements);
        assertEquals(0, total.exactMismatches, "DPU-exact graph against the golden model");
        assertEquals(0, total.unexplained, "every QDQ difference is a half-even tie");
        assertEquals(total.evenTies, total.qdqMismatches, "the QDQ graph differs at exactly the even-floor ties");
    }

    private static void compare(NetworkSpec.Layer l, Map<String, Tensor> golden, Tally t) throws Exception {
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
                return; // pools and concat do not rescale
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
