package org.jdpu.flow.synth;

import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.Fixtures;
import org.jdpu.flow.FlowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Runs the real Yosys flow on the hand-written MAC fixture and checks the parsed report. */
class YosysSynthesisTest {

    @TempDir
    Path tmp;

    @Test
    void macFixtureMapsMultipliesToDspAndRamToBlockRam() {
        Path dir = tmp.resolve("mac");
        SynthReport r = new YosysSynthesis(ExternalTool.YOSYS, System.out).run("mac", Fixtures.mac(), dir);
        System.out.print(r.summary());
        assertEquals(4, r.mapping().multipliers(), "four $mul cells before mapping");
        assertEquals(0, r.mapping().softMultipliers());
        assertEquals(4, r.resources().dsps());
        assertEquals(1, r.mapping().memories());
        assertEquals(1.0, r.resources().bram36());
        assertEquals(0, r.resources().lutRam());
        assertEquals(0, r.mapping().latches());
        assertEquals(32, r.resources().ffs(), "the 32-bit accumulator");
        assertTrue(r.mapping().clean(), r.mapping().violations().toString());
        assertTrue(r.depth().levels() >= 4, "adder tree plus a 32-bit carry chain: " + r.depth());
        assertTrue(r.depth().to().startsWith("acc"), "the path ends in the accumulator: " + r.depth());
        assertTrue(Files.isRegularFile(dir.resolve(YosysSynthesis.REPORT_JSON)));
        assertFalse(Files.exists(dir.resolve(SynthScript.NETLIST)), "netlist deleted after analysis");
        SynthReport back = SynthReport.readJson(dir.resolve(YosysSynthesis.REPORT_JSON));
        assertEquals(r, back);
    }

    @Test
    void latchesSoftMultipliesAndLutRamAreReportedAsViolations() {
        SynthReport r = new YosysSynthesis(ExternalTool.YOSYS, System.out).run("bad", Fixtures.badMapping(), tmp.resolve("bad"));
        System.out.print(r.summary());
        MappingChecks m = r.mapping();
        assertEquals(1, m.multipliers());
        assertEquals(1, m.softMultipliers());
        assertEquals(0, r.resources().dsps());
        assertEquals(4, m.latches(), "a 4-bit latch: " + m);
        assertTrue(m.lutRamPrimitives() >= 1 && r.resources().lutRam() >= 1, "memory in LUT RAM: " + m);
        assertEquals(3, m.violations().size(), m.violations().toString());
        assertFalse(m.clean());
        assertTrue(r.summary().contains("PROBLEM: 1 of 1 multiplies built from LUTs"), r.summary());
    }

    @Test
    void failedCheckAssertIsAFlowErrorNamingTheProblemAndLeavesNoReport() {
        Path dir = tmp.resolve("clash");
        FlowException e = assertThrows(FlowException.class,
                () -> new YosysSynthesis(ExternalTool.YOSYS, System.out).run("clash", Fixtures.clash(), dir));
        assertTrue(e.getMessage().contains("check -assert") && e.getMessage().contains("multiple conflicting drivers"), e.getMessage());
        assertFalse(Files.exists(dir), "no half-written report directory");
        assertTrue(Files.isRegularFile(tmp.resolve("clash.failed.log")), "the full log is kept for diagnosis");
    }

    @Test
    void missingYosysIsOneClearMessageAndNoOutput() {
        ExternalTool absent = new ExternalTool("jdpu-no-such-yosys", "deps-synth");
        Path dir = tmp.resolve("never");
        FlowException e = assertThrows(FlowException.class,
                () -> new YosysSynthesis(absent, System.out).run("mac", Fixtures.mac(), dir));
        assertTrue(e.getMessage().contains("make deps-synth"), e.getMessage());
        assertFalse(Files.exists(dir));
    }
}
