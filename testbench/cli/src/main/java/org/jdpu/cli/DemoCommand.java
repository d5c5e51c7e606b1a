package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.cosim.net.NetCosimResult;
import org.jdpu.cosim.net.NetModels;
import org.jdpu.dataset.FashionMnist;
import org.jdpu.dataset.LabelledImages;
import org.jdpu.importer.Importer;
import org.jdpu.importer.accuracy.GoldenClassifier;
import org.jdpu.importer.accuracy.Top1;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.io.OutputDirectory;
import org.jdpu.io.UserError;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Trace;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.tensor.Int8Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;



import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dpu demo}: the main job end to end on a trained network. Imports the Fashion-MNIST
 * CustomNet (float ONNX), quantizes it to power-of-two fix points on the calibration images,
 * measures the INT8 network's top-1 on the test set with the golden model, then compiles a handful
 * of test images and runs each on the Verilated network engine from one START: the engine's class
 * against the label and the golden model's, every layer's output against the golden model and the
 * instruction-set simulator, the cycles against the whole-program cycle model. Ends with the
 * per-layer performance table of the simulated engine and of the largest preset by the cycle model.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Import the trained Fashion-MNIST CustomNet (testbench/models/customnet28.onnx), quantize it on the "
                + "first 1,000 training images, measure its INT8 top-1 on the test set (--test-images) with the golden model, then run "
                + "the first --images test images on the Verilated network engine from one START (simulated DDR at the "
                + "ZCU102 HP-port timing): each image's class against its label and the golden model's, every layer's "
                + "output compared byte for byte with the golden model and the instruction-set simulator, the cycles "
                + "with the whole-program cycle model; then the per-layer performance table (compute, total and stall "
                + "cycles, DDR bytes, utilisation, frames/s at 300 MHz) of the engine and of B4096 by the cycle model.",
                "Needs Debian's dataset-fashion-mnist (make deps installs it). Ends with a 'DEMO ..' line; exits 1 on a "
                        + "mismatch, a fault or cycles that differ from the model.",
                "The seed CustomNet's convolutions at 224x224 with random weights: 'dpu demo-convs'."})
public final class DemoCommand implements Runnable {
    /** The trained model, relative to the repository root (where make and bin/dpu's users run it). */
    static final Path DEFAULT_MODEL = Path.of("testbench/models/customnet28.onnx");
    /** The built-in default: the smallest preset, which verilates and simulates in seconds. */
    static final String DEFAULT_ARCH = Preset.B512.name();
    /** Shown from the cycle model: cosimulating the largest preset takes minutes, too long for a demo. */
    static final Preset MODELLED = Preset.B4096;
    static final int MAX_IMAGES = 100;

    @Option(names = "--model", paramLabel = "M.onnx",
            description = "the float ONNX image classifier of 28x28 grey images (default: ${DEFAULT-VALUE})")
    Path model = DEFAULT_MODEL;

    @Option(names = "--arch", paramLabel = "A", description = "configuration to simulate (default: ${DEFAULT-VALUE}); "
            + Engines.ARCH_HELP)
    String arch = DEFAULT_ARCH;

    @Option(names = "--images", paramLabel = "N",
            description = "test images to run on the engine, the first N, 1.." + MAX_IMAGES + " (default: ${DEFAULT-VALUE})")
    int images = 5;

    @Option(names = "--test-images", paramLabel = "N",
            description = "test images for the golden model's top-1, the first N, 1..10000 (default: ${DEFAULT-VALUE}, "
                    + "a few seconds; 10000: the whole test set, as make accuracy measures it)")
    int testImages = 1_000;

    @Option(names = "--out", paramLabel = "DIR",
            description = "keep the imported network (network.json, its tensors, model-edge.json) in DIR instead of a "
                    + "temporary directory; " + OutputHelp.DIRECTORY)
    Path out;

    @Override
    public void run() {
        checkOptions();
        DpuConfig config = Engines.arch(arch);
        LabelledImages test = FashionMnist.test(Math.max(images, testImages));
        Path tmp = out == null ? ScratchDirectory.create("jdpu-demo") : null;
        try {
            run(config, test, out == null ? tmp.resolve("network") : out);
        } finally {
            if (tmp != null) ScratchDirectory.delete(tmp);
        }
    }

