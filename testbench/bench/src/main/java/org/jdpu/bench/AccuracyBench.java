package org.jdpu.bench;

import org.jdpu.dataset.FashionMnist;
import org.jdpu.dataset.LabelledImages;
import org.jdpu.importer.Importer;
import org.jdpu.importer.accuracy.GoldenClassifier;
import org.jdpu.importer.accuracy.Top1;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.io.OutputDirectory;
import org.jdpu.io.UserError;
import org.jdpu.spec.NetworkWriter;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The trained Fashion-MNIST CustomNet (testbench/models/customnet28.onnx): the time to import and
 * quantize it (calibration on 1,000 training images included), and the time the golden model takes
 * to classify all 10,000 test images (in parallel over the cores), with the top-1 it reaches. Beside
 * each wall-clock figure, the CPU seconds the process spent on it: on a shared machine the wall
 * clock depends on the other work, while the CPU time says what the job costs (on two free cores
 * the wall clock is about half of it once the work is split over both).
 */
public final class AccuracyBench implements Benchmark {
    /** Where the committed models are; the property names another folder. */
    static final String MODELS_PROPERTY = "jdpu.models";
    static final String MODEL = "customnet28.onnx";

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        Path model = Path.of(System.getProperty(MODELS_PROPERTY, "testbench/models")).resolve(MODEL);
        if (!Files.isRegularFile(model)) {
            throw new UserError(model + ": no such file; run from the repository root or set -D" + MODELS_PROPERTY);
        }
        Path tmp = Files.createTempDirectory("jdpu-accuracy-bench");
        try {
            Path dir = tmp.resolve("network");
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            Importer.run(model, new ImportOptions(ImportOptions.FASHION_MNIST), dir);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            report.figure("import.fashion_mnist_customnet28_s", importSeconds, "s");
            report.figure("import.fashion_mnist_customnet28_cpu_s", (processCpuNanos() - cpu0) / 1e9, "s");

            LabelledImages test = FashionMnist.test(10_000);
            GoldenClassifier golden = GoldenClassifier.load(dir.resolve(NetworkWriter.NETWORK_FILE), test.pixelsPerImage());
            long t1 = System.nanoTime();
            long cpu1 = processCpuNanos();
            Top1 top1 = Top1.of(golden.predict(test, test.count()), test);
            double goldenSeconds = (System.nanoTime() - t1) / 1e9;
            double goldenCpu = (processCpuNanos() - cpu1) / 1e9;
            report.note(String.format(Locale.ROOT, "golden model: %d of %d test images right (top-1 %s) on %d cores",
                    top1.correct(), top1.total(), top1.format(), Runtime.getRuntime().availableProcessors()));
            report.figure("golden.fashion_mnist_10k_s", goldenSeconds, "s");
            report.figure("golden.fashion_mnist_10k_cpu_s", goldenCpu, "s");
            report.figure("golden.fashion_mnist_images_per_s", test.count() / goldenSeconds, "images/s");
        } finally {
            OutputDirectory.deleteTree(tmp);
        }
    }

    /** The CPU time of every thread of this process so far (JIT and GC included). */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new UserError("this JVM does not report its process CPU time (com.sun.management)");
    }
}
