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

    /** Free-form context (configuration, sizes) printed as a comment line. */
    public void note(String text) {
        out.println("# " + text);
        out.flush();
    }
}
