package org.jdpu.flow.export;

import org.jdpu.cases.LayerCase;
import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.ToolRun;
import org.jdpu.flow.tb.DriverVectors;
import org.jdpu.flow.tb.TestbenchVectors;
import org.jdpu.flow.tb.VectorFiles;
import org.jdpu.arch.DpuConfig;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
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
 * The export bundle of a small configuration, with buffers small enough that the testbench layer
 * takes several runs: its testbench passes under Icarus Verilog (the second simulator agreeing
 * with the golden model and the cycle model), fails with the right count when one expected byte,
 * one loaded weight or one predicted cycle count is wrong, and its Vivado script reads the
 * bundle's own sources in order.
 */
class ExportBundleTest {

    @TempDir
    static Path tmp;
    static Path bundle;
    static TestbenchVectors vectors;

    @BeforeAll
    static void writeBundle() {
        DpuConfig cfg = DpuConfig.parse("2x2x2").withBuffers(16, 64, 16, 16);
        Conv2dSpec spec = LayerCase.conv(7, 6, 3, 3, 3, 3, 1, 2, 1, 1, new Padding(1, 0, 1, 2),
                LayerCase.realisticQuant(3, 3, 3), Activation.LEAKY_RELU);
        LayerCase layer = LayerCase.draw(LayerCase.describe(spec), 7, spec, LayerCase.Weights.REALISTIC);
        vectors = DriverVectors.of(cfg, layer.name() + ", seed 7", spec, layer.operands().input(),
                layer.operands().weights(), layer.operands().bias());
        bundle = tmp.resolve("bundle");
        ExportBundle.write(cfg, FpgaTarget.defaults(), bundle, vectors);
        System.out.println("testbench layer: " + vectors.layer() + ", " + vectors.ops().size() + " operations");
    }

    @Test
    void bundleHoldsEveryPart() {
        for (String f : List.of("README.md", ExportBundle.MANIFEST, "rtl/filelist.f", "rtl/dpu_top.v", "constraints/dpu_top.xdc",
                "vivado/build.tcl", "tb/tb_dpu_top.sv", "tb/files.f", "tb/run_icarus.sh", "tb/run_verilator.sh",
                "tb/vectors/ops.hex", "tb/vectors/expected.hex")) {
            assertTrue(Files.isRegularFile(bundle.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(bundle.resolve("tb/run_icarus.sh")));
        assertTrue(vectors.runs() >= 2, "the small buffers split the layer into several runs: " + vectors.runs());
    }

    @Test
    void testbenchPassesUnderIcarus() {
        BundleSimulation.Result r = BundleSimulation.run(bundle, BundleSimulation.Simulator.ICARUS);
        System.out.println("icarus: " + r.verdict());
        assertTrue(r.passed(), r.verdict());
        assertEquals(0, r.mismatches());
        assertTrue(r.verdict().contains(vectors.runs() + " runs, " + vectors.comparedBytes() + " bytes compared"), r.verdict());
    }

    @Test
    void testbenchCountsAWrongExpectedByte() throws IOException {
        Path copy = copyBundle("wrong-byte");
        Path expected = copy.resolve("tb/vectors/" + VectorFiles.EXPECTED);
        List<String> lines = new ArrayList<>(Files.readAllLines(expected));
        // Line 1 is a comment; word 0 lane 0 is a real output channel in every run. Flip its low bit.
        String w = lines.get(1);
        int last = Character.digit(w.charAt(w.length() - 1), 16) ^ 1;
        lines.set(1, w.substring(0, w.length() - 1) + Character.forDigit(last, 16));
        Files.write(expected, lines);
        BundleSimulation.Result r = BundleSimulation.run(copy, BundleSimulation.Simulator.ICARUS);
        assertFalse(r.passed(), r.verdict());
        assertEquals(1, r.mismatches(), r.verdict());
    }

    @Test
    void testbenchNoticesAWrongLoadAndAWrongCycleCount() throws IOException {
        Path copy = copyBundle("wrong-ops");
        Path ops = copy.resolve("tb/vectors/" + VectorFiles.OPS);
        List<String> lines = new ArrayList<>(Files.readAllLines(ops));
        int load = -1, run = -1;
        for (int i = 0; i < vectors.ops().size(); i++) {
            // Line i + 1 of ops.hex holds operation i (line 0 is a comment).
            if (vectors.ops().get(i) instanceof org.jdpu.flow.tb.BusOp.Load && load < 0 && i > 20) load = i + 1;
            if (vectors.ops().get(i) instanceof org.jdpu.flow.tb.BusOp.Run && run < 0) run = i + 1;
        }
        // Invert every data bit of one load word, and add one to the first run's predicted cycles.
        String l = lines.get(load);
        StringBuilder flipped = new StringBuilder(l.substring(0, l.length() - 4));
        for (char c : l.substring(l.length() - 4).toCharArray()) flipped.append(Character.forDigit(15 - Character.digit(c, 16), 16));
        lines.set(load, flipped.toString());
        String r0 = lines.get(run);
        lines.set(run, r0.substring(0, r0.length() - 1) + Character.forDigit((Character.digit(r0.charAt(r0.length() - 1), 16) + 1) % 16, 16));
        Files.write(ops, lines);
        BundleSimulation.Result r = BundleSimulation.run(copy, BundleSimulation.Simulator.ICARUS);
        assertFalse(r.passed(), r.verdict());
        assertTrue(r.verdict().contains("1 runs with wrong CYCLES"), r.verdict());
        assertTrue(r.mismatches() > 0, "a corrupted input or weight word changes some outputs: " + r.verdict());
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
