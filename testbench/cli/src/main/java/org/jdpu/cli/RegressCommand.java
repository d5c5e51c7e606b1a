package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.cases.LayerCase;
import org.jdpu.cases.RandomConvLayers;
import org.jdpu.compiler.Compiler;
import org.jdpu.cosim.Cosim;
import org.jdpu.io.AtomicFile;
import org.jdpu.io.UserError;
import org.jdpu.regress.CaseResult;
import org.jdpu.regress.RegressCase;
import org.jdpu.regress.RegressPlan;
import org.jdpu.regress.RegressReport;
import org.jdpu.regress.RegressRunner;
import org.jdpu.regress.Shard;
import org.jdpu.runtime.EngineHangException;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code dpu regress}: constrained-random layers and networks on every configuration, each
 * reproducible from its seed; {@code --shard K/N} runs one of N disjoint slices and
 * {@code --merge} combines the slices' summaries. Every tally comes from the case results.
 */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = {"Constrained-random conv2d layers (on a +tflite configuration, every other one in TFLite's "
                + "multiplier mode) through the Verilated engine on each configuration, every "
                + "output compared with the golden model and every run's cycles with the cycle model; with --networks, "
                + "also random conv2d chains, chains with pools and residual adds, chains mixing every operator, and "
                + "graphs (branches, a concat, two outputs) through the network engine, every "
                + "layer compared with the golden model and the instruction-set simulator and the cycles with the "
                + "whole-program cycle model.",
                "Layer i uses seed SEED+i on every configuration; rerun one with --seed <its seed> --layers 1.",
                "--shard K/N runs the K-th of N disjoint slices (round robin over the case list), for a CI matrix or a "
                        + "batch array job; --junit and --summary write JUnit XML and a JSON summary; --merge S1 S2 ... "
                        + "checks that the shards' summaries are disjoint and complete and combines them.",
                "Exits 1 if any case fails (or, with --merge, failed), 2 on bad input or an incomplete merge."})
public final class RegressCommand implements Runnable {

    /** Commas separate configurations, except those inside a buffer-depth list ({@code :act=64,wgt=64}). */
    @Option(names = "--arch", paramLabel = "A", split = ",(?![a-z]+=)", splitSynopsisLabel = ",",
            description = "configurations, comma separated, e.g. B512,3x5x7:act=64,wgt=64 (default: all presets)")
    List<String> archs;