    private void checkOptions() {
        if (images < 1 || images > MAX_IMAGES) throw new UserError("--images must be in 1.." + MAX_IMAGES + ", got " + images);
        if (testImages < 1 || testImages > 10_000) {
            throw new UserError("--test-images must be in 1..10000, got " + testImages);
        }
        if (Importer.formatOf(model) != Importer.Format.ONNX) {
            throw new UserError(model + ": --model takes a float ONNX model (.onnx)");
        }
        if (!Files.isRegularFile(model)) {
            throw new UserError(model + ": " + (Files.exists(model) ? "not a regular file"
                    : "no such file" + (model.equals(DEFAULT_MODEL) ? "; run from the repository root or pass --model" : "")));
        }
        // An unusable --out fails before the work, not after it.
        if (out != null) OutputDirectory.replacing(out, NetworkWriter.NETWORK_FILE).close();
    }

    private void run(DpuConfig config, LabelledImages test, Path dir) {
        System.out.println("jdpu demo: " + model + " (trained on Fashion-MNIST) on " + config.describe());
        long t0 = System.nanoTime();
        ImportResult imported = Importer.run(model, new ImportOptions(ImportOptions.FASHION_MNIST), dir);
        System.out.printf(Locale.ROOT, "1. imported and quantized in %.1f s (power-of-two fix points on the first 1,000 "
                + "training images): %d layers%n", PerfTable.seconds(t0), imported.network().layers().size());
        System.out.print(ImportCommand.layers(imported.network()));

        GoldenClassifier golden = GoldenClassifier.load(dir.resolve(NetworkWriter.NETWORK_FILE), test.pixelsPerImage());
        t0 = System.nanoTime();
        Top1 int8 = Top1.of(golden.predict(test, testImages), test);
        System.out.printf(Locale.ROOT, "2. golden model: INT8 top-1 %.2f %% (%,d of the first %,d test images%s) in %.1f s "
                        + "on %d cores%n", 100 * int8.fraction(), int8.correct(), int8.total(),
                int8.total() == 10_000 ? ", the whole test set" : "; --test-images 10000 for all", PerfTable.seconds(t0),
                Runtime.getRuntime().availableProcessors());

        List<LayerTensors> tensors = new ArrayList<>();
        for (int i = 0; i < golden.network().layers().size(); i++) {
            tensors.add(new LayerTensors(golden.weights(i), golden.bias(i)));
        }
        t0 = System.nanoTime();
        CompiledModel engine = NetModels.compiled(config, AxiConfig.DEFAULT, Trace.NONE);
        System.out.printf(Locale.ROOT, "3. network engine verilated in %.1f s (%s)%n", PerfTable.seconds(t0),
                engine.fromCache() ? "from the model cache" : "built now, cached for next time");

        System.out.println("4. the first " + images + " test images, each compiled with its input and run from one START; "
                + "every layer's output compared byte for byte with the golden model and the instruction-set simulator:");
        EngineImages run = runImages(config, golden, tensors, test);
        NetCosimResult first = run.first();
        System.out.printf(Locale.ROOT, "5. %s on the RTL, image 0 (%.1f s simulated, %,.0f cycles/s):%n", config.name(),
                first.simSeconds(), first.run().cycles() / first.simSeconds());
        System.out.print(PerfTable.table(golden.network(), first.layers(), first.run().cycles(), PerfTable::verdict));
        System.out.println(PerfTable.summary(config.name() + " on the RTL", first.run().cycles(), first.computeCycles(),
                first.idealCycles()) + ", equal to the cycle model");
        if (!config.equals(MODELLED.config())) {
            t0 = System.nanoTime();
            String table = PerfTable.modelled(MODELLED.config(), golden.network(), golden.input(test.scaled(0)), tensors);
            System.out.printf(Locale.ROOT, "6. %s by the whole-program cycle model (compiled the same way, not simulated; "
                    + "%.1f s):%n", MODELLED.name(), PerfTable.seconds(t0));
            System.out.print(table);
        }
        if (out != null) System.out.println("   imported network: " + dir.resolve(NetworkWriter.NETWORK_FILE));
        System.out.printf(Locale.ROOT, "DEMO model=%s arch=%s int8_top1=%s test_images=%d rtl_images=%d rtl_correct=%d "
                        + "rtl_agrees_with_golden=%d mismatches=%d cycles=%d fps_300mhz=%.1f%n",
                AccuracyCommand.name(model), config.name(), int8.format(), int8.total(), images, run.correct(),
                run.agreeing(), run.mismatches(), first.run().cycles(), PerfTable.fps(first.run().cycles()));
        if (run.mismatches() > 0) {
            throw new UserError("the engine's layer outputs differ from the golden model or the instruction-set "
                    + "simulator in " + run.mismatches() + " values (see the lines above)", 1, null);
        }
        if (run.agreeing() != images) {
            throw new UserError("the engine's class differs from the golden model's on " + (images - run.agreeing())
                    + " images although every layer matched", 1, null);
        }
    }

