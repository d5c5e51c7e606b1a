package org.jdpu.cli;

import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.io.UserError;

import org.jdpu.cosim.Cosim;
import org.jdpu.cosim.CosimResult;
import org.jdpu.cases.LayerCase;
import org.jdpu.cases.RandomConvLayers;
import org.jdpu.cases.RandomNetworks;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.cosim.net.NetCosimResult;
import org.jdpu.runtime.EngineHangException;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.UnsupportedByEngineException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** {@code dpu regress}: constrained-random layers on every configuration, each reproducible from its seed. */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = {"Constrained-random conv2d layers through the Verilated engine on each configuration, every "
                + "output compared with the golden model and every run's cycles with the cycle model; with --networks, "
                + "also random conv2d chains and graphs (branches, a concat, two outputs) through the network engine, every "
                + "layer compared with the golden model and the instruction-set simulator and the cycles with the whole-program cycle model.",
                "Layer i uses seed SEED+i on every configuration; rerun one with --seed <its seed> --layers 1.",
                "Exits 1 if any layer mismatches."})
public final class RegressCommand implements Runnable {

    @Option(names = "--arch", paramLabel = "A", split = ",",
            description = "configurations, comma separated (default: all presets)")
    List<String> archs;

    @Option(names = "--layers", paramLabel = "N", description = "random layers per configuration (default: ${DEFAULT-VALUE})")
    int layers = 50;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the first layer (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--networks", paramLabel = "N",
            description = "also N random conv2d networks per configuration through the network engine from one START "
                    + "(seeds 2 and 3 mod 4 are graphs with branches, a concat and two outputs, the others chains), every "
                    + "other one under DDR stress (default: ${DEFAULT-VALUE})")
    int networks = 0;

    @Option(names = "--verbose", description = "print a line for every layer, not only failures")
    boolean verbose;

    @Option(names = "--wave-dir", paramLabel = "DIR",
            description = "rerun each failing layer with waveform tracing into DIR/<arch>-seed<N>.fst; DIR is "
                    + OutputHelp.DIRECTORY)
    Path waveDir;

    @Override
    public void run() {
        if (layers < 1) throw new UserError("--layers must be at least 1, got " + layers);
        List<DpuConfig> configs = archs == null
                ? Arrays.stream(Preset.values()).map(Preset::config).toList()
                : archs.stream().map(Engines::arch).toList();
        System.out.printf("regress: %d random layers (seeds %d..%d) on %s%n", layers, seed, seed + layers - 1,
                configs.stream().map(DpuConfig::name).toList());
        int passed = 0, skipped = 0;
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (DpuConfig c : configs) {
            int cPassed = 0, cSkipped = 0, cFailed = 0;
            try (EngineSession session = Engines.open(c, null)) {
                ProgressPrinter progress = new ProgressPrinter("regress " + c.name());
                for (int i = 0; i < layers; i++) {
                    long s = seed + i;
                    progress.update("layers", i, layers);
                    LayerCase lc = RandomConvLayers.draw(s);
                    String what = String.format(Locale.ROOT, "%s seed=%d %s", c.name(), s, lc.name());
                    try {
                        CosimResult r = Cosim.run(session, lc.name(), lc.origin(), lc.spec(), lc.operands(),
                                compile(c, lc), Progress.NONE);
                        if (r.passed()) {
                            cPassed++;
                            if (verbose) {
                                progress.done();
                                System.out.printf(Locale.ROOT, "ok   %s cycles=%d utilization=%.3f%n", what,
                                        r.run().computeCycles(), r.run().utilization());
                            }
                        } else {
                            cFailed++;
                            failures.add(what + ": " + r.failure());
                            progress.done();
                            System.out.println("FAIL " + what + ": " + r.failure());
                            recordWave(c, lc);
                        }
                    } catch (UnsupportedByEngineException e) {
                        cSkipped++;
                        if (verbose) {
                            progress.done();
                            System.out.println("skip " + what + ": " + e.getMessage());
                        }
                    } catch (EngineHangException e) {
                        cFailed++;
                        failures.add(what + ": " + e.getMessage());
                        progress.done();
                        System.out.println("FAIL " + what + ": " + e.getMessage());
                        recordWave(c, lc);
                    }
                }
                progress.done();
            }
            passed += cPassed;
            skipped += cSkipped;
            System.out.printf("%-8s %d passed, %d failed, %d skipped (beyond this configuration's buffers)%n",
                    c.name(), cPassed, cFailed, cSkipped);
        }
        System.out.printf(Locale.ROOT, "regress: %d layers passed, %d failed, %d skipped in %.0f s%n", passed,
                failures.size(), skipped, (System.nanoTime() - t0) / 1e9);
        if (networks > 0) failures.addAll(networks(configs));
        if (!failures.isEmpty()) {
            throw new UserError(failures.size() + " layers or networks failed; first: " + failures.getFirst()
                    + (waveDir == null ? "; rerun one with --arch <a> --seed <n> --layers 1 --wave-dir DIR" : ""), 1, null);
        }
    }

