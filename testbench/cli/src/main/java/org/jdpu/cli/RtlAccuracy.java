package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.cosim.net.NetCosimResult;
import org.jdpu.cosim.net.NetMismatch;
import org.jdpu.dataset.LabelledImages;
import org.jdpu.importer.accuracy.GoldenClassifier;
import org.jdpu.importer.accuracy.Top1;
import org.jdpu.memory.DdrTiming;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's part of {@code dpu accuracy}: each image compiled with its network and run on the
 * Verilated network engine from one START, every layer's output compared with the golden model's,
 * the class read from the engine's own output. A network the compiler refuses is reported in one
 * line naming the layer, and no engine figure is given.
 */
final class RtlAccuracy {
    /** The engine figure, its image count and the values that differed from the golden model ("n/a" when not run). */
    record Outcome(String top1, int images, long mismatches) {
        static final Outcome NOT_RUN = new Outcome("n/a", 0, 0);
    }

    private static final double CLOCK_HZ = 300e6;

    private final DpuConfig config;
    private final GoldenClassifier golden;
    private final String networkFile, shownAs;

    /** Messages that name {@code networkFile} name {@code shownAs} instead (the model behind a temporary import). */
    RtlAccuracy(DpuConfig config, GoldenClassifier golden, String networkFile, String shownAs) {
        this.config = config;
        this.golden = golden;
        this.networkFile = networkFile;
        this.shownAs = shownAs;
    }

    Outcome run(LabelledImages test, int count) {
        List<LayerTensors> tensors = tensors(golden);
        int[] predicted = new int[count];
        long mismatches = 0;
        ProgressPrinter progress = new ProgressPrinter("rtl " + config.name());
        try {
            for (int i = 0; i < count; i++) {
                Int8Tensor x = golden.input(test.scaled(i));
                NetCosimResult r;
                try {
                    r = NetCosim.run(config, AxiConfig.DEFAULT, golden.network(), x, tensors, NetCosim.Options.defaults(),
                            cycles -> { });
                } catch (UnsupportedByEngineException e) {
                    System.out.println("RTL not run: the compiler refuses the network for " + config.name() + ": "
                            + e.getMessage().replace(networkFile, shownAs));
                    return Outcome.NOT_RUN;
                }
                NetworkCosimRun.check(withoutMismatches(r), null, null);
                for (NetMismatch m : r.mismatches()) System.out.println("image " + i + ": " + m);
                mismatches += r.mismatchCount();
                predicted[i] = golden.classOf(r.rtlOutputs().get(outputIndex(r.program())));
                progress.update("images", i + 1, count);
            }
        } finally {
            progress.done();
        }
        return new Outcome(Top1.of(predicted, test).format(), count, mismatches);
    }

    /** A fault or protocol violation still ends the run (exit 1); mismatches are counted instead. */
    static NetCosimResult withoutMismatches(NetCosimResult r) {
        return new NetCosimResult(r.config(), r.program(), r.run(), r.predictedCycles(), r.layers(), List.of(), r.iss(),
                r.options(), r.rtlOutputs(), r.simSeconds());
    }

    private int outputIndex(NetProgram p) {
        for (int i = 0; i < p.layers().size(); i++) {
            if (p.layers().get(i).name().equals(golden.outputLayer())) return i;
        }
        throw new IllegalStateException("the program has no layer " + golden.outputLayer());
    }

    /** The frames/s at 300 MHz of the network on {@code c} by the whole-program cycle model, or why there is none. */
    static String perfLine(String model, DpuConfig c, GoldenClassifier golden) {
        String head = "PERF model=" + model + " arch=" + c.name();
        NetProgram p;
        try {
            p = NetworkCompiler.compile(c, golden.network(), golden.input(new float[golden.edge().input().size()]),
                    tensors(golden));
        } catch (UnsupportedByEngineException e) {
            return head + " refused: " + e.getMessage();
        }
        long cycles = ProgramCycleModel.schedule(c, AxiConfig.DEFAULT, NetCosim.memoryTiming(DdrTiming.ZCU102_HP),
                p.instructions()).total();
        return head + " cycles=" + cycles + String.format(Locale.ROOT, " fps_300mhz=%.1f", CLOCK_HZ / cycles);
    }

    private static List<LayerTensors> tensors(GoldenClassifier golden) {
        List<LayerTensors> t = new ArrayList<>();
        for (int i = 0; i < golden.network().layers().size(); i++) t.add(new LayerTensors(golden.weights(i), golden.bias(i)));
        return t;
    }
}
