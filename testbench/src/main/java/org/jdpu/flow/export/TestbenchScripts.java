package org.jdpu.flow.export;

import org.jdpu.flow.DesignSources;
import org.jdpu.flow.tb.VerilogTestbench;

/** The scripts in the bundle's {@code tb/} that build and run the testbench in each simulator. */
final class TestbenchScripts {
    private TestbenchScripts() {}

    static final String FILES = "files.f";
    static final String ICARUS = "run_icarus.sh";
    static final String VERILATOR = "run_verilator.sh";

    /** Sources for both simulators, relative to {@code tb/}: the design in compile order, then the testbench. */
    static String fileList(DesignSources design) {
        return ExportBundle.relativeSources(design) + VerilogTestbench.FILE + "\n";
    }

    static String icarus() {
        return """
                #!/bin/sh
                # Builds and runs the self-checking testbench with Icarus Verilog 11+. Exit status 0 means PASS.
                set -e
                cd "$(dirname "$0")"
                iverilog -g2012 -o tb.vvp -s %1$s -c %2$s
                exec vvp -n tb.vvp
                """.formatted(VerilogTestbench.MODULE, FILES);
    }

    static String verilator() {
        return """
                #!/bin/sh
                # Builds and runs the self-checking testbench with Verilator 5 (--binary --timing). Exit status 0 means PASS.
                set -e
                cd "$(dirname "$0")"
                verilator --binary --timing -Wall -j 0 --top-module %1$s -f %2$s -Mdir obj_dir -o V%1$s
                exec obj_dir/V%1$s
                """.formatted(VerilogTestbench.MODULE, FILES);
    }
}
