package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.dse.Candidate;
import org.jdpu.dse.DesignSpace;
import org.jdpu.dse.Device;
import org.jdpu.dse.DseReport;
import org.jdpu.dse.NetworkExplorer;
import org.jdpu.dse.Outcome;
import org.jdpu.dse.ResourceModel;
import org.jdpu.dse.ShardMerge;
import org.jdpu.dse.SynthFormat;
import org.jdpu.dse.SynthSample;
import org.jdpu.io.UserError;
import org.jdpu.regress.Shard;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The options and the run of {@code dpu dse --network}: the design space from the axis lists, the
 * exploration, the configurations that fit the device, the ranking and the report.
 */
final class NetworkDse {
    @Option(names = "--network", paramLabel = "N.json", description = "explore this network (conv2d, pools, add, concat; an imported model's network.json too)")
    Path network;

    @Option(names = "--device", paramLabel = "D", description = "keep configurations that fit this device: zu3eg, zu5ev, zu7ev, zu9eg or k26")
    String device;

    @Option(names = "--margin", paramLabel = "F", description = "with --device, the share of each resource a configuration may use (default ${DEFAULT-VALUE})")
    double margin = 0.8;

    @Option(names = "--report", paramLabel = "DIR", description = "write dse.csv, dse.json, the plots (PNG, SVG) and report.html into DIR, " + OutputHelp.DIRECTORY + "; an existing DIR is replaced only if it holds a report.html")
    Path report;

    @Option(names = "--pp", split = ",", paramLabel = "N", description = "PP values (default ${DEFAULT-VALUE})")
    List<Integer> pp = List.of(2, 4, 8);

    @Option(names = "--icp", split = ",", paramLabel = "N", description = "ICP values (default ${DEFAULT-VALUE})")
    List<Integer> icp = List.of(4, 8, 12, 16);

    @Option(names = "--ocp", split = ",", paramLabel = "N", description = "OCP values (default ${DEFAULT-VALUE})")
    List<Integer> ocp = List.of(4, 8, 12, 16);

    @Option(names = "--act-depth", split = ",", paramLabel = "W", description = "activation bank depths in words (default ${DEFAULT-VALUE})")
    List<Integer> actDepth = List.of(DpuConfig.DEFAULT_ACT_BANK_DEPTH);

    @Option(names = "--wgt-depth", split = ",", paramLabel = "W", description = "weight bank depths in words (default ${DEFAULT-VALUE})")
    List<Integer> wgtDepth = List.of(DpuConfig.DEFAULT_WEIGHT_BANK_DEPTH);

    @Option(names = "--dsp", split = ",", paramLabel = "OPT", description = "DSP options: none, pack, dsp2x, pack+dsp2x (default ${DEFAULT-VALUE})")
    List<String> dsp = List.of("none", "pack+dsp2x");

    @Option(names = "--axi-bits", split = ",", paramLabel = "B", description = "AXI data widths in bits (default ${DEFAULT-VALUE})")
    List<Integer> axiBits = List.of(128);

    @Option(names = "--ddr-latency", split = ",", paramLabel = "C", description = "DDR read latencies in cycles (default ${DEFAULT-VALUE}, the ZCU102 HP port's)")
    List<Integer> ddrLatency = List.of(40);

    @Option(names = "--ddr-beat-gap", split = ",", paramLabel = "G", description = "DDR beat gaps in 1/16 cycle per beat, the bandwidth (default ${DEFAULT-VALUE})")
    List<Integer> ddrBeatGap = List.of(2);

    @Option(names = "--samples", paramLabel = "CSV", description = "synthesis sample for the LUT/FF fit (default: the committed one)")
    Path samples;

    @Option(names = "--shard", paramLabel = "K/N", description = "evaluate only the K-th of N equal parts of the space")
    String shard;

    @Option(names = "--merge", arity = "1..*", paramLabel = "CSV",
            description = "combine the shards' dse.csv files (same network and axis options, every shard once) instead of exploring")
    List<Path> merge;

    @Option(names = "--screen-margin", paramLabel = "F", description = "time exactly only the candidates whose screened frames/s "
            + "are within this share of a Pareto front (default ${DEFAULT-VALUE}); the others keep the analytic screen's figures; "
            + "-1 times every candidate exactly")
    double screenMargin = NetworkExplorer.DEFAULT_SCREEN_MARGIN;

