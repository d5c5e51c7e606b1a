package org.jdpu.cli;

import org.jdpu.dataset.FashionMnist;
import org.jdpu.dataset.LabelledImages;
import org.jdpu.importer.Importer;
import org.jdpu.importer.accuracy.GoldenClassifier;
import org.jdpu.importer.accuracy.OnnxRuntimeClassifier;
import org.jdpu.importer.accuracy.Top1;
import org.jdpu.importer.edge.ImportOptions;

import org.jdpu.io.UserError;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.tensor.Shapes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;



import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code dpu accuracy}: top-1 of a classifier on the Fashion-MNIST test set, three ways: the float
 * model through ONNX Runtime, the imported INT8 network through the golden model, and the first
 * few images cosimulated on the network engine (every layer compared with the golden model).
 * Optionally the frames/s the whole-program cycle model gives on some configurations.
 */
@Command(name = "accuracy", mixinStandardHelpOptions = true,
        description = {"Top-1 accuracy of an image classifier on a dataset's test images: the float model (ONNX Runtime), "
                + "the INT8 network (golden model) and, on the first --rtl-images images, the network engine's RTL with "
                + "every layer's output checked against the golden model.",
                "Prints 'MODEL model=.. input=.. layers=..', then 'ACCURACY model=.. float=.. int8=.. rtl=.. rtl_images=.. rtl_mismatches=..' (n/a where not run); "
                        + "with --cycle-model one 'PERF model=.. arch=.. cycles=.. fps_300mhz=..' line per configuration.",
                "Exits 1 when an engine layer's output differs from the golden model."})
public final class AccuracyCommand implements Runnable {

    /** The datasets --dataset accepts. */
    static final List<String> DATASETS = List.of("fashion-mnist");

    /** What is measured: a float model (imported on the fly) or a network already imported. */
    static final class Source {
        @Option(names = "--model", paramLabel = "M.onnx", required = true,
                description = "a float ONNX model; it is imported with --calibration fashion-mnist into a temporary directory")
        Path model;

        @Option(names = "--network", paramLabel = "DIR/network.json", required = true,
                description = "a network written by 'dpu import' (model-edge.json beside it); no float figure")
        Path network;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--dataset", paramLabel = "D", required = true, description = "the labelled test images: fashion-mnist")
    String dataset;

    @Option(names = "--images", paramLabel = "N", defaultValue = "10000",
            description = "test images for the float and INT8 figures, the first N (default: all 10,000)")
    int images;

    @Option(names = "--rtl-images", paramLabel = "N", defaultValue = "0",
            description = "test images to cosimulate on the network engine, the first N (default 0: none)")
    int rtlImages;

    @Option(names = "--arch", paramLabel = "A", defaultValue = "B512", description = "the engine for --rtl-images: "
            + Engines.ARCH_HELP + " (default B512)")
    String arch;

    @Option(names = "--cycle-model", paramLabel = "A", split = ",",
            description = "configurations whose frames/s at 300 MHz the whole-program cycle model reports, e.g. B512,B4096")
    List<String> cycleModel = List.of();

    @Override
    public void run() {
        checkOptions();
        LabelledImages test = FashionMnist.test(Math.max(images, rtlImages));
        if (source.model != null) {
            Path tmp = ScratchDirectory.create("jdpu-accuracy");
            try {
                Path dir = tmp.resolve("network");
                long t0 = System.nanoTime();
                Importer.run(source.model, new ImportOptions(ImportOptions.FASHION_MNIST), dir);
                System.err.printf(Locale.ROOT, "imported %s in %.1f s%n", source.model, (System.nanoTime() - t0) / 1e9);
                measure(name(source.model), dir.resolve(NetworkWriter.NETWORK_FILE), test, source.model);
            } finally {
                ScratchDirectory.delete(tmp);
            }
        } else {
            measure(name(source.network.toAbsolutePath().getParent()), source.network, test, null);
        }
    }

    private void checkOptions() {
        if (!DATASETS.contains(dataset)) throw new UserError("--dataset must be one of " + DATASETS + ", got '" + dataset + "'");
        if (images < 1 || images > 10_000) throw new UserError("--images must be in 1..10000, got " + images);
        if (rtlImages < 0 || rtlImages > 10_000) throw new UserError("--rtl-images must be in 0..10000, got " + rtlImages);
        if (source.model != null && Importer.formatOf(source.model) != Importer.Format.ONNX) {
            throw new UserError(source.model + ": --model takes a float ONNX model (.onnx); import a TFLite model with "
                    + "'dpu import' and pass --network");
        }
        if (source.model != null && !Files.isRegularFile(source.model)) {
            throw new UserError(source.model + ": " + (Files.exists(source.model) ? "not a regular file" : "no such file"));
        }
        Engines.arch(arch);
        cycleModel.forEach(Engines::arch);
    }

    private void measure(String name, Path network, LabelledImages test, Path floatModel) {
        GoldenClassifier golden = GoldenClassifier.load(network, test.pixelsPerImage());
        System.out.println("MODEL model=" + name + " input=" + Shapes.format(golden.edge().input().shape()).replace(" ", "")
                + " layers=" + golden.network().layers().size());
        String floatTop1 = "n/a";
        if (floatModel != null) {
            long t0 = System.nanoTime();
            Top1 f = Top1.of(OnnxRuntimeClassifier.predict(floatModel, golden.edge().input().shape(), test, images), test);
            System.err.printf(Locale.ROOT, "float (ONNX Runtime): %d of %d in %.1f s%n", f.correct(), f.total(),
                    (System.nanoTime() - t0) / 1e9);
            floatTop1 = f.format();
        }
        long t0 = System.nanoTime();
        Top1 q = Top1.of(golden.predict(test, images), test);
        System.err.printf(Locale.ROOT, "int8 (golden model): %d of %d in %.1f s%n", q.correct(), q.total(),
                (System.nanoTime() - t0) / 1e9);
        // A temporary import's path means nothing to the user: messages name the model instead.
        String shown = floatModel == null ? network.toString() : floatModel + " (imported)";
        RtlAccuracy.Outcome rtl = rtlImages == 0 ? RtlAccuracy.Outcome.NOT_RUN
                : new RtlAccuracy(Engines.arch(arch), golden, network.toString(), shown).run(test, rtlImages);
        System.out.println("ACCURACY model=" + name + " float=" + floatTop1 + " int8=" + q.format()
                + " rtl=" + rtl.top1() + " rtl_images=" + rtl.images() + " rtl_mismatches=" + rtl.mismatches());
        for (String a : cycleModel) {
            System.out.println(RtlAccuracy.perfLine(name, Engines.arch(a), golden).replace(network.toString(), shown));
        }
        if (rtl.mismatches() > 0) {
            throw new UserError("the engine's layer outputs differ from the golden model in " + rtl.mismatches()
                    + " values (see the lines above)", 1, null);
        }
    }

    /** The model's name: its file name without the extension, or the network's directory name. */
    static String name(Path p) {
        String n = p.getFileName() == null ? p.toString() : p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

}
