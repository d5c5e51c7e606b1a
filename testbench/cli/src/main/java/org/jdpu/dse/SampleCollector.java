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
 * fit), after the kept rows of the previous sample that did not come from an earlier collection.
 */
public final class SampleCollector {
    public static final String COLLECTED = "dse-fit";

    private SampleCollector() {}

    /** The new sample: {@code kept}'s rows not from a collection, then one per report in {@code dir}. */
    public static List<SynthSample> collect(Path dir, List<SynthSample> kept) {
        List<Path> reports;
        try (Stream<Path> s = Files.list(dir)) {
            reports = s.filter(d -> !d.getFileName().toString().startsWith("."))
                    .map(d -> d.resolve("synth.json")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UserError("--collect-samples " + dir + ": cannot list: " + e.getMessage());
        }
        if (reports.isEmpty()) throw new UserError("--collect-samples " + dir + ": no */synth.json; run 'make dse-fit'");
        List<SynthSample> out = new ArrayList<>(kept.stream().filter(s -> !s.at().equals(COLLECTED)).toList());
        for (int i = 0; i < reports.size(); i++) {
            SynthReport r = SynthReport.readJson(reports.get(i));
            DpuConfig c;
            try {
                c = DpuConfig.parse(r.design());
            } catch (IllegalArgumentException e) {
                throw new UserError(reports.get(i) + ": design '" + r.design() + "' is not an architecture: " + e.getMessage());
            }
            out.add(new SynthSample(c, r.top(), i % 3 != 2, r.resources().luts(), r.resources().ffs(), r.resources().dsps(),
                    r.resources().bram36(), COLLECTED));
        }
        return out;
    }

    /** Writes {@code samples} to {@code file} whole or not at all (through a temporary file beside it). */
    public static void write(List<SynthSample> samples, Path file) {
        StringBuilder s = new StringBuilder("""
                # Yosys 0.23 synth_xilinx -family xcup syntheses (bin/dpu synth --top T), one row each.
                # role: fit = used to fit the LUT and FF model, holdout = only to measure its error.
                # Rows with at=<commit> are the README's synthesis tables; make dse-fit appends fresh ones (at=dse-fit).
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
