package org.jdpu.cli;

import org.jdpu.io.UserError;

import org.jdpu.arch.DpuConfig;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.flow.export.BundleSimulation;
import org.jdpu.flow.export.ExportBundle;
import org.jdpu.flow.export.FpgaTarget;
import org.jdpu.flow.tb.NetVectors;
import org.jdpu.flow.tb.TestbenchNetwork;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.SpecParser;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.tensor.Npy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** {@code dpu export}: the FPGA bundle of one configuration. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write an FPGA bundle: the network engine's Verilog (top dpu_top) and filelist.f, an XDC with the "
                + "clock, a Vivado non-project build script for the part, Vivado block-design scripts for the ZCU102 and "
                + "ZCU104 (Zynq UltraScale+ PS, HP ports, interrupt), a self-checking testbench (Icarus and Verilator) that "
                + "runs a compiled network on a behavioural AXI DDR and compares every layer's output with the golden model, "
                + "and a README with ports, control registers and how to drive the engine.",
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

    @Option(names = "--network", paramLabel = "N.json",
            description = "network of conv2d layers (shift mode), pools (maxpool, avgpool, global_avgpool), adds and "
                    + "concats for the testbench, its weights and biases from the files it names or random from --seed; "
                    + "default: three convolutions on a 16x16x8 input")
    Path network;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of random testbench tensors (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--simulate", paramLabel = "SIM", split = ",",
            description = "after writing, run the testbench in: icarus, verilator (comma-separated)")
    List<String> simulate = List.of();

    /** The default testbench network's input size. */
    static final int DEFAULT_SIZE = 16;

    @Override
    public void run() {
        DpuConfig cfg = Engines.arch(arch);
        List<BundleSimulation.Simulator> simulators = simulators();
        FpgaTarget target = new FpgaTarget(part, clockMhz);
        TestbenchNetwork net = network == null ? TestbenchNetwork.threeLayers(DEFAULT_SIZE, seed) : fromFile();
        long t0 = System.nanoTime();
        NetVectors v = NetVectors.of(cfg, ExportBundle.AXI, net);
        ExportBundle.write(cfg, target, out, v);
        System.out.printf("wrote %s: %s (top dpu_top) for %s at %s MHz; testbench: %s, %d instructions, %d bytes compared (%.1f s)%n",
                out, cfg.name(), target.part(), target.clockText(), v.description(), v.instructions(), v.comparedBytes(),
                (System.nanoTime() - t0) / 1e9);
        for (BundleSimulation.Simulator sim : simulators) {
            System.err.println("simulating the testbench with " + sim.name().toLowerCase() + " ...");
            BundleSimulation.Result r = BundleSimulation.run(out, sim);
            System.out.printf("%s: %s (%.1f s)%n", sim.name().toLowerCase(), r.verdict(), r.elapsed().toMillis() / 1000.0);
            if (!r.passed()) throw new UserError("the testbench failed under " + sim.name().toLowerCase() + ": " + r.verdict(), 1, null);
        }
    }

    private List<BundleSimulation.Simulator> simulators() {
        return simulate.stream().map(s -> java.util.Arrays.stream(BundleSimulation.Simulator.values())
                .filter(v -> v.name().equalsIgnoreCase(s.strip())).findFirst()
                .orElseThrow(() -> new UserError("--simulate " + s + ": use icarus, verilator or both (icarus,verilator)"))).toList();
    }

    /** The network of {@code --network}: the tensors it names, the others (and the input) random from the seed. */
    private TestbenchNetwork fromFile() {
        NetworkSpec spec = SpecParser.parseNetwork(network);
        Random rnd = new Random(seed);
        List<LayerTensors> tensors = new ArrayList<>();
        for (NetworkSpec.Layer l : spec.layers()) {
            if (l.spec() instanceof org.jdpu.spec.ConcatSpec || l.spec() instanceof PoolSpec
                    || l.spec() instanceof GlobalAvgPoolSpec || l.spec() instanceof org.jdpu.spec.AddSpec) {
                // No tensors: a concat is placed by its sources; the compiler refuses the pools and adds the core cannot run.
                tensors.add(new LayerTensors(null, null));
                continue;
            }
            if (!(l.spec() instanceof Conv2dSpec conv)) {
                throw new UnsupportedByEngineException(l.spec().op() + " is not supported by the engine yet");
            }
            tensors.add(new LayerTensors(
                    l.weights() != null ? Npy.readInt8(l.weights()) : TestbenchNetwork.randomInt8(rnd, conv.weightShape()),
                    l.bias() != null ? Npy.readInt32(l.bias()) : TestbenchNetwork.randomInt32(rnd, conv.outputChannels())));
        }
        return new TestbenchNetwork(network.getFileName() + ", seed " + seed, spec,
                NetworkInputs.randomInput(spec.input().tensorShape(), seed), tensors);
    }
}
