package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.cases.CustomNetConvs;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.cosim.net.NetCosimResult;
import org.jdpu.cosim.net.NetModels;
import org.jdpu.io.OutputDirectory;
import org.jdpu.io.UserError;
import org.jdpu.memory.DdrTiming;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Trace;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.tensor.Int8Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dpu demo-convs}: the seed CustomNet's convolutions at full size on the network engine. Builds the seed CustomNet's three 5x5 convolutions as
 * one network ({@link CustomNetConvs}), compiles it, runs it on the Verilated network engine from
 * one START against the simulated DDR at the ZCU102 HP-port timing, checks every layer's output
 * against the golden model and the instruction-set simulator and the cycles against the
 * whole-program cycle model, and prints per-layer figures, totals and frames/s at 300 MHz. The
 * largest preset is added from the whole-program cycle model alone: its cosimulation takes minutes.
 */
@Command(name = "demo-convs", mixinStandardHelpOptions = true,
        description = {"Run the seed CustomNet's three 5x5 convolutions (224x224x3 -> 32 -> 64 -> 128, strides 4 where "
                + "CustomNet pools) as one network on the Verilated network engine from one START, with the simulated "
                + "DDR at the ZCU102 HP-port timing; check every layer's output against the golden model and the "
                + "instruction-set simulator and the cycles against the whole-program cycle model; print per layer "
                + "compute, total and stall cycles, DDR bytes and utilisation, the totals and frames/s at 300 MHz, "
                + "and the same figures for B4096 from the cycle model (not simulated).",
                "Exits 1 on a mismatch, a fault or cycles that differ from the model."})
public final class ConvDemoCommand implements Runnable {
    /** The built-in default: the smallest preset, which verilates and simulates in seconds. */
    static final String DEFAULT_ARCH = Preset.B512.name();
    static final DdrTiming TIMING = PerfTable.TIMING;
    /** Shown from the cycle model: cosimulating the largest preset takes minutes, too long for a demo. */
    static final Preset MODELLED = Preset.B4096;

    @Option(names = "--arch", paramLabel = "A", description = "configuration to simulate (default: ${DEFAULT-VALUE}); "
            + Engines.ARCH_HELP)
    String arch = DEFAULT_ARCH;

    @Option(names = "--size", paramLabel = "N",
            description = "input height and width, a multiple of 16 in 16..1024 (default ${DEFAULT-VALUE}); "
                    + "the layers' outputs are NxN, N/4xN/4 and N/16xN/16")
    int size = 224;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the input, weights and biases (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write each layer's output as the engine wrote it to DIR/<layer>.npy, " + OutputHelp.DIRECTORY)
    Path out;

    @Override
    public void run() {
        ExampleCommand.checkSize(size);
        DpuConfig config = Engines.arch(arch);
        // Opened first, so an unusable --out fails before the simulation rather than after it.
        try (OutputDirectory dir = out == null ? null : OutputDirectory.replacing(out)) {
            run(config, dir);
        }
    }

    private void run(DpuConfig config, OutputDirectory dir) {
        CustomNetConvs net = CustomNetConvs.of(size, seed);
        List<LayerTensors> tensors = LayerTensors.of(net.operands());
        System.out.println("jdpu demo-convs: the seed CustomNet's three 5x5 convolutions as one network, " + shapes(net.spec())
                + ", seed " + seed);
        System.out.println("   engine: " + config.describe());
        System.out.println("   memory: one " + AxiConfig.DEFAULT.dataBits() + "-bit AXI data port to DDR at the ZCU102 "
                + "HP-port timing: " + TIMING);

        long t0 = System.nanoTime();
        List<Int8Tensor> golden = NetCosim.golden(net.spec(), net.input(), tensors);
        NetProgram program = NetworkCompiler.compile(config, net.spec(), net.input(), tensors,
                NetworkCompiler.Workspace.KEEP_ALL);
        long predicted = PerfTable.schedule(program).total();
        System.out.printf(Locale.ROOT, "1. golden model and compiler in %.1f s: %,d instructions, %,d cycles predicted%n",
                seconds(t0), program.instructions().size(), predicted);

        t0 = System.nanoTime();
        CompiledModel model = NetModels.compiled(config, AxiConfig.DEFAULT, Trace.NONE);
        System.out.printf(Locale.ROOT, "2. network engine verilated in %.1f s (%s)%n", seconds(t0),
                model.fromCache() ? "from the model cache" : "built now, cached for next time");

        ProgressPrinter progress = new ProgressPrinter("   running " + config.name());
        NetCosimResult r;
        try {
            r = NetCosim.run(program, golden, AxiConfig.DEFAULT, NetCosim.Options.defaults().withTiming(TIMING),
                    cycles -> progress.update("cycles", cycles, predicted));
        } finally {
            progress.done();
        }
        System.out.printf(Locale.ROOT, "3. ran on the RTL from one START in %.1f s (%,.0f cycles/s); every layer's output "
                + "compared byte for byte with the golden model and the instruction-set simulator:%n",
                r.simSeconds(), r.run().cycles() / r.simSeconds());
        System.out.print(PerfTable.table(net.spec(), r.layers(), r.run().cycles(), PerfTable::verdict));
        System.out.println(PerfTable.summary(config.name() + " on the RTL", r.run().cycles(), r.computeCycles(), r.idealCycles())
                + (r.predictedCycles() == r.run().cycles() ? ", equal to the cycle model"
                : String.format(Locale.ROOT, ", but the cycle model predicts %,d", r.predictedCycles())));

        if (!config.equals(MODELLED.config())) {
            t0 = System.nanoTime();
            String table = PerfTable.modelled(MODELLED.config(), net.spec(), net.input(), tensors);
            System.out.printf(Locale.ROOT, "4. %s by the whole-program cycle model (compiled the same way, not simulated; "
                    + "%.1f s):%n", MODELLED.name(), seconds(t0));
            System.out.print(table);
        }
        if (dir != null) {
            NetworkCosimRun.writeOutputs(r, List.of(), dir);
            System.out.println("   layer outputs: " + out + "/{" + String.join(",",
                    program.layers().stream().map(NetProgram.LayerInfo::name).toList()) + "}.npy");
        }
        System.out.println(r.resultLine());
        NetworkCosimRun.check(r, null, null);
        if (r.predictedCycles() != r.run().cycles()) {
            throw new UserError("the RTL took " + r.run().cycles() + " cycles, the whole-program cycle model predicts "
                    + r.predictedCycles(), 1, null);
        }
    }


    private static String shapes(NetworkSpec spec) {
        List<String> s = new ArrayList<>();
        for (NetworkSpec.Layer l : spec.layers()) s.add(l.name() + " " + PerfTable.shape(l.spec()));
        return String.join(", ", s);
    }

    private static double seconds(long since) {
        return PerfTable.seconds(since);
    }
}
