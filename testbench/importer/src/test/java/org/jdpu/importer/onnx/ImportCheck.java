package org.jdpu.importer.onnx;

import org.jdpu.golden.NetworkRunner;
import org.jdpu.importer.edge.EdgeConversion;
import org.jdpu.importer.edge.EdgeTensor;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Imports a test model with random calibration images, then runs held-out random images through
 * the float reference and through the golden model on the written network, and measures how far
 * the dequantized INT8 outputs are from the float ones.
 */
final class ImportCheck {
    private ImportCheck() {}

    /** The worst relative RMS error over the model's outputs, {@code rms(int8 - float) / rms(float)}. */
    record Agreement(double relativeRms, ImportResult result) {}

    static Agreement run(Path model, int[] inputShape, Path dir, long seed) {
        Random r = new Random(seed);
        int n = 48;
        int per = 1;
        for (int i = 1; i < inputShape.length; i++) per *= inputShape[i];
        float[] cal = new float[n * per];
        for (int i = 0; i < cal.length; i++) cal[i] = r.nextFloat();
        int[] calShape = inputShape.clone();
        calShape[0] = n;
        Path calFile = dir.resolve("cal.npy");
        Npy.writeFloat32(calFile, new Float32Array(calShape, cal));
        ImportOptions options = new ImportOptions(calFile.toString());
        ImportResult result = OnnxImport.run(model, options, dir.resolve("net"));
        FloatGraph g = GraphMapper.map(OnnxFile.read(model)).graph();
        double worst = 0;
        for (EdgeTensor out : result.edge().outputs()) {
            double errSq = 0, refSq = 0;
            for (int t = 0; t < 8; t++) {
                float[] image = new float[per];
                for (int i = 0; i < per; i++) image[i] = r.nextFloat();
                Int8Tensor x = EdgeConversion.quantize(result.edge().input(), new Float32Array(inputShape, image));
                Map<String, Tensor> golden = NetworkRunner.runAll(result.network(), x);
                Map<String, float[]> real = FloatEvaluator.runAll(g,
                        Calibration.toNhwc(image, inputShape, result.edge().input().layout()));
                Int8Tensor y = (Int8Tensor) golden.get(out.layer());
                float[] f = real.get(out.layer());
                for (int i = 0; i < f.length; i++) {
                    double d = out.quant().toReal(y.data()[i]) - f[i];
                    errSq += d * d;
                    refSq += (double) f[i] * f[i];
                }
            }
            double rel = Math.sqrt(errSq / refSq);
            System.out.printf("  output %s (%s): relative RMS error int8 vs float %.4f%n", out.name(), out.layer(), rel);
            worst = Math.max(worst, rel);
        }
        return new Agreement(worst, result);
    }

    static List<String> ops(ImportResult r) {
        List<String> ops = new ArrayList<>();
        r.network().layers().forEach(l -> ops.add(l.spec().op()));
        return ops;
    }
}
