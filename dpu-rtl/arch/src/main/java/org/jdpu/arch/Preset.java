package org.jdpu.arch;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The eight DPUCZDX8G architectures (PG338), by peak operations per cycle. This is the one place
 * that defines them; everything else asks {@link #config()} or {@link DpuConfig#parse(String)}.
 */
public enum Preset {
    B512(4, 8, 8), B800(4, 10, 10), B1024(8, 8, 8), B1152(4, 12, 12),
    B1600(8, 10, 10), B2304(8, 12, 12), B3136(8, 14, 14), B4096(8, 16, 16);

    private final int pp, icp, ocp;

    Preset(int pp, int icp, int ocp) {
        this.pp = pp;
        this.icp = icp;
        this.ocp = ocp;
    }

    /** The configuration with the default buffer depths. */
    public DpuConfig config() {
        return new DpuConfig(name(), pp, icp, ocp, DpuConfig.DEFAULT_ACT_BANK_DEPTH,
                DpuConfig.DEFAULT_WEIGHT_BANK_DEPTH, DpuConfig.DEFAULT_OUTPUT_DEPTH, DpuConfig.DEFAULT_BIAS_DEPTH);
    }

    /** "B512, B800, ..." for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
