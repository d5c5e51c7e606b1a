package org.jdpu.dse;

import org.jdpu.arch.DpuConfig;
import org.jdpu.io.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One measured synthesis: the architecture, the top module ({@code dpu_core} or {@code dpu_top}),
 * whether it fits the model or only checks it, and Yosys's counts. The committed sample is
 * {@code synth-samples.csv} beside this class; {@code make dse-fit} rewrites it from fresh syntheses.
 */
public record SynthSample(DpuConfig config, String top, boolean fit, long luts, long ffs, long dsps, double bram36,
                          String at) {
    public static final String CORE = "dpu_core", ENGINE = "dpu_top";
    public static final String HEADER = "arch,top,role,luts,ffs,dsps,bram36,at";

    /** The committed sample. */
    public static List<SynthSample> committed() {
        try (InputStream in = SynthSample.class.getResourceAsStream("synth-samples.csv")) {
            if (in == null) throw new IllegalStateException("synth-samples.csv is missing from the classpath");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "synth-samples.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample file given by the user. */
    public static List<SynthSample> read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the synthesis sample: " + e.getMessage());
        }
    }

    static List<SynthSample> parse(String text, String where) {
        List<SynthSample> out = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\n")) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.equals(HEADER)) continue;
            String[] f = t.split(",");
            if (f.length > 8) {
                // An architecture with buffer depths has commas of its own ("4x4x4:act=4096,out=4096"): the
                // seven fields after it are fixed.
                String arch = String.join(",", java.util.Arrays.copyOfRange(f, 0, f.length - 7));
                String[] rest = java.util.Arrays.copyOfRange(f, f.length - 7, f.length);
                f = new String[8];
                f[0] = arch;
                System.arraycopy(rest, 0, f, 1, 7);
            }
            if (f.length != 8 || !(f[2].equals("fit") || f[2].equals("holdout"))) {
                throw new UserError(where + ":" + n + ": expected " + HEADER + " with role fit or holdout, got '" + t + "'");
            }
            try {
                out.add(new SynthSample(DpuConfig.parse(f[0]), f[1], f[2].equals("fit"), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]), Double.parseDouble(f[6]), f[7]));
            } catch (IllegalArgumentException e) {
                throw new UserError(where + ":" + n + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** This sample as a CSV row. */
    public String csv() {
        return String.join(",", config.name(), top, fit ? "fit" : "holdout", Long.toString(luts), Long.toString(ffs),
                Long.toString(dsps), SynthFormat.bram(bram36), at);
    }
}
