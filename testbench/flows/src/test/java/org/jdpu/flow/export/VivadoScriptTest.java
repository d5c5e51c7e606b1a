package org.jdpu.flow.export;

import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.FlowException;
import org.jdpu.flow.ToolRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Vivado is not available here, so the generated Tcl runs in plain tclsh with every Vivado command
 * replaced by a stub that records its arguments: this checks the script's syntax and that it reads
 * the sources in file-list order, the XDC, and builds for the requested part.
 */
class VivadoScriptTest {

    @TempDir
    Path bundle;

    private static final String STUBS = """
            proc rec {args} { puts "CALL $args" }
            foreach c {read_verilog read_xdc synth_design write_checkpoint report_utilization opt_design place_design
                       phys_opt_design route_design report_timing_summary} {
                proc $c {args} "rec $c {*}\\$args"
            }
            proc get_timing_paths {args} { return path0 }
            proc get_property {name obj} { return 0.250 }
            proc get_ports {name} { return "PORT:$name" }
            proc create_clock {args} { rec create_clock {*}$args }
            """;

    private List<String> runTcl(String harness) throws IOException {
        Path h = bundle.resolve("harness.tcl");
        Files.writeString(h, STUBS + harness);
        ToolRun run = new ExternalTool("tclsh", "deps").run(bundle, bundle.resolve("tclsh.log"), Duration.ofSeconds(30), List.of(h.toString()));
        assertTrue(run.ok(), "tclsh failed:\n" + run.output());
        return run.output().lines().toList();
    }

    private void writeBundle(FpgaTarget target) throws IOException {
        Files.createDirectories(bundle.resolve("rtl"));
        Files.createDirectories(bundle.resolve("constraints"));
        Files.createDirectories(bundle.resolve("vivado"));
        Files.writeString(bundle.resolve("rtl/a.v"), "module a; endmodule\n");
        Files.writeString(bundle.resolve("rtl/dpu_top.v"), "module dpu_top; endmodule\n");
        Files.writeString(bundle.resolve("rtl/filelist.f"), "// order matters\na.v\n\ndpu_top.v\n");
        Files.writeString(bundle.resolve("constraints/dpu_top.xdc"), Constraints.xdc("dpu_top", target));
        Files.writeString(bundle.resolve("vivado/build.tcl"), VivadoScript.render("B512", "dpu_top", target));
    }

    @Test
    void scriptReadsSourcesInOrderAndImplementsForThePart() throws IOException {
        writeBundle(new FpgaTarget("xczu7ev-ffvc1156-2-e", 250));
        List<String> out = runTcl("source [file join [pwd] vivado build.tcl]\n");
        String rtl = bundle.resolve("rtl").toRealPath().toString();
        // One argument holding the list, as Vivado's read_verilog takes it.
        assertEquals("CALL read_verilog -sv {" + rtl + "/a.v " + rtl + "/dpu_top.v}", out.get(0));
        assertTrue(out.get(1).startsWith("CALL read_xdc ") && out.get(1).endsWith("constraints/dpu_top.xdc"), out.get(1));
        assertEquals("CALL synth_design -top dpu_top -part xczu7ev-ffvc1156-2-e -mode out_of_context", out.get(2));
        List<String> steps = out.stream().filter(l -> l.startsWith("CALL ")).map(l -> l.split(" ")[1]).toList();
        assertEquals(List.of("read_verilog", "read_xdc", "synth_design", "write_checkpoint", "report_utilization",
                "opt_design", "place_design", "phys_opt_design", "route_design", "write_checkpoint",
                "report_utilization", "report_timing_summary"), steps);
        assertTrue(out.getLast().contains("clock 250 MHz: worst setup slack 0.250 ns"), out.getLast());
        assertTrue(Files.isDirectory(bundle.resolve(VivadoScript.OUT_DIR)));
    }

    @Test
    void partCanBeOverriddenOnTheCommandLine() throws IOException {
        writeBundle(FpgaTarget.defaults());
        List<String> out = runTcl("set argv {xcku5p-ffvb676-2-e}\nsource [file join [pwd] vivado build.tcl]\n");
        assertTrue(out.contains("CALL synth_design -top dpu_top -part xcku5p-ffvb676-2-e -mode out_of_context"), out.toString());
    }

    @Test
    void xdcConstrainsTheClockPeriod() throws IOException {
        writeBundle(new FpgaTarget(FpgaTarget.DEFAULT_PART, 300));
        List<String> out = runTcl("source [file join [pwd] constraints dpu_top.xdc]\n");
        assertEquals(List.of("CALL create_clock -name clk -period 3.333 PORT:clk"), out);
    }

    @Test
    void badTargetsAreRejectedWithAMessage() {
        assertThrows(FlowException.class, () -> new FpgaTarget("zu9", 300));
        assertThrows(FlowException.class, () -> new FpgaTarget("xczu9eg-ffvb1156-2-e; rm -rf", 300));
        FlowException e = assertThrows(FlowException.class, () -> new FpgaTarget(FpgaTarget.DEFAULT_PART, 0));
        assertTrue(e.getMessage().contains("MHz"));
    }
}
