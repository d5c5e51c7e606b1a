package org.jdpu.importer.accuracy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.jdpu.dataset.LabelledImages;
import org.jdpu.io.UserError;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The float model itself as a classifier, run by ONNX Runtime (a third party's float reference, so
 * the float top-1 does not depend on the importer's own float evaluator). Images go in batches on
 * the model's dynamic batch axis; the class is the largest value of the first output.
 */
public final class OnnxRuntimeClassifier {
    private static final int BATCH = 500;

    private OnnxRuntimeClassifier() {}

    /**
     * The predictions for the first {@code count} images of {@code images}, each fed in the model's
     * input shape {@code inputShape} (batch first, taken as the batch size of each run).
     */
    public static int[] predict(Path model, int[] inputShape, LabelledImages images, int count) {
        int per = images.pixelsPerImage();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int[] out = new int[count];
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model.toString(), opts)) {
            String input = session.getInputNames().iterator().next();
            for (int start = 0; start < count; start += BATCH) {
                int n = Math.min(BATCH, count - start);
                float[] x = new float[n * per];
                for (int i = 0; i < n; i++) System.arraycopy(images.scaled(start + i), 0, x, i * per, per);
                long[] shape = Arrays.stream(inputShape).asLongStream().toArray();
                shape[0] = n;
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                     OrtSession.Result res = session.run(Map.of(input, in))) {
                    FloatBuffer y = ((OnnxTensor) res.get(0)).getFloatBuffer();
                    int classes = y.remaining() / n;
                    float[] row = new float[classes];
                    for (int i = 0; i < n; i++) {
                        y.get(i * classes, row);
                        out[start + i] = Top1.argmax(row);
                    }
                }
            }
        } catch (OrtException e) {
            throw new UserError(model + ": ONNX Runtime cannot run the model: " + e.getMessage());
        }
        return out;
    }
}
