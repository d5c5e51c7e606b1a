package org.jdpu.flow.synth;

import java.util.List;
import java.util.Optional;

/**
 * Resource figures of the Xilinx DPUCZDX8G from its product guide, to compare jdpu's synthesis
 * results with: PG338 (v1.2, March 2019), Table 9 "Resources of Different DSP Usage", ZCU102
 * (xczu9eg), DPU without depthwise convolution, average pooling, relu6 and leaky relu.
 * The low-DSP-usage configuration builds part of the MAC arithmetic from LUTs, the high one puts
 * more of it in DSP slices. Vivado implementation results, so a Yosys synthesis estimate is only
 * comparable in order of magnitude.
 */
public final class Pg338 {
    private Pg338() {}

    /** One row of the table. */
    public record Figures(String arch, long luts, long registers, double bram36, long dsps) {}

    public static final String SOURCE = "PG338 v1.2 (2019) Table 9, ZCU102";

    private static final List<Figures> LOW_DSP = List.of(
            new Figures("B512", 20759, 33572, 69.5, 66),
            new Figures("B800", 21050, 33752, 87, 102),
            new Figures("B1024", 29155, 49823, 101.5, 130),
            new Figures("B1152", 30043, 49588, 117.5, 146),
            new Figures("B1600", 33130, 60739, 123, 202),
            new Figures("B2304", 37055, 72850, 161.5, 290),
            new Figures("B3136", 41714, 86132, 203.5, 394),
            new Figures("B4096", 44583, 99791, 249.5, 514));

    private static final List<Figures> HIGH_DSP = List.of(
            new Figures("B512", 20177, 31782, 69.5, 98),
            new Figures("B800", 20617, 35065, 87, 142),
            new Figures("B1024", 27377, 46241, 101.5, 194),
            new Figures("B1152", 28698, 46906, 117.5, 194),
            new Figures("B1600", 30877, 56267, 123, 282),
            new Figures("B2304", 34379, 67481, 161.5, 386),
            new Figures("B3136", 38555, 79867, 203.5, 506),
            new Figures("B4096", 40865, 92630, 249.5, 642));

    /**
     * The low-DSP-usage figures of a preset (B512 ... B4096), if PG338 lists it; the DSP options
     * ({@code B512+pack+dsp2x}) compare with the same row, other buffer depths do not.
     */
    public static Optional<Figures> lowDsp(String arch) {
        String base = arch.contains(":") ? arch : arch.replaceAll("\\+.*$", "");
        return LOW_DSP.stream().filter(f -> f.arch().equals(base)).findFirst();
    }

    public static Optional<Figures> highDsp(String arch) {
        return HIGH_DSP.stream().filter(f -> f.arch().equals(arch)).findFirst();
    }
}
