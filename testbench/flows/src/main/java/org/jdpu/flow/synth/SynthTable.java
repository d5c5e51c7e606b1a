package org.jdpu.flow.synth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The side-by-side table of {@code make synth-all}: jdpu's Yosys resources per design next to the
 * DPUCZDX8G low-DSP figures of PG338, each with the ratio jdpu / PG338.
 */
public final class SynthTable {
    private SynthTable() {}

    private static final String ROW = "%-8s | %-22s | %-22s | %-20s | %-20s | %4s | %s%n";

    public static String render(List<SynthReport> reports) {
        StringBuilder s = new StringBuilder();
        s.append("jdpu (Yosys synth_xilinx -family xcup) vs DPUCZDX8G low-DSP (" + Pg338.SOURCE + "); x = jdpu / PG338\n");
        s.append(String.format(Locale.ROOT, ROW, "arch", "LUT", "FF", "BRAM36", "DSP", "URAM", "levels"));
        s.append("-".repeat(118)).append('\n');
        for (SynthReport r : reports) {
            Resources x = r.resources();
            Optional<Pg338.Figures> pg = Pg338.lowDsp(r.design());
            s.append(String.format(Locale.ROOT, ROW, r.design(),
                    cell(x.luts(), pg.map(Pg338.Figures::luts)),
                    cell(x.ffs(), pg.map(Pg338.Figures::registers)),
                    cell(x.bram36(), pg.map(Pg338.Figures::bram36)),
                    cell(x.dsps(), pg.map(Pg338.Figures::dsps)),
                    String.valueOf(x.uram()), r.depth().levels()
                            + (r.levelsPerClock().isEmpty() ? "" : " (" + r.levelsPerClock() + ")")
                            + (r.mapping().clean() ? "" : "  (mapping problems: see its report)")));
        }
        return s.toString();
    }

    private static String cell(double ours, Optional<? extends Number> theirs) {
        String v = SynthReport.formatBram(ours);
        return theirs.map(t -> String.format(Locale.ROOT, "%s / %s = %.2fx", v, SynthReport.formatBram(t.doubleValue()),
                ours / t.doubleValue())).orElse(v);
    }
}
