package org.jdpu.importer.onnx;

import org.jdpu.dataset.FashionMnist;
import org.jdpu.dataset.LabelledImages;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.importer.Importer;
import org.jdpu.importer.edge.EdgeConversion;
import org.jdpu.importer.edge.EdgeQuant;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed CustomNet's structure at 28x28 (conv 5x5 -> maxpool -> conv 5x5 -> maxpool -> conv 5x5
 * -> dense -> dense, random weights) calibrated on Fashion-MNIST, then run on test images.
 */
class FashionMnistImportTest {
    @TempDir
    Path dir;

    static Path customNet28(Path file, long seed, int c1, int c2, int c3) throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("image", -1, 1, 28, 28);
        String t = b.relu(b.conv("image", 1, c1, 5, 1, 2, 1));
        t = b.maxPool(t, 2, 2);
        t = b.relu(b.conv(t, c1, c2, 5, 1, 2, 1));
        t = b.maxPool(t, 2, 2);
        t = b.relu(b.conv(t, c2, c3, 5, 1, 2, 1));
        t = b.node("Flatten", new String[] {t});
        t = b.relu(b.gemm(t, c3 * 7 * 7, 64));
        b.output(b.gemm(t, 64, 10));
        return b.write(file);
    }

    @Test
    void calibratesOnFashionMnistAndAgreesWithTheFloatReference() throws Exception {
        // -Djdpu.customnet28.full=true: the seed CustomNet's channel counts (32, 64, 128), about 21 million MACs an
        // image on 1,000 calibration images; by default a quarter of the channels, to keep the suite short.
        boolean full = Boolean.getBoolean("jdpu.customnet28.full");
        int c = full ? 32 : 8;
        Path model = customNet28(dir.resolve("customnet28.onnx"), 28, c, 2 * c, 4 * c);
        long start = System.nanoTime();
        ImportResult r = Importer.run(model, new ImportOptions(ImportOptions.FASHION_MNIST), dir.resolve("net"));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH import.fashion_mnist_customnet28%s_s %.2f s (read, map, calibrate on 1,000 images, write)%n",
                full ? "" : "_quarter", seconds);
        assertEquals(List.of("conv2d", "maxpool", "conv2d", "maxpool", "conv2d", "conv2d", "conv2d"), ImportCheck.ops(r));
        FloatGraph g = GraphMapper.map(OnnxFile.read(model)).graph();
        LabelledImages test = FashionMnist.test(20);
        int agree = 0;
        double errSq = 0, refSq = 0;
        int fp = ((EdgeQuant.FixPoint) r.edge().outputs().getFirst().quant()).fixPoint();
        for (int i = 0; i < test.count(); i++) {
            float[] image = test.scaled(i);
            Int8Tensor x = EdgeConversion.quantize(r.edge().input(), new Float32Array(new int[] {1, 1, 28, 28}, image));
            Int8Tensor y = (Int8Tensor) NetworkRunner.run(r.network(), x);
            Map<String, float[]> real = FloatEvaluator.runAll(g, image);
            float[] f = real.get(r.edge().outputs().getFirst().layer());
            int bestQ = 0, bestF = 0;
            for (int k = 0; k < 10; k++) {
                if (y.data()[k] > y.data()[bestQ]) bestQ = k;
                if (f[k] > f[bestF]) bestF = k;
                double d = Math.scalb((double) y.data()[k], -fp) - f[k];
                errSq += d * d;
                refSq += (double) f[k] * f[k];
            }
            if (bestQ == bestF) agree++;
        }
        double rel = Math.sqrt(errSq / refSq);
        System.out.printf("  20 test images: top-1 int8 = float on %d, relative RMS error %.4f%n", agree, rel);
        assertTrue(rel < 0.05, "relative RMS " + rel);
        assertTrue(agree >= 18, agree + " of 20 agree");
    }
}
