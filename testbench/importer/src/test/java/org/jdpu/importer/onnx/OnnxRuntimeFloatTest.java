package org.jdpu.importer.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.jdpu.importer.edge.EdgeLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ONNX Runtime as a third-party reference for the import's float graph: every test model runs in
 * ONNX Runtime and in {@link FloatEvaluator} (after batch-norm folding, activation fusing, pad
 * merging and the Gemm/MatMul rewrite) on the same random inputs, and the outputs agree to float
 * rounding (relative {@value #TOLERANCE} of the output's largest magnitude).
 */
class OnnxRuntimeFloatTest {
    static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @Test
    void everyTestModelAgreesWithOnnxRuntime() throws Exception {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("seed " + seed + " (-Djdpu.seed=" + seed + " repeats it)");
        Random r = new Random(seed);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (TestModels.Model m : TestModels.ALL) {
            OnnxModelBuilder b = m.build().apply(seed);
            Path file = b.write(dir.resolve(m.name() + ".onnx"));
            GraphMapper.Mapped mapped = GraphMapper.map(OnnxFile.read(file));
            FloatEvaluator eval = new FloatEvaluator(mapped.graph());
            try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
                try (OrtSession session = env.createSession(b.bytes(), opts)) {
                    int per = 1;
                    for (int i = 1; i < m.inputShape().length; i++) per *= m.inputShape()[i];
                    double worst = 0;
                    for (int t = 0; t < 4; t++) {
                        float[] x = new float[per];
                        for (int i = 0; i < per; i++) x[i] = r.nextFloat() * 2 - 0.5f;
                        long[] shape = Arrays.stream(m.inputShape()).asLongStream().toArray();
                        float[] ours;
                        float[] theirs;
                        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                             OrtSession.Result res = session.run(Map.of(mapped.inputName(), in))) {
                            OnnxTensor out = (OnnxTensor) res.get(0);
                            FloatBuffer fb = out.getFloatBuffer();
                            theirs = new float[fb.remaining()];
                            fb.get(theirs);
                        }
                        GraphMapper.ModelOutput o = mapped.outputs().getFirst();
                        float[] nhwc = eval.runAll(Calibration.toNhwc(x, m.inputShape(), mapped.inputLayout())).get(o.node());
                        ours = toModelLayout(nhwc, o);
                        assertEquals(theirs.length, ours.length, m.name());
                        double max = 0, diff = 0;
                        for (int i = 0; i < ours.length; i++) {
                            max = Math.max(max, Math.abs(theirs[i]));
                            diff = Math.max(diff, Math.abs(theirs[i] - ours[i]));
                        }
                        worst = Math.max(worst, diff / Math.max(max, 1e-6));
                    }
                    System.out.printf("  %s: largest difference against ONNX Runtime %.2e of the output range%n", m.name(), worst);
                    assertTrue(worst < TOLERANCE, m.name() + ": " + worst + " (seed " + seed + ")");
                }
            }
        }
    }

    private static float[] toModelLayout(float[] nhwc, GraphMapper.ModelOutput o) {
        if (o.layout() != EdgeLayout.NCHW) return nhwc;
        int c = o.shape()[1], h = o.shape()[2], w = o.shape()[3];
        float[] out = new float[nhwc.length];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) out[(ch * h + y) * w + x] = nhwc[(y * w + x) * c + ch];
            }
        }
        return out;
    }
}
