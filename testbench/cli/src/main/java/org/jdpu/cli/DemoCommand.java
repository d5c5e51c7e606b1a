package org.jdpu.cli;

import org.jdpu.io.UserError;

import org.jdpu.cosim.Cosim;
import org.jdpu.cosim.CosimResult;
import org.jdpu.cosim.EngineModels;
import org.jdpu.cases.LayerCase;
import org.jdpu.compiler.ChannelAugmentation;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.EngineLayer;
import org.jdpu.compiler.Program;
import org.jdpu.runtime.EngineSession;
import org.jdpu.compiler.Lowering;
import org.jdpu.flow.DesignSources;
import org.jdpu.flow.GeneratedDesign;
import org.jdpu.io.IoErrors;
import org.jdpu.io.OutputDirectory;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.sim.CompiledModel;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dpu demo}: the main job end to end on the built-in default configuration. Generates the
 * engine's Verilog, verilates it, runs the three 5x5 convolutions of the seed CustomNet through it
 * with random but realistic weights, checks every output byte against the golden model and every
 * run's cycles against the cycle model, and prints a per-layer performance table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate and verilate the default engine, run the seed CustomNet's three 5x5 convolutions "
                + "(224x224x3->32, 56x56x32->64, 14x14x64->128) through it, check every output bit-exactly and "
                + "print cycles, ideal cycles, utilisation and frames/s at 300 MHz (RTL on the default "
                + "configuration, cycle model on B4096)."})
public final class DemoCommand implements Runnable {
    /** The built-in default: the smallest preset, which verilates in seconds. */
    static final String DEFAULT_ARCH = Preset.B512.name();
    static final double CLOCK_MHZ = 300;
    /** The first layer's side is at least this, so the third layer (N/16) is at least 1x1. */
    static final int MIN_SIZE = 16;
    /**
     * Larger first layers need gigabytes of heap for the golden model's accumulators and the
     * outputs, and hours of RTL simulation; the demo is a demonstration, not a stress test.
     */
    static final int MAX_SIZE = 1024;

    @Option(names = "--arch", paramLabel = "A", description = "configuration (default: ${DEFAULT-VALUE})")
    String arch = DEFAULT_ARCH;

    @Option(names = "--size", paramLabel = "N",
            description = "input height and width of the first layer, " + MIN_SIZE + ".." + MAX_SIZE
                    + " (default ${DEFAULT-VALUE}); the others get N/4 and N/16")
    int size = 224;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the random tensors (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--no-augment",
            description = "map every layer as written (no channel augmentation of the first layer), for comparison")
    boolean noAugment;

    @Option(names = "--out", paramLabel = "DIR", description = "keep the generated Verilog in DIR, " + OutputHelp.DIRECTORY
            + " (default: a temporary directory)")
    Path out;

    @Override
    public void run() {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new UserError("--size must be in " + MIN_SIZE + ".." + MAX_SIZE + ", got " + size);
        }
        DpuConfig config = Engines.arch(arch);
        DpuConfig big = Preset.B4096.config();
        List<LayerCase> layers = layers();
        Lowering.Policy policy = noAugment ? Lowering.Policy.DIRECT_ONLY : Lowering.Policy.FASTEST;
        System.out.println("jdpu demo: the seed CustomNet's three 5x5 convolutions on " + config.describe());
        if (size != 224) System.out.println("  (spatial size scaled down: first layer " + size + "x" + size + ")");

