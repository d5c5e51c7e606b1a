package org.jdpu.cli;

import org.jdpu.cli.CliCapture;
import org.jdpu.cli.CliCapture.Result;
import org.jdpu.cli.CliRunner;
import org.jdpu.cli.DpuCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Bad input to {@code dpu export}, {@code synth} and {@code lint}: one line, exit 2, nothing written. */
class FlowCommandsTest {

    @TempDir
    Path tmp;

    private static Result dpu(String... args) {
        return CliCapture.run(new DpuCli(), args);
    }

    private void assertOneLineError(Result r, String... fragments) {
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line:\n" + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        for (String f : fragments) assertTrue(r.err().contains(f), "'" + f + "' in: " + r.err());
    }

    @Test
    void exportOfAnUnknownArchitectureWritesNothing() {
        Path out = tmp.resolve("b");
        assertOneLineError(dpu("export", "--arch", "B9", "--out", out.toString()), "unknown architecture 'B9'", "PPxICPxOCP");
        assertFalse(Files.exists(out));
    }

    @Test
    void exportOfAnImpossibleConfigurationWritesNothing() {
        Path out = tmp.resolve("b");
        assertOneLineError(dpu("export", "--arch", "0x4x4", "--out", out.toString()), "PP must be in 1..");
        assertOneLineError(dpu("export", "--arch", "32x64x64", "--out", out.toString()), "multipliers");
        assertFalse(Files.exists(out));
    }

    @Test
    void exportRejectsABadPartClockOrSimulator() {
        Path out = tmp.resolve("b");
        assertOneLineError(dpu("export", "--arch", "2x2x2", "--out", out.toString(), "--part", "zu9"), "part 'zu9'");
        assertOneLineError(dpu("export", "--arch", "2x2x2", "--out", out.toString(), "--clock-mhz", "-5"), "MHz");
        assertOneLineError(dpu("export", "--arch", "2x2x2", "--out", out.toString(), "--simulate", "modelsim"),
                "--simulate modelsim");
        assertFalse(Files.exists(out));
    }

    @Test
    void exportNeverReplacesAnUnrelatedDirectory() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        assertOneLineError(dpu("export", "--arch", "2x2x2", "--out", out.toString()), "refusing to replace");
        assertEquals("keep me", Files.readString(out.resolve("notes.txt")));
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no staging directory left behind");
        }
    }

    @Test
    void exportWritesABundleAndReplacesItsOwnEarlierBundle() throws Exception {
        Path out = tmp.resolve("bundle");
        Result first = dpu("export", "--arch", "2x2x2", "--out", out.toString(), "--clock-mhz", "250");
        assertEquals(0, first.exit(), first.err());
        assertTrue(Files.readString(out.resolve("constraints/dpu_top.xdc")).contains("-period 4.000"));
        Result again = dpu("export", "--arch", "2x2x2", "--out", out.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(Files.readString(out.resolve("constraints/dpu_top.xdc")).contains("-period 3.333"));
    }

    /** The bundle's testbench runs a network of pools (max, average, global average) on Icarus Verilog, bit-exact. */
    @Test
    void exportRunsAPoolNetworkOnTheBundlesTestbench() throws Exception {
        Path net = Files.writeString(tmp.resolve("pools.json"), """
                [{"layer": {"op": "maxpool", "input": {"h": 9, "w": 10, "c": 3}, "kernel": [3, 3], "stride": [2, 2]}},
                 {"layer": {"op": "avgpool", "input": {"h": 4, "w": 4, "c": 3}, "kernel": [3, 3], "padding": [1, 1, 1, 1]}},
                 {"layer": {"op": "global_avgpool", "input": {"h": 4, "w": 4, "c": 3}, "activation": {"type": "relu"}}}]""");
        Result r = dpu("export", "--arch", "2x2x2", "--network", net.toString(), "--out", tmp.resolve("b").toString(),
                "--simulate", "icarus");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("PASS: 2x2x2, 3 layers") && r.out().contains(" 0 mismatches"), r.out());
    }

    @Test
    void synthAndLintRejectBadInputInOneLine() {
        assertOneLineError(dpu("synth", "--arch", "B9", "--out", tmp.toString()), "unknown architecture 'B9'");
        assertOneLineError(dpu("lint", "--rtl", tmp.resolve("nowhere").toString()), "no filelist.f");
        assertOneLineError(dpu("synth", "--table", "--out", tmp.resolve("none").toString()), "no synthesis reports");
        assertEquals(0, tmp.toFile().list().length, "nothing written");
    }
}
