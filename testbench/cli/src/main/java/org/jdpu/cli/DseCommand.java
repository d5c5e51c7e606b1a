package org.jdpu.cli;

import org.jdpu.io.UserError;
import org.jdpu.dse.ResourceModel;
import org.jdpu.dse.SampleCollector;
import org.jdpu.dse.SynthSample;

import org.jdpu.compiler.ChannelAugmentation;
import org.jdpu.compiler.EngineLayer;
import org.jdpu.compiler.Lowering;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Padding;
import org.jdpu.spec.SpecParser;
import org.jdpu.cases.LayerCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.memory.DdrTiming;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.NetworkSpec;
import java.util.Set;

/** {@code dpu dse}: design-space exploration on the cycle models, of layers or of a whole network. */
@Command(name = "dse", mixinStandardHelpOptions = true,
        description = {"With --network: explore PP x ICP x OCP x buffer depths x DSP options x AXI width x DDR on a "
                + "network: each configuration compiled by the network compiler, every candidate timed by an analytic "
                + "screen and those near a Pareto front (--screen-margin, --exact-limit) by the whole-program cycle "
                + "model (memory included), sized by the resource model (DSP and BRAM exact, LUT and FF fitted on "
                + "syntheses); --device keeps those that fit, --report writes CSV, JSON, PNG/SVG plots and an HTML report.",
                "Without --network: explore configurations on the cycle model: for every PP x ICP x OCP within a multiplier "
                + "budget, the compute cycles, utilisation and frames/s of a set of layers (by default the seed "
                + "CustomNet's three 5x5 convolutions). Each layer is mapped as the driver would map it on that "
                + "configuration: channel-augmented where the cycle model predicts fewer cycles, unless --no-augment. "
                + "Prints the best configurations and the presets, with each layer's lowering."})
public final class DseCommand implements Runnable {
    private static final int[] PP = {1, 2, 3, 4, 6, 8, 12, 16};
    private static final int[] CHANNELS = {2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 32};

    @Option(names = "--layer", paramLabel = "L.json", description = "conv2d layer spec; repeat for several")
    List<Path> layerFiles;

    @Option(names = "--max-macs", paramLabel = "N",
            description = "multiplier budget PP*ICP*OCP (default ${DEFAULT-VALUE}, as B4096)")
    int maxMacs = 2048;

    @Option(names = "--clock-mhz", paramLabel = "F", description = "clock for frames/s (default ${DEFAULT-VALUE})")
    double clockMhz = 300;

    @Option(names = "--top", paramLabel = "K", description = "configurations to list (default ${DEFAULT-VALUE})")
    int top = 15;

    @Option(names = "--no-augment",
            description = "map every layer as written; by default a layer with few input channels is channel-augmented "
                    + "when the cycle model predicts fewer cycles, as cosim and demo do")
    boolean noAugment;

    @Option(names = "--ddr",
            description = "also give the listed configurations' cycles as the network engine runs each layer from one START "
                    + "with the simulated ZCU102 HP-port DDR (the whole-program cycle model on the compiled program; slower)")
    boolean ddr;

    @Mixin
    NetworkDse network = new NetworkDse();

    @Option(names = "--collect-samples", paramLabel = "DIR",
            description = "rewrite the resource model's synthesis sample from every DIR/*/synth.json (make dse-fit) and print the refit's error")
    Path collectSamples;

    @Option(names = "--samples-out", paramLabel = "CSV", description = "with --collect-samples, the sample file to write")
    Path samplesOut;

    private record Point(DpuConfig config, long cycles, double ideal, List<Lowering> lowerings) {
        double utilization() {
            return ideal / cycles;
        }
    }

    /** A layer to evaluate and the name messages give it. */
    private record Layer(String name, Conv2dSpec spec, ConvGeometry geometry) {}

    /** A configuration left out because a layer does not fit it. */
    private record Dropped(DpuConfig config, String layer, String reason) {}

    @Override
    public void run() {
        if (collectSamples != null) {
            if (samplesOut == null) throw new UserError("--collect-samples needs --samples-out CSV");
            List<SynthSample> sample = SampleCollector.collect(collectSamples);
            String summary;
            try {
                summary = ResourceModel.validate(sample).summary();
            } catch (IllegalArgumentException e) {
                throw new UserError("--collect-samples " + collectSamples + ": " + e.getMessage());
            }
            SampleCollector.write(sample, samplesOut);
            System.out.println("dse: " + sample.size() + " syntheses in " + samplesOut + "; " + summary);
            return;
        }
        if (network.active()) {
            if (layerFiles != null && !layerFiles.isEmpty()) throw new UserError("give --network or --layer, not both");
            network.run(maxMacs, clockMhz, top);
            return;
        }
        if (maxMacs < 1 || maxMacs > DpuConfig.MAX_MACS) {
            throw new UserError("--max-macs must be in 1.." + DpuConfig.MAX_MACS + " (the most multipliers a "
                    + "configuration may have), got " + maxMacs);
        }
        if (top < 1) throw new UserError("--top must be at least 1, got " + top);
        if (!(clockMhz > 0)) throw new UserError("--clock-mhz must be above 0, got " + clockMhz);
        List<Layer> layers = layers();
        Set<DpuConfig> candidates = new LinkedHashSet<>();
        for (Preset p : Preset.values()) candidates.add(p.config());
        for (int pp : PP) {
            for (int icp : CHANNELS) {
                for (int ocp : CHANNELS) {
                    if (pp * icp * ocp <= maxMacs) candidates.add(DpuConfig.of(pp, icp, ocp));
                }
            }
        }
        Lowering.Policy policy = noAugment ? Lowering.Policy.DIRECT_ONLY : Lowering.Policy.FASTEST;
        List<Point> points = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        for (DpuConfig c : candidates) {
            switch (evaluate(c, layers, policy)) {
                case Point p -> points.add(p);
                case Dropped d -> dropped.add(d);
                default -> throw new IllegalStateException();
            }
        }
        List<Point> best = points.stream().filter(p -> p.config().macsPerCycle() <= maxMacs)
                .sorted(Comparator.comparingLong(Point::cycles)).limit(top).toList();
        System.out.printf(Locale.ROOT, "dse: %d layers, %d configurations within %d multipliers, cycle model at %.0f MHz, %s%n",
                layers.size(), points.size(), maxMacs, clockMhz,
                noAugment ? "every layer as written (--no-augment)" : "each layer on its fastest lowering");
        print("fastest", best);
        print("presets", points.stream().filter(p -> isPreset(p.config())).toList());
        printDropped(dropped);
    }