        Path tmp = null;
        try {
            Path dir = out;
            if (dir == null) {
                tmp = Files.createTempDirectory("jdpu-demo-");
                dir = tmp.resolve(config.fileName());
            }
            long t0 = System.nanoTime();
            DesignSources sources = GeneratedDesign.writeCore(config, dir);
            System.out.printf(Locale.ROOT, "1. generated %d Verilog files (top %s) in %.2f s -> %s%n",
                    sources.files().size(), GeneratedDesign.CORE, seconds(t0), out == null ? "(temporary)" : dir);
            t0 = System.nanoTime();
            CompiledModel model = EngineModels.compiledFrom(config, sources.files());
            System.out.printf(Locale.ROOT, "2. verilated in %.1f s (%s)%n", seconds(t0),
                    model.fromCache() ? "from the model cache" : "built now, cached for next time");
            System.out.println("3. running " + layers.size() + " layers through the RTL, every output byte checked "
                    + "against the golden model:");
            List<String[]> rows = new ArrayList<>();
            long sumCycles = 0, sumBig = 0, sumTotal = 0;
            double sumIdeal = 0;
            boolean allPassed = true;
            try (EngineSession session = new EngineSession(config, model.open())) {
                for (LayerCase lc : layers) {
                    ProgressPrinter progress = new ProgressPrinter("  " + lc.name());
                    long t1 = System.nanoTime();
                    Program program = Compiler.compile(config, lc.spec(), lc.operands().input(),
                            lc.operands().weights(), lc.operands().bias(), policy);
                    CosimResult r = Cosim.run(session, lc.name(), lc.origin(), lc.spec(), lc.operands(), program,
                            progress);
                    progress.done();
                    ConvGeometry written = EngineLayer.of(lc.spec()).geometry();
                    var estimate = CycleModel.estimate(big, ChannelAugmentation.choose(big, written, policy).geometry());
                    int runs = program.runs().size();
                    allPassed &= r.passed();
                    System.out.printf(Locale.ROOT, "   %-22s %s  (%d runs, %.1f s)%n", LayerCase.describe(lc.spec()),
                            r.passed() ? "bit-exact, cycles as modelled" : "FAILED: " + r.failure(), runs, seconds(t1));
                    sumCycles += r.run().computeCycles();
                    sumTotal += r.run().totalCycles();
                    sumIdeal += r.run().idealCycles();
                    sumBig += estimate.computeCycles();
                    rows.add(row(lc.name(), r.run().lowering().label(), r.run().computeCycles(), r.run().totalCycles(),
                            r.run().idealCycles(), r.mismatches(), estimate.computeCycles(),
                            (double) written.macs() / big.macsPerCycle() / estimate.computeCycles()));
                }
            }
            rows.add(row("network", "", sumCycles, sumTotal, sumIdeal, -1, sumBig, sumIdeal * config.macsPerCycle()
                    / big.macsPerCycle() / sumBig));
            printTable(config, rows);
            if (!allPassed) throw new UserError("the engine disagreed with the golden model or the cycle model", 1, null);
        } catch (IOException e) {
            throw new UserError("cannot create a temporary directory: " + IoErrors.describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    OutputDirectory.deleteTree(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary directory is harmless
                }
            }
        }
    }

    private List<LayerCase> layers() {
        int[][] shapes = {{size, 3, 32}, {size / 4, 32, 64}, {size / 16, 64, 128}};
        List<LayerCase> cases = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            int hw = shapes[i][0], ic = shapes[i][1], oc = shapes[i][2];
            Conv2dSpec spec = LayerCase.conv(hw, hw, ic, oc, 5, 5, 1, 1, 1, 1, new Padding(2, 2, 2, 2),
                    LayerCase.realisticQuant(5, 5, ic), Activation.RELU);
            cases.add(LayerCase.draw("conv" + (i + 1), seed + i, spec, LayerCase.Weights.REALISTIC));
        }
        return cases;
    }

    private static String[] row(String name, String lowering, long cycles, long total, double ideal, long mismatches,
                                long bigCycles, double bigUtil) {
        return new String[] {name, lowering, String.format(Locale.ROOT, "%,d", cycles), String.format(Locale.ROOT, "%,d", total),
                String.format(Locale.ROOT, "%,.0f", ideal), String.format(Locale.ROOT, "%.3f", ideal / cycles),
                String.format(Locale.ROOT, "%,.1f", CLOCK_MHZ * 1e6 / cycles),
                String.format(Locale.ROOT, "%,d", bigCycles), String.format(Locale.ROOT, "%.3f", bigUtil),
                String.format(Locale.ROOT, "%,.1f", CLOCK_MHZ * 1e6 / bigCycles),
                mismatches < 0 ? "" : Long.toString(mismatches)};
    }

    private static void printTable(DpuConfig config, List<String[]> rows) {
        String[] head = {"layer", "lowering", "cycles", "total", "ideal", "util", "fps@300MHz", "B4096 cycles",
                "B4096 util", "B4096 fps", "mismatches"};
        System.out.println();
        System.out.println("   " + config.name() + ": measured on the RTL (cycles = compute, total = with loads and "
                + "read-back; ideal and util count the layer's own MACs); B4096: cycle model, lowering chosen the "
                + "same way");
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] r : rows) w[i] = Math.max(w[i], r[i].length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, w);
        for (String[] r : rows) line(sb, r, w);
        System.out.print(sb);
    }

    private static void line(StringBuilder sb, String[] cells, int[] w) {
        sb.append("   ");
        for (int i = 0; i < cells.length; i++) {
            String f = i == 0 ? "%-" + w[i] + "s" : "%" + w[i] + "s";
            sb.append(String.format(f, cells[i])).append(i + 1 < cells.length ? "  " : "\n");
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
