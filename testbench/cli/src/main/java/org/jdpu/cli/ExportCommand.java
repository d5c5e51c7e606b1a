package org.jdpu.cli;

import org.jdpu.io.UserError;

import org.jdpu.cases.LayerCase;
import org.jdpu.flow.export.BundleSimulation;
import org.jdpu.flow.export.ExportBundle;
import org.jdpu.flow.export.FpgaTarget;
import org.jdpu.flow.tb.DriverVectors;
import org.jdpu.flow.tb.TestbenchLayer;
import org.jdpu.flow.tb.TestbenchVectors;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.SpecParser;
import org.jdpu.tensor.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code dpu export}: the FPGA bundle of one configuration. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write an FPGA bundle: Verilog and filelist.f, an XDC with the clock, a Vivado non-project "
                + "build script for the part, a self-checking testbench (Icarus and Verilator) with vectors from a "
                + "real layer, and a README with ports, register map and how to drive a layer.",
                "The directory is replaced all-or-nothing, and only if it is empty or an earlier bundle."})
public final class ExportCommand implements Runnable {

    @Option(names = "--arch", paramLabel = "A", required = true, description = Engines.ARCH_HELP)
    String arch;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "bundle directory, " + OutputHelp.DIRECTORY)
    Path out;

    @Option(names = "--part", paramLabel = "PART", defaultValue = FpgaTarget.DEFAULT_PART,
            description = "Xilinx part (default: ${DEFAULT-VALUE})")
    String part;

    @Option(names = "--clock-mhz", paramLabel = "MHZ", defaultValue = "300", description = "clock constraint (default: ${DEFAULT-VALUE})")
    double clockMhz;

    @Option(names = "--layer", paramLabel = "L.json",
            description = "conv2d layer (shift mode) for the testbench; default: a small 3x3 layer with channel tails")
    Path layer;

    @Option(names = {"--input"}, paramLabel = "x.npy", description = "int8 input of --layer (default: random from --seed)")
    Path input;

    @Option(names = "--weights", paramLabel = "w.npy", description = "int8 weights of --layer")
    Path weights;

    @Option(names = "--bias", paramLabel = "b.npy", description = "int32 bias of --layer (default zeros)")
    Path bias;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of random testbench tensors (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--simulate", paramLabel = "SIM", split = ",",
            description = "after writing, run the testbench in: icarus, verilator (comma-separated)")
    java.util.List<String> simulate = java.util.List.of();

    @Override
    public void run() {
        if ((input == null) != (weights == null) || (input == null && bias != null)) {
            throw new UserError("give --input and --weights (and optionally --bias) together, or none of them for random tensors from --seed");
        }
        if (input != null && layer == null) throw new UserError("--input and --weights need --layer");
        DpuConfig cfg = Engines.arch(arch);
        java.util.List<BundleSimulation.Simulator> simulators = simulators();
        FpgaTarget target = new FpgaTarget(part, clockMhz);
        TestbenchVectors vectors = vectors(cfg);
        long t0 = System.nanoTime();
        ExportBundle.write(cfg, target, out, vectors);
        System.out.printf("wrote %s: %s for %s at %s MHz; testbench: %s, %d bytes compared (%.1f s)%n", out, cfg.name(),
                target.part(), target.clockText(), vectors.layer(), vectors.comparedBytes(), (System.nanoTime() - t0) / 1e9);
        for (BundleSimulation.Simulator sim : simulators) {
            System.err.println("simulating the testbench with " + sim.name().toLowerCase() + " ...");
            BundleSimulation.Result r = BundleSimulation.run(out, sim);
            System.out.printf("%s: %s (%.1f s)%n", sim.name().toLowerCase(), r.verdict(), r.elapsed().toMillis() / 1000.0);
            if (!r.passed()) throw new UserError("the testbench failed under " + sim.name().toLowerCase() + ": " + r.verdict(), 1, null);
        }
    }

    private java.util.List<BundleSimulation.Simulator> simulators() {
        return simulate.stream().map(s -> java.util.Arrays.stream(BundleSimulation.Simulator.values())
                .filter(v -> v.name().equalsIgnoreCase(s.strip())).findFirst()
                .orElseThrow(() -> new UserError("--simulate " + s + ": use icarus, verilator or both (icarus,verilator)"))).toList();
    }

    private TestbenchVectors vectors(DpuConfig cfg) {
        if (layer == null) return TestbenchLayer.vectors(cfg, seed);
        LayerSpec spec = SpecParser.parseLayer(layer);
        LayerChecks.checkTensorSizes(spec, layer);
        String name = layer.getFileName().toString();
        if (input != null) {
            return DriverVectors.of(cfg, name, spec, Npy.readInt8(input), Npy.readInt8(weights), bias == null ? null : Npy.readInt32(bias));
        }
        if (!(spec instanceof Conv2dSpec conv)) throw new UnsupportedByEngineException(spec.op() + " is not supported by the engine yet");
        LayerCase c = LayerCase.draw(name, seed, conv, LayerCase.Weights.REALISTIC);
        return DriverVectors.of(cfg, name + ", seed " + seed, spec, c.operands().input(), c.operands().weights(), c.operands().bias());
    }
}