    /** One line per preset left out, and how many other configurations were, with an example. */
    private static void printDropped(List<Dropped> dropped) {
        if (dropped.isEmpty()) return;
        System.out.println();
        System.out.println("left out (a layer does not fit the configuration):");
        for (Dropped d : dropped) {
            if (isPreset(d.config())) System.out.println("  " + d.config().name() + ": " + d.layer() + ": " + d.reason());
        }
        List<Dropped> others = dropped.stream().filter(d -> !isPreset(d.config())).toList();
        if (!others.isEmpty()) {
            Dropped e = others.getFirst();
            System.out.printf("  %d other configuration%s, e.g. %s: %s: %s%n", others.size(), others.size() == 1 ? "" : "s",
                    e.config().name(), e.layer(), e.reason());
        }
    }

    /** The configuration's figures, or why a layer does not fit it. */
    private static Record evaluate(DpuConfig c, List<Layer> layers, Lowering.Policy policy) {
        long cycles = 0;
        double ideal = 0;
        List<Lowering> lowerings = new ArrayList<>();
        for (Layer layer : layers) {
            ConvGeometry g = layer.geometry();
            try {
                ChannelAugmentation.Choice choice = ChannelAugmentation.choose(c, g, policy);
                cycles += CycleModel.estimate(c, choice.geometry()).computeCycles();
                // Ideal cycles count the MACs of the layer as written, as the driver's utilisation does.
                ideal += g.macs() / (double) c.macsPerCycle();
                lowerings.add(choice.lowering());
            } catch (UnsupportedByEngineException e) {
                return new Dropped(c, layer.name(), e.getMessage());
            }
        }
        return new Point(c, cycles, ideal, lowerings);
    }

    private void print(String title, List<Point> points) {
        System.out.println();
        System.out.printf("%-10s %8s %14s %8s %12s%s  %s%n", title, "MACs/cyc", "cycles", "util", "frames/s",
                ddr ? String.format("%14s %9s", "with DDR", "DDR/comp") : "", "lowering per layer");
        for (Point p : points) {
            String withDdr = "";
            if (ddr) {
                long total = withMemory(p.config());
                withDdr = String.format(Locale.ROOT, " %,14d %9.3f", total, (double) total / p.cycles());
            }
            System.out.printf(Locale.ROOT, "%-10s %8d %,14d %8.3f %,12.1f%s  %s%n", p.config().name(),
                    p.config().macsPerCycle(), p.cycles(), p.utilization(), clockMhz * 1e6 / p.cycles(), withDdr,
                    String.join(",", p.lowerings().stream().map(Lowering::label).toList()));
        }
    }

    /**
     * Cycles of every layer compiled for the network engine (one START each, tensors drawn from a
     * seed: cycles do not depend on the values) on the whole-program cycle model with the HP-port DDR.
     */
    private long withMemory(DpuConfig c) {
        long total = 0;
        for (Layer layer : layers()) {
            LayerCase lc = LayerCase.draw(layer.name(), 1, layer.spec(), LayerCase.Weights.REALISTIC);
            NetworkSpec net = new NetworkSpec(null, List.of(new NetworkSpec.Layer("l", layer.spec(), null, null, null)));
            NetProgram p = NetworkCompiler.compile(c, net, lc.operands().input(),
                    List.of(LayerTensors.of(lc.operands())));
            total += ProgramCycleModel.totalCycles(c, AxiConfig.DEFAULT, NetCosim.memoryTiming(DdrTiming.ZCU102_HP),
                    p.instructions());
        }
        return total;
    }

    private static boolean isPreset(DpuConfig c) {
        for (Preset p : Preset.values()) if (p.name().equals(c.name())) return true;
        return false;
    }

    private List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        if (layerFiles == null || layerFiles.isEmpty()) {
            int[][] net = {{224, 3, 32}, {56, 32, 64}, {14, 64, 128}};
            for (int[] l : net) {
                Conv2dSpec spec = LayerCase.conv(l[0], l[0], l[1], l[2], 5, 5, 1, 1, 1, 1, new Padding(2, 2, 2, 2),
                        LayerCase.realisticQuant(5, 5, l[1]), Activation.RELU);
                out.add(new Layer("conv" + (out.size() + 1), spec, EngineLayer.of(spec).geometry()));
            }
            return out;
        }
        for (Path f : layerFiles) {
            EngineLayer e = EngineLayer.of(SpecParser.parseLayer(f));
            out.add(new Layer(f.toString(), e.spec(), e.geometry()));
        }
        return out;
    }
}