    @Option(names = "--layers", paramLabel = "N", description = "random layers per configuration, 0 or more (default: ${DEFAULT-VALUE})")
    int layers = 50;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the first layer and network (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--networks", paramLabel = "N",
            description = "also N random networks per configuration through the network engine from one START "
                    + "(seeds 2 and 3 mod 5 are graphs with branches, a concat and two outputs, 1 mod 5 chains with pools "
                    + "and adds, 4 mod 5 chains mixing every operator, 0 mod 5 conv2d chains), every "
                    + "other one under DDR stress (default: ${DEFAULT-VALUE})")
    int networks = 0;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "run only the K-th of N disjoint slices of the cases, 1 <= K <= N (default: all)")
    String shard;

    @Option(names = "--junit", paramLabel = "FILE", description = "write the results as JUnit XML, " + OutputHelp.FILE)
    Path junit;

    @Option(names = "--summary", paramLabel = "FILE",
            description = "write the results as a JSON summary (format jdpu-regress) that --merge reads, " + OutputHelp.FILE)
    Path summary;

    @Option(names = "--merge", paramLabel = "S.json", arity = "1..*",
            description = "run nothing: combine the summaries of every shard of one regression (checked disjoint and "
                    + "complete), print the totals and write --junit and --summary for the whole")
    List<Path> merge;

    @Option(names = "--verbose", description = "print a line for every case, not only failures")
    boolean verbose;

    @Option(names = "--wave-dir", paramLabel = "DIR",
            description = "rerun each failing layer with waveform tracing into DIR/<arch>-seed<N>.fst; DIR is "
                    + OutputHelp.DIRECTORY)
    Path waveDir;

    @Spec
    CommandSpec spec;

    /** The options that describe a run, which a merge takes from the summaries instead. */
    private static final List<String> RUN_OPTIONS = List.of("--arch", "--layers", "--networks", "--seed", "--shard",
            "--wave-dir");

    @Override
    public void run() {
        // Unwritable outputs fail before hours of simulation, not after.
        for (Path p : new Path[] {junit, summary}) if (p != null) checkWritable(p);
        if (merge != null) {
            merge();
            return;
        }
        RegressPlan plan = plan();
        Shard slice = shard == null ? Shard.ALL : Shard.parse(shard);
        List<RegressCase> cases = slice.select(plan.cases());
        System.out.printf("regress%s: %d of %d cases (%d layers and %d networks per configuration, seeds from %d) on %s%n",
                slice.count() == 1 ? "" : " shard " + slice, cases.size(), plan.size(), layers, networks, seed, plan.archs());
        long t0 = System.nanoTime();
        List<CaseResult> results = new ArrayList<>();
        ProgressPrinter progress = new ProgressPrinter("regress");
        try (RegressRunner runner = new RegressRunner(c -> Engines.open(c, null))) {
            for (RegressCase c : cases) {
                progress.update("cases", results.size(), cases.size());
                CaseResult r = runner.run(c);
                results.add(r);
                if (r.bad() || verbose) {
                    progress.done();
                    System.out.println(line(r));
                }
                if (r.status() == CaseResult.Status.FAILED && c.kind() == RegressCase.Kind.LAYER) recordWave(c);
            }
        } finally {
            progress.done();
        }
        RegressReport report = new RegressReport(plan, slice, results);
        printTallies(report);
        System.out.printf(Locale.ROOT, "regress: %s in %.0f s%n", RegressReport.tally(results), (System.nanoTime() - t0) / 1e9);
        write(report);
        if (!report.ok()) {
            CaseResult first = report.bad().getFirst();
            throw new UserError(report.bad().size() + " cases failed; first: " + first.regressCase() + ": " + first.message()
                    + (waveDir == null ? "; rerun one with --arch <a> --seed <n> --layers 1 --wave-dir DIR" : ""), 1, null);
        }
    }

    private RegressPlan plan() {
        List<String> names = archs == null
                ? Arrays.stream(Preset.values()).map(Preset::name).toList()
                : archs.stream().map(a -> Engines.arch(a).name()).toList();
        try {
            return new RegressPlan(names, seed, layers, networks);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private void merge() {
        List<String> given = RUN_OPTIONS.stream().filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o)).toList();
        if (!given.isEmpty()) {
            throw new UserError("--merge combines finished shards, whose summaries hold the plan: " + String.join(", ", given)
                    + (given.size() == 1 ? " is" : " are") + " for a run");
        }
        List<RegressReport> reports = merge.stream().map(RegressReport::readSummary).toList();
        RegressReport whole = RegressReport.merge(merge.stream().map(Path::toString).toList(), reports);
        System.out.printf("regress --merge: %d shards of %d cases (%s)%n", reports.size(), whole.plan().size(), whole.plan());
        for (CaseResult r : whole.results()) if (r.bad() || verbose) System.out.println(line(r));
        printTallies(whole);
        System.out.println("regress --merge: " + RegressReport.tally(whole.results()));
        write(whole);
        if (!whole.ok()) {
            throw new UserError(whole.bad().size() + " cases failed; first: " + whole.bad().getFirst().regressCase() + ": "
                    + whole.bad().getFirst().message(), 1, null);
        }
    }

    /** Per configuration and kind, from the results. */
    private static void printTallies(RegressReport report) {
        for (RegressCase.Kind kind : RegressCase.Kind.values()) {
            for (String arch : report.plan().archs()) {
                List<CaseResult> rs = report.of(kind, arch);
                if (rs.isEmpty()) continue;
                System.out.printf("%-8s %-8s %s%s%n", arch, kind.label() + "s", RegressReport.tally(rs),
                        rs.stream().anyMatch(r -> r.status() == CaseResult.Status.SKIPPED)
                                ? " (skipped: beyond this configuration's buffers)" : "");
            }
        }
    }

    private static String line(CaseResult r) {
        String word = switch (r.status()) {
            case PASSED -> "ok   ";
            case FAILED -> "FAIL ";
            case ERROR -> "ERROR";
            case SKIPPED -> "skip ";
        };
        return word + " " + r.regressCase() + (r.drawn().isEmpty() ? "" : " (" + r.drawn() + ")") + ": " + r.message();
    }

    private void write(RegressReport report) {
        if (junit != null) {
            report.writeJunit(junit);
            System.err.println("junit: " + junit);
        }
        if (summary != null) {
            report.writeSummary(summary);
            System.err.println("summary: " + summary);
        }
    }

    private static void checkWritable(Path file) {
        String problem = AtomicFile.problem(file);
        if (problem != null) throw new UserError("cannot write " + file + ": " + problem);
    }

    /** Reruns a failing layer on a tracing model of the same configuration, if asked to. */
    private void recordWave(RegressCase c) {
        if (waveDir == null) return;
        DpuConfig config = Engines.arch(c.arch());
        LayerCase lc = RandomConvLayers.draw(c.seed());
        Path wave = waveDir.resolve(config.fileName() + "-seed" + lc.seed() + ".fst");
        try {
            Files.createDirectories(waveDir);
        } catch (IOException e) {
            throw new UserError("cannot create " + waveDir + ": " + e.getMessage(), e);
        }
        try (EngineSession traced = Engines.open(config, wave)) {
            Cosim.run(traced, lc.name(), lc.origin(), lc.spec(), lc.operands(), Compiler.compile(config, lc.spec(),
                    lc.operands().input(), lc.operands().weights(), lc.operands().bias()), Progress.NONE);
        } catch (EngineHangException e) {
            // the waveform up to the hang is what the user needs
        }
        System.out.println("     waveform: " + wave);
    }
}