    /** What the engine did on the images: the first image's run, and counts over all of them. */
    private record EngineImages(NetCosimResult first, int correct, int agreeing, long mismatches) {}

    private EngineImages runImages(DpuConfig config, GoldenClassifier golden, List<LayerTensors> tensors,
                                   LabelledImages test) {
        NetCosimResult first = null;
        int correct = 0, agreeing = 0;
        long mismatches = 0;
        for (int i = 0; i < images; i++) {
            Int8Tensor x = golden.input(test.scaled(i));
            List<Int8Tensor> expected = NetCosim.golden(golden.network(), x, tensors);
            NetProgram program;
            try {
                program = NetworkCompiler.compile(config, golden.network(), x, tensors, NetworkCompiler.Workspace.KEEP_ALL);
            } catch (UnsupportedByEngineException e) {
                throw new UserError(model + ": the compiler refuses the network for " + config.name() + ": "
                        + e.getMessage(), e);
            }
            NetCosimResult r = NetCosim.run(program, expected, AxiConfig.DEFAULT,
                    NetCosim.Options.defaults().withTiming(PerfTable.TIMING), cycles -> { });
            // A fault or a protocol violation ends the demo here; mismatches are counted and listed.
            NetworkCosimRun.check(RtlAccuracy.withoutMismatches(r), null, null);
            if (r.predictedCycles() != r.run().cycles()) {
                throw new UserError("image " + i + ": the RTL took " + r.run().cycles() + " cycles, the whole-program "
                        + "cycle model predicts " + r.predictedCycles(), 1, null);
            }
            int label = test.label(i);
            int engineClass = golden.classOf(r.rtlOutputs().get(outputIndex(program, golden)));
            int goldenClass = golden.classOf(expected.get(outputIndex(program, golden)));
            long exact = r.layers().stream().filter(l -> l.goldenMismatches() == 0 && l.issMismatches() == 0).count();
            System.out.printf(Locale.ROOT, "   image %d: label %-11s engine %-11s %s, golden %-11s %s; %d of %d layers "
                            + "bit-exact; %,d cycles, as the cycle model predicts (%.1f s)%n", i, name(label),
                    name(engineClass), engineClass == label ? "right" : "WRONG", name(goldenClass),
                    goldenClass == engineClass ? "agrees" : "DIFFERS", exact, r.layers().size(), r.run().cycles(),
                    r.simSeconds());
            r.mismatches().forEach(m -> System.out.println("      " + m));
            if (engineClass == label) correct++;
            if (engineClass == goldenClass) agreeing++;
            mismatches += r.mismatches().stream().mapToLong(m -> m.count()).sum();
            if (first == null) first = r;
        }
        return new EngineImages(first, correct, agreeing, mismatches);
    }

    private static int outputIndex(NetProgram p, GoldenClassifier golden) {
        for (int i = 0; i < p.layers().size(); i++) {
            if (p.layers().get(i).name().equals(golden.outputLayer())) return i;
        }
        throw new IllegalStateException("the program has no layer " + golden.outputLayer());
    }

    private static String name(int label) {
        return FashionMnist.CLASSES.get(label);
    }

}
