package org.jdpu.dse;

import org.jdpu.arch.DpuConfig;
import org.jdpu.flow.synth.SynthReport;
import org.jdpu.io.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rewrites the resource model's sample from fresh syntheses ({@code make dse-fit}): every
 * {@code synth.json} under a directory becomes a row (every third, in name order, held out of the
 * fit, unless that would leave fewer than {@link #MIN_FIT_PER_OPTION} fitted rows with one of its
 * options: each option's regressor needs rows of its own, also in a leave-one-out fit). The
 * previous sample is dropped whole: its syntheses were of an earlier RTL.
 */
public final class SampleCollector {
    public static final String COLLECTED = "dse-fit";
    /** Fitted rows each of {@code +pack}, {@code +dsp2x} and {@code +tflite} keeps at least. */
    static final int MIN_FIT_PER_OPTION = 2;

    private SampleCollector() {}

    /** The new sample: one row per report in {@code dir}, each a synthesis of the network engine. */
    public static List<SynthSample> collect(Path dir) {
        List<Path> reports;
        try (Stream<Path> s = Files.list(dir)) {
            reports = s.filter(d -> !d.getFileName().toString().startsWith("."))
                    .map(d -> d.resolve("synth.json")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UserError("--collect-samples " + dir + ": cannot list: " + e.getMessage());
        }
        if (reports.isEmpty()) throw new UserError("--collect-samples " + dir + ": no */synth.json; run 'make dse-fit'");
        List<SynthSample> out = new ArrayList<>();
        List<DpuConfig> configs = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            SynthReport r = SynthReport.readJson(reports.get(i));
            DpuConfig c;
            try {
                c = DpuConfig.parse(r.design());
            } catch (IllegalArgumentException e) {
                throw new UserError(reports.get(i) + ": design '" + r.design() + "' is not an architecture: " + e.getMessage());
            }
            if (!r.top().equals(SynthSample.ENGINE)) {
                throw new UserError(reports.get(i) + ": a synthesis of " + r.top() + "; the resource model is fitted on "
                        + SynthSample.ENGINE + " (bin/dpu synth without --top)");
            }
            out.add(new SynthSample(c, r.top(), true, r.resources().luts(), r.resources().ffs(), r.resources().dsps(),
                    r.resources().bram36(), COLLECTED));
            configs.add(c);
        }
        boolean[] fit = new boolean[out.size()];
        java.util.Arrays.fill(fit, true);
        for (int i = 2; i < out.size(); i += 3) {
            fit[i] = false;
            if (!optionsKeepTheirRows(configs, fit)) fit[i] = true;
        }
        List<SynthSample> rows = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            SynthSample x = out.get(i);
            rows.add(new SynthSample(x.config(), x.top(), fit[i], x.luts(), x.ffs(), x.dsps(), x.bram36(), x.at()));
        }
        return rows;
    }

    private static boolean optionsKeepTheirRows(List<DpuConfig> configs, boolean[] fit) {
        List<java.util.function.Predicate<DpuConfig>> options = List.of(DpuConfig::dspPacking, DpuConfig::doubleRate, DpuConfig::tflite);
        for (var option : options) {
            long all = configs.stream().filter(option).count(), fitted = 0;
            for (int i = 0; i < configs.size(); i++) if (fit[i] && option.test(configs.get(i))) fitted++;
            if (all > 0 && fitted < Math.min(all, MIN_FIT_PER_OPTION)) return false;
        }
        return true;
    }

    /** Writes {@code samples} to {@code file} whole or not at all (through a temporary file beside it). */
    public static void write(List<SynthSample> samples, Path file) {
        StringBuilder s = new StringBuilder("""
                # Yosys 0.23 synth_xilinx -family xcup syntheses (bin/dpu synth --top T), one row each.
                # role: fit = used to fit the LUT and FF model, holdout = only to measure its error.
                # make dse-fit rewrites the whole file from fresh syntheses of dpu_top (at=dse-fit).
                """).append(SynthSample.HEADER).append('\n');
        for (SynthSample x : samples) s.append(x.csv()).append('\n');
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), ".samples", ".csv");
            Files.writeString(tmp, s);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("--samples-out " + file + ": cannot write: " + e.getMessage());
        }
    }
}
