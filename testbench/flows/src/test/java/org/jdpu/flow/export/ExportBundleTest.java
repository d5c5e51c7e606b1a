package org.jdpu.flow.export;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.TopInterface;
import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.ToolRun;
import org.jdpu.flow.tb.NetTestbench;
import org.jdpu.flow.tb.NetVectorFiles;
import org.jdpu.flow.tb.NetVectors;
import org.jdpu.flow.tb.TestbenchNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The export bundle of a small configuration with small buffers (so the network's layers take
 * several runs each): its testbench runs a compiled three-layer network on the network engine and
 * the behavioural DDR and passes under Icarus Verilog and Verilator, fails with the right count
 * when one expected byte is wrong, and the bundle's Vivado scripts (out-of-context build and the
 * two block designs) read the bundle's own sources and name its top.
 */
class ExportBundleTest {

    @TempDir
    static Path tmp;
    static Path bundle;
    static NetVectors vectors;

    @BeforeAll
    static void writeBundle() {
        DpuConfig cfg = DpuConfig.parse("2x2x2:act=128,wgt=64,out=64,bias=16");
        vectors = NetVectors.of(cfg, ExportBundle.AXI, TestbenchNetwork.threeLayers(10, 7));
        bundle = tmp.resolve("bundle");
        ExportBundle.write(cfg, FpgaTarget.defaults(), bundle, vectors);
        System.out.println("testbench network: " + vectors.description() + ", " + vectors.instructions() + " instructions, "
                + vectors.comparedBytes() + " bytes checked, " + vectors.predictedCycles() + " cycles predicted");
    }