    @Option(names = "--exact-limit", paramLabel = "N", description = "time at most N candidates exactly, the nearest to a front first (default ${DEFAULT-VALUE})")
    int exactLimit = NetworkExplorer.DEFAULT_EXACT_LIMIT;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the drawn input (default ${DEFAULT-VALUE}; cycles do not depend on values)")
    long seed = 1;

    boolean active() {
        return network != null;
    }

    void run(int maxMacs, double clockMhz, int top) {
        if (!(margin > 0 && margin <= 1)) throw new UserError("--margin must be in (0, 1], got " + margin);
        if (exactLimit < 1) throw new UserError("--exact-limit must be at least 1, got " + exactLimit);
        Device dev = device == null ? null : Device.parse(device);
        checkReportDirectory();
        DesignSpace space;
        try {
            space = new DesignSpace(pp, icp, ocp, actDepth, wgtDepth, dsp.stream().map(NetworkDse::dspBits).toList(),
                    axiBits.stream().map(NetworkDse::axiBytes).toList(), ddrLatency, ddrBeatGap, maxMacs);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        List<Candidate> candidates;
        try {
            candidates = space.candidates();
        } catch (IllegalArgumentException e) {
            throw new UserError("design space: " + e.getMessage());
        }
        Shard part;
        try {
            part = shard == null ? Shard.ALL : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UserError("--shard: " + e.getMessage());
        }
        if (merge != null && shard != null) throw new UserError("give --shard or --merge, not both");
        candidates = part.select(candidates);
        if (candidates.isEmpty()) throw new UserError("the design space is empty within --max-macs " + maxMacs);
        List<SynthSample> sample = samples == null ? SynthSample.committed() : SynthSample.read(samples);
        ResourceModel model = ResourceModel.fit(sample);
        String modelSummary = ResourceModel.validate(sample).summary();

        NetworkInputs in = NetworkInputs.read(network, null, seed).engine();
        NetworkExplorer explorer = new NetworkExplorer(in.spec(), in.input(), in.tensors(), model, clockMhz, screenMargin, exactLimit);
        ProgressPrinter progress = new ProgressPrinter("dse");
        long t0 = System.nanoTime();
        NetworkExplorer.Exploration run = merge != null ? null : explorer.explore(candidates, progress);
        List<Outcome> outcomes = run == null ? ShardMerge.merge(candidates, merge) : run.outcomes();
        progress.done();
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<Outcome.Evaluated> evaluated = outcomes.stream().filter(o -> o instanceof Outcome.Evaluated)
                .map(o -> (Outcome.Evaluated) o).toList();
        List<Outcome.Evaluated> fitting = dev == null ? evaluated
                : evaluated.stream().filter(e -> dev.fits(e.resources(), margin)).toList();
        Comparator<Outcome.Evaluated> rank = Comparator.comparingDouble(Outcome.Evaluated::framesPerSecond).reversed()
                .thenComparingLong(e -> e.resources().dsps());
        List<Outcome.Evaluated> ranked = fitting.stream().sorted(rank).toList();
        Outcome.Evaluated chosen = ranked.isEmpty() ? null : ranked.getFirst();
        // Merged rows carry no per-layer figures, screened ones only estimates: the chosen one is timed exactly with its layers.
        if (chosen != null && (chosen.layers().isEmpty() || !chosen.exact()) && explorer.evaluate(chosen.candidate()) instanceof Outcome.Evaluated full) {
            chosen = full;
        }

        System.out.printf(Locale.ROOT, "dse: %s: %d configurations%s in %.1f s (%.1f configurations/s), %d refused by the compiler%s%n",
                network, candidates.size(), part == Shard.ALL ? "" : " (shard " + part + ")", seconds, candidates.size() / seconds,
                outcomes.size() - evaluated.size(),
                dev == null ? "" : String.format(Locale.ROOT, ", %d of %d fit %s at %.0f%%", fitting.size(), evaluated.size(), dev.name(), 100 * margin));
        long exact = outcomes.stream().filter(o -> o instanceof Outcome.Evaluated e && e.exact()).count();
        String timing = String.format(Locale.ROOT, "%d of %d evaluated timed exactly by the whole-program cycle model, the rest screened analytically%s",
                exact, evaluated.size(), run == null ? "" : "; " + run.screenError().summary());
        System.out.println("timing: " + timing);
        System.out.println("resource model: " + modelSummary);
        System.out.println();
        System.out.printf("%-36s %12s %14s %7s %8s %8s %6s %7s %9s%n", "configuration", "frames/s", "cycles", "util", "LUT", "FF", "DSP", "BRAM36", "timing");
        for (Outcome.Evaluated e : ranked.subList(0, Math.min(top, ranked.size()))) {
            System.out.printf(Locale.ROOT, "%-36s %,12.1f %,14d %7.3f %8d %8d %6d %7s %9s%n", e.candidate().label(), e.framesPerSecond(),
                    e.cycles(), e.utilization(), e.resources().luts(), e.resources().ffs(), e.resources().dsps(),
                    SynthFormat.bram(e.resources().bram36()), e.exact() ? "exact" : "screened");
        }
        if (dev != null && chosen == null) System.out.println("no configuration fits " + dev.name() + " at " + Math.round(100 * margin) + "%");
        if (dev != null) {
            long over = evaluated.size() - fitting.size();
            if (over > 0) {
                Outcome.Evaluated e = evaluated.stream().filter(x -> !dev.fits(x.resources(), margin)).findFirst().orElseThrow();
                System.out.printf("left out: %d configuration%s over %s, e.g. %s: %s%n", over, over == 1 ? "" : "s", dev.name(),
                        e.candidate().label(), dev.worstResource(e.resources()));
            }
        }
        List<Outcome.Refused> refused = outcomes.stream().filter(o -> o instanceof Outcome.Refused).map(o -> (Outcome.Refused) o).toList();
        for (Outcome.Refused r : refused.subList(0, Math.min(refused.size(), top))) {
            System.out.println("refused: " + r.candidate().label() + ": " + r.reason());
        }
        if (refused.size() > top) System.out.println("refused: " + (refused.size() - top) + " more (see --report's dse.csv)");
        if (chosen != null) {
            System.out.println();
            System.out.println("chosen: " + chosen.candidate().label());
            System.out.println("  " + chosen.candidate().generateCommand());
            System.out.println("  " + chosen.candidate().synthCommand());
        }
        if (report != null) {
            try {
                new DseReport(new DseReport.Context(network.toString(), dev, margin, clockMhz, modelSummary, timing), outcomes, chosen)
                        .write(report);
            } catch (IOException e) {
                throw new UserError("--report " + report + ": cannot write: " + e.getMessage());
            }
            System.out.println("report: " + report.resolve("report.html"));
        }
    }

    /** The report directory's problems before a long run, not after it: the rule OutputDirectory applies. */
    private void checkReportDirectory() {
        if (report == null || !Files.exists(report)) return;
        if (!Files.isDirectory(report)) throw new UserError("--report " + report + " exists and is not a directory");
        try (var entries = Files.list(report)) {
            if (entries.findAny().isPresent() && !Files.exists(report.resolve("report.html"))) {
                throw new UserError("refusing to replace " + report + ": it exists, is not empty and holds no report.html "
                        + "(choose another --report directory or remove it)");
            }
        } catch (IOException e) {
            throw new UserError("--report " + report + ": cannot list: " + e.getMessage());
        }
    }

    private static int dspBits(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "none" -> 0;
            case "pack" -> DpuConfig.DSP_OPTION_PACK;
            case "dsp2x" -> DpuConfig.DSP_OPTION_DOUBLE_RATE;
            case "pack+dsp2x", "dsp2x+pack" -> DpuConfig.DSP_OPTION_PACK | DpuConfig.DSP_OPTION_DOUBLE_RATE;
            default -> throw new UserError("--dsp: unknown option '" + s + "'; use none, pack, dsp2x or pack+dsp2x");
        };
    }

    private static int axiBytes(int bits) {
        if (bits % 8 != 0) throw new UserError("--axi-bits: " + bits + " is not a whole number of bytes");
        return bits / 8;
    }
}