    /** Random networks on every configuration through the network engine; returns the failures. */
    private List<String> networks(List<DpuConfig> configs) {
        List<String> failures = new ArrayList<>();
        int passed = 0, skipped = 0;
        long t0 = System.nanoTime();
        System.out.printf("regress: %d random networks (seeds %d..%d) on %s%n", networks, seed, seed + networks - 1,
                configs.stream().map(DpuConfig::name).toList());
        for (DpuConfig c : configs) {
            int cPassed = 0, cSkipped = 0, cFailed = 0;
            ProgressPrinter progress = new ProgressPrinter("regress networks " + c.name());
            for (int i = 0; i < networks; i++) {
                long s = seed + i;
                progress.update("networks", i, networks);
                // Seeds 2 and 3 mod 4 draw graphs (branches, a concat, two outputs), so the seed alone says which.
                boolean graph = Math.floorMod(s, 4L) >= 2;
                RandomNetworks net = graph ? RandomNetworks.drawGraph(s, NetworkCompiler.concatChannelGroup(c))
                        : RandomNetworks.draw(s);
                boolean stress = i % 2 == 1;
                String what = String.format(Locale.ROOT, "%s network seed=%d (%d layers%s%s)", c.name(), s,
                        net.spec().layers().size(), graph ? ", graph" : "", stress ? ", stress" : "");
                List<LayerTensors> tensors = LayerTensors.of(net.operands());
                NetCosim.Options o = stress ? NetCosim.Options.defaults().withStress(s) : NetCosim.Options.defaults();
                try {
                    NetCosimResult r = NetCosim.run(c, AxiConfig.DEFAULT, net.spec(), net.input(), tensors, o, null);
                    boolean modelled = stress || r.predictedCycles() == r.run().cycles();
                    if (r.passed() && modelled) {
                        cPassed++;
                        if (verbose) {
                            progress.done();
                            System.out.println("ok   " + what + " " + r.resultLine());
                        }
                    } else {
                        cFailed++;
                        String why = r.passed() ? "cycles " + r.run().cycles() + " but the model predicts " + r.predictedCycles()
                                : r.mismatches().isEmpty() ? r.resultLine() : r.mismatches().getFirst().toString();
                        failures.add(what + ": " + why);
                        progress.done();
                        System.out.println("FAIL " + what + ": " + why);
                    }
                } catch (UnsupportedByEngineException e) {
                    cSkipped++;
                    if (verbose) {
                        progress.done();
                        System.out.println("skip " + what + ": " + e.getMessage());
                    }
                } catch (EngineHangException e) {
                    cFailed++;
                    failures.add(what + ": " + e.getMessage());
                    progress.done();
                    System.out.println("FAIL " + what + ": " + e.getMessage());
                }
            }
            progress.done();
            passed += cPassed;
            skipped += cSkipped;
            System.out.printf("%-8s %d networks passed, %d failed, %d skipped (beyond this configuration's buffers)%n",
                    c.name(), cPassed, cFailed, cSkipped);
        }
        System.out.printf(Locale.ROOT, "regress: %d networks passed, %d failed, %d skipped in %.0f s%n", passed,
                failures.size(), skipped, (System.nanoTime() - t0) / 1e9);
        return failures;
    }

    private static Program compile(DpuConfig c, LayerCase lc) {
        return Compiler.compile(c, lc.spec(), lc.operands().input(), lc.operands().weights(), lc.operands().bias());
    }

    /** Reruns a failing layer on a tracing model of the same configuration, if asked to. */
    private void recordWave(DpuConfig c, LayerCase lc) {
        if (waveDir == null) return;
        Path wave = waveDir.resolve(c.fileName() + "-seed" + lc.seed() + ".fst");
        try {
            Files.createDirectories(waveDir);
        } catch (IOException e) {
            throw new UserError("cannot create " + waveDir + ": " + e.getMessage(), e);
        }
        try (EngineSession traced = Engines.open(c, wave)) {
            Cosim.run(traced, lc.name(), lc.origin(), lc.spec(), lc.operands(), compile(c, lc), Progress.NONE);
        } catch (EngineHangException e) {
            // the waveform up to the hang is what the user needs
        }
        System.out.println("     waveform: " + wave);
    }
}
