package org.jdpu.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints benchmark figures in the one machine-readable form {@code BENCH <name> <value> <unit>}. */
public final class BenchReport {
    private final PrintStream out;

    public BenchReport(PrintStream out) {
        this.out = out;
    }

    public void figure(String name, double value, String unit) {
        String v = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
        out.println("BENCH " + name + " " + v + " " + unit);
        out.flush();
    }

    /** The median of measured values (the mean of the middle two for an even count). */
    public static double median(long[] values) {
        long[] s = values.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    /** Free-form context (configuration, sizes) printed as a comment line. */
    public void note(String text) {
        out.println("# " + text);
        out.flush();
    }
}