    @Test
    void doubleRateConfigurationsAreRefusedBeforeAnythingIsWritten() {
        DpuConfig cfg = DpuConfig.parse("2x2x2+pack+dsp2x:act=128,wgt=64,out=64,bias=16");
        Path out = tmp.resolve("dsp2x");
        var e = assertThrows(org.jdpu.flow.FlowException.class,
                () -> ExportBundle.write(cfg, FpgaTarget.defaults(), out, vectors));
        assertEquals("export of 2x2x2+pack+dsp2x:act=128,wgt=64,out=64,bias=16 is not supported yet: the block designs "
                + "and the bundle's testbench have no 2x clock for +dsp2x; export 2x2x2+pack:act=128,wgt=64,out=64,bias=16 "
                + "instead", e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void bundleHoldsEveryPart() {
        for (String f : List.of("README.md", ExportBundle.MANIFEST, "rtl/filelist.f", "rtl/dpu_top.v", "rtl/dpu_core.v",
                "constraints/dpu_top.xdc", "vivado/build.tcl", "vivado/bd_zcu102.tcl", "vivado/bd_zcu104.tcl",
                "tb/tb_dpu_top.sv", "tb/ddr/axi_ddr.v", "tb/ddr/filelist.f", "tb/files.f", "tb/run_icarus.sh",
                "tb/run_verilator.sh", "tb/vectors/ddr.hex", "tb/vectors/expected.hex")) {
            assertTrue(Files.isRegularFile(bundle.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(bundle.resolve("tb/run_icarus.sh")));
        assertEquals(3, vectors.layers());
    }

    @Test
    void blockDesignsInstantiateTheBundlesTop() throws IOException {
        String readme = Files.readString(bundle.resolve("README.md"));
        for (Board b : Board.values()) {
            String script = Files.readString(bundle.resolve("vivado").resolve(BlockDesignScript.file(b)));
            assertTrue(script.contains("create_bd_cell -type module -reference dpu_top dpu"), b.label());
            assertTrue(script.contains("-part " + b.part()), b.label());
            assertTrue(readme.contains("vivado -mode batch -source vivado/" + BlockDesignScript.file(b)), "README usage for " + b);
        }
        assertTrue(Files.readString(bundle.resolve("rtl/dpu_top.v")).contains(TopInterface.DATA + "_awaddr"));
    }

    @Test
    void testbenchPassesUnderIcarus() {
        BundleSimulation.Result r = BundleSimulation.run(bundle, BundleSimulation.Simulator.ICARUS);
        System.out.println("icarus: " + r.verdict() + " (" + r.elapsed().toMillis() / 1000.0 + " s)");
        assertTrue(r.passed(), r.verdict() + "\n" + r.output());
        assertEquals(0, r.mismatches());
        assertTrue(r.verdict().contains("3 layers, " + vectors.comparedBytes() + " bytes compared"), r.verdict());
    }

    @Test
    void testbenchPassesUnderVerilator() {
        BundleSimulation.Result r = BundleSimulation.run(bundle, BundleSimulation.Simulator.VERILATOR);
        System.out.println("verilator: " + r.verdict() + " (" + r.elapsed().toMillis() / 1000.0 + " s)");
        assertTrue(r.passed(), r.verdict() + "\n" + r.output());
        assertTrue(r.verdict().contains("3 layers, " + vectors.comparedBytes() + " bytes compared"), r.verdict());
    }

    @Test
    void testbenchCountsAWrongExpectedByte() throws IOException {
        Path copy = copyBundle("wrong-byte");
        Path expected = copy.resolve("tb/vectors/" + NetVectorFiles.EXPECTED);
        List<String> lines = new ArrayList<>(Files.readAllLines(expected));
        // Line 0 is a comment. Flip one bit of a compared byte of the last layer's last checked beat.
        int at = lines.size() - 1;
        String w = lines.get(at);
        int db = vectors.dataBytes();
        long mask = Long.parseLong(w.substring(10, 10 + db / 4), 16);
        int lane = Long.numberOfTrailingZeros(mask);
        int digit = w.length() - 2 * lane - 1; // low hex digit of byte 'lane'
        lines.set(at, w.substring(0, digit) + Character.forDigit(Character.digit(w.charAt(digit), 16) ^ 1, 16) + w.substring(digit + 1));
        Files.write(expected, lines);
        BundleSimulation.Result r = BundleSimulation.run(copy, BundleSimulation.Simulator.ICARUS);
        assertFalse(r.passed(), r.verdict());
        assertEquals(1, r.mismatches(), r.verdict());
        assertTrue(r.output().contains("mismatch in layer 2 at DDR byte"), r.output());
    }

    @Test
    void vivadoScriptReadsTheBundlesSourcesInOrder() throws IOException {
        Path h = tmp.resolve("harness.tcl");
        Files.writeString(h, """
                foreach c {read_verilog read_xdc synth_design write_checkpoint report_utilization opt_design place_design
                           phys_opt_design route_design report_timing_summary} { proc $c {args} "puts \\"CALL $c \\$args\\"" }
                proc get_timing_paths {args} { return p }
                proc get_property {args} { return 0.1 }
                set script [lindex $argv 0]
                set argv {}
                source $script
                """);
        ToolRun run = new ExternalTool("tclsh", "deps-synth").run(tmp, tmp.resolve("tcl.log"), Duration.ofSeconds(30),
                List.of(h.toString(), bundle.resolve("vivado/build.tcl").toString()));
        assertTrue(run.ok(), run.output());
        String rtl = bundle.resolve("rtl").toRealPath().toString();
        List<String> files = Files.readAllLines(bundle.resolve("rtl/filelist.f")).stream().filter(s -> !s.isBlank())
                .map(f -> rtl + "/" + f).toList();
        assertEquals("CALL read_verilog -sv {" + String.join(" ", files) + "}", run.output().lines().findFirst().orElseThrow());
        assertTrue(run.output().contains("CALL synth_design -top dpu_top -part " + FpgaTarget.DEFAULT_PART + " -mode out_of_context"));
    }

    @Test
    void blockDesignScriptsOfTheBundleRunInTclsh() throws IOException {
        for (Board b : Board.values()) {
            Path h = tmp.resolve("bd_harness_" + b.label() + ".tcl");
            Files.writeString(h, BlockDesignScriptTest.STUBS + "source " + bundle.resolve("vivado").resolve(BlockDesignScript.file(b)) + "\n");
            ToolRun run = new ExternalTool("tclsh", "deps-synth").run(tmp, tmp.resolve("bd_" + b.label() + ".log"),
                    Duration.ofSeconds(30), List.of(h.toString()));
            assertTrue(run.ok(), run.output());
            String rtl = bundle.resolve("rtl").toRealPath().toString();
            assertTrue(run.output().contains("CALL add_files -norecurse {" + rtl + "/"), run.output());
            assertTrue(run.output().contains("CALL create_bd_cell -type module -reference dpu_top dpu"), run.output());
            assertTrue(run.output().contains("CALL connect_bd_net PIN:dpu/" + TopInterface.IRQ + " PIN:ps/pl_ps_irq0"), run.output());
        }
        assertTrue(Files.readString(bundle.resolve("tb/" + NetTestbench.FILE)).contains("dpu_top dut ("));
    }

    private static Path copyBundle(String name) throws IOException {
        Path copy = tmp.resolve(name);
        try (var walk = Files.walk(bundle)) {
            for (Path p : walk.toList()) {
                Path to = copy.resolve(bundle.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to);
                else if (!p.toString().contains("obj_dir")) Files.copy(p, to);
            }
        }
        return copy;
    }
}
