package org.jdpu.dse;

import org.jdpu.io.UserError;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Programmable-logic resources of the Zynq UltraScale+ parts jdpu targets. Figures from AMD's
 * product tables: DS891 (Zynq UltraScale+ MPSoC Data Sheet: Overview, table of device
 * resources) for the ZU3EG, ZU5EV, ZU7EV and ZU9EG, DS987 (Kria K26 SOM data sheet) for the K26,
 * whose XCK26 has the ZU5EV's fabric. Block RAM is counted in 36 Kb blocks.
 */
public enum Device {
    ZU3EG("ZU3EG (Ultra96, DS891)", 70_560, 141_120, 360, 216, 0),
    ZU5EV("ZU5EV (DS891)", 117_120, 234_240, 1_248, 144, 64),
    ZU7EV("ZU7EV (ZCU104, DS891)", 230_400, 460_800, 1_728, 312, 96),
    ZU9EG("ZU9EG (ZCU102, DS891)", 274_080, 548_160, 2_520, 912, 0),
    K26("K26 SOM (KV260, DS987)", 117_120, 234_240, 1_248, 144, 64);

    private final String label;
    private final long luts, ffs, dsps, bram36, uram;

    Device(String label, long luts, long ffs, long dsps, long bram36, long uram) {
        this.label = label;
        this.luts = luts;
        this.ffs = ffs;
        this.dsps = dsps;
        this.bram36 = bram36;
        this.uram = uram;
    }

    public String label() {
        return label;
    }

    /** The device's resources as an estimate-shaped record, for utilisation ratios. */
    public ResourceEstimate capacity() {
        return new ResourceEstimate(luts, ffs, dsps, bram36, uram);
    }

    /**
     * True when {@code r} fits within {@code margin} of every resource (0.8: at most 80% of each),
     * the headroom place and route needs.
     */
    public boolean fits(ResourceEstimate r, double margin) {
        return r.luts() <= margin * luts && r.ffs() <= margin * ffs && r.dsps() <= margin * dsps
                && r.bram36() <= margin * bram36 && r.uram() <= margin * uram;
    }

    /** The resource furthest over {@code margin}, for the message of a configuration left out. */
    public String worstResource(ResourceEstimate r) {
        double[] use = {r.luts() / (double) luts, r.ffs() / (double) ffs, r.dsps() / (double) dsps,
                r.bram36() / (double) bram36};
        String[] names = {"LUT", "FF", "DSP", "BRAM36"};
        int worst = 0;
        for (int i = 1; i < use.length; i++) if (use[i] > use[worst]) worst = i;
        return String.format(Locale.ROOT, "%s %.0f%% of %s", names[worst], 100 * use[worst], name());
    }

    /** The device named {@code text}, case-insensitive, or a message listing the known ones. */
    public static Device parse(String text) {
        for (Device d : values()) if (d.name().equalsIgnoreCase(text.trim())) return d;
        throw new UserError("--device: unknown device '" + text + "'; the devices are "
                + Arrays.stream(values()).map(d -> d.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
