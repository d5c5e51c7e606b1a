package org.jdpu.flow.export;

import org.jdpu.flow.DesignSources;
import org.jdpu.flow.tb.NetTestbench;

import java.util.List;

/**
 * How the bundle's testbench is built and run in each simulator: the command lines, used both for
 * the scripts in the bundle's {@code tb/} and by {@link BundleSimulation}.
 */
final class TestbenchScripts {
    private TestbenchScripts() {}

    static final String FILES = "files.f";
    static final String ICARUS = "run_icarus.sh";
    static final String VERILATOR = "run_verilator.sh";

    /** The Verilator-built simulation executable, relative to {@code tb/}. */
    static final String VERILATED = "obj_dir/V" + NetTestbench.MODULE;

    static final List<String> IVERILOG_ARGS = List.of("-g2012", "-o", "tb.vvp", "-s", NetTestbench.MODULE, "-c", FILES);
    static final List<String> VVP_ARGS = List.of("-n", "tb.vvp");
    static final List<String> VERILATOR_ARGS = List.of("--binary", "--timing", "-Wall", "-j", "0",
            "--top-module", NetTestbench.MODULE, "-f", FILES, "-Mdir", "obj_dir", "-o", "V" + NetTestbench.MODULE);

    /** Sources for both simulators, relative to {@code tb/}: the engine in compile order, the DDR model, the testbench. */
    static String fileList(DesignSources design, DesignSources ddr) {
        return ExportBundle.relativeSources(design, "../rtl/") + ExportBundle.relativeSources(ddr, ExportBundle.DDR_DIR + "/")
                + NetTestbench.FILE + "\n";
    }

    static String icarus() {
        return script("Icarus Verilog 11+", "iverilog " + String.join(" ", IVERILOG_ARGS), "vvp " + String.join(" ", VVP_ARGS));
    }

    static String verilator() {
        return script("Verilator 5 (--binary --timing)", "verilator " + String.join(" ", VERILATOR_ARGS), VERILATED);
    }

    private static String script(String simulator, String build, String run) {
        return "#!/bin/sh\n"
                + "# Builds and runs the self-checking testbench with " + simulator + ". Exit status 0 means PASS.\n"
                + "set -e\n"
                + "cd \"$(dirname \"$0\")\"\n"
                + build + "\n"
                + "exec " + run + "\n";
    }
}
