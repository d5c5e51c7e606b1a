package org.jdpu.flow.synth;

import org.jdpu.flow.DesignSources;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The Yosys script the flow runs: {@code synth_xilinx -family xcup} in four slices so the cell
 * statistics between them show what became of the multiplies and memories (DSP or LUTs, block RAM,
 * distributed RAM or flip-flops), then a {@code check}, the mapped netlist for the logic-depth
 * analysis and a final {@code check -assert}.
 *
 * <p>Files written in the working directory: {@code stat_premap.json} (before DSP mapping),
 * {@code stat_dsp.json} (after DSP mapping: multiplies left are built from LUTs),
 * {@code stat_coarse.json} (memories collected), {@code stat_memory.json} (after memory mapping),
 * {@code stat_final.json}, {@code check.txt}, {@code netlist.json}.
 */
public final class SynthScript {
    private SynthScript() {}

    public static final String FAMILY = "xcup";
    public static final String STAT_PREMAP = "stat_premap.json";
    public static final String STAT_DSP = "stat_dsp.json";
    public static final String STAT_COARSE = "stat_coarse.json";
    public static final String STAT_MEMORY = "stat_memory.json";
    public static final String STAT_FINAL = "stat_final.json";
    public static final String CHECK = "check.txt";
    public static final String NETLIST = "netlist.json";

    public static String render(DesignSources design, boolean uram) {
        String synth = "synth_xilinx -family " + FAMILY + " -top " + design.top() + " -flatten" + (uram ? " -uram" : "");
        String files = design.files().stream().map(f -> quote(f.toString())).collect(Collectors.joining(" "));
        return String.join("\n", List.of(
                "# jdpu synthesis: UltraScale+ (" + FAMILY + ") mapping with DSP48E2 and block RAM inference.",
                "read_verilog -sv " + files,
                "hierarchy -check -top " + design.top(),
                synth + " -run :map_dsp",
                "tee -q -o " + STAT_PREMAP + " stat -json",
                synth + " -run map_dsp:coarse",
                "tee -q -o " + STAT_DSP + " stat -json",
                synth + " -run coarse:map_memory",
                "tee -q -o " + STAT_COARSE + " stat -json",
                synth + " -run map_memory:map_ffram",
                "tee -q -o " + STAT_MEMORY + " stat -json",
                synth + " -run map_ffram:",
                "tee -q -o " + STAT_FINAL + " stat -json",
                "tee -q -o " + CHECK + " check",
                // Source locations make the netlist several times larger and are not needed for depth.
                "attrmap -remove src",
                "write_json " + NETLIST,
                "check -assert",
                ""));
    }

    private static String quote(String path) {
        return path.matches("[A-Za-z0-9_./+-]+") ? path : "\"" + path.replace("\"", "\\\"") + "\"";
    }
}
