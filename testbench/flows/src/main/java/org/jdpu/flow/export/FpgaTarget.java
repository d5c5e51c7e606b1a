package org.jdpu.flow.export;

import org.jdpu.flow.FlowException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The FPGA an export bundle is built for: a Xilinx part name and the clock frequency to constrain.
 * The defaults are the ZCU102's Zynq UltraScale+ (where PG338's DPU figures come from) at 300 MHz.
 */
public record FpgaTarget(String part, double clockMhz) {

    public static final String DEFAULT_PART = "xczu9eg-ffvb1156-2-e";
    public static final double DEFAULT_CLOCK_MHZ = 300;

    private static final Pattern PART = Pattern.compile("xc[a-z0-9]+(-[a-z0-9]+){1,4}");

    public FpgaTarget {
        if (part == null || !PART.matcher(part).matches()) {
            throw new FlowException("part '" + part + "' does not look like a Xilinx part name (e.g. " + DEFAULT_PART + ")");
        }
        if (!(clockMhz > 0 && clockMhz <= 1000)) {
            throw new FlowException("clock must be above 0 and at most 1000 MHz, got " + clockMhz);
        }
    }

    public static FpgaTarget defaults() {
        return new FpgaTarget(DEFAULT_PART, DEFAULT_CLOCK_MHZ);
    }

    /** Clock period in ns, rounded to picoseconds as Vivado prints it. */
    public String periodNs() {
        return String.format(Locale.ROOT, "%.3f", 1000.0 / clockMhz);
    }

    public String clockText() {
        return clockMhz == Math.rint(clockMhz) ? String.valueOf((long) clockMhz) : String.format(Locale.ROOT, "%.3f", clockMhz);
    }
}
