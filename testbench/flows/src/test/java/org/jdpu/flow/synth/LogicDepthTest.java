package org.jdpu.flow.synth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Logic depth on small hand-written netlists in Yosys' JSON format. */
class LogicDepthTest {

    @TempDir
    Path tmp;

    /** Builds the "cells" part of a Yosys JSON module. */
    private static final class Netlist {
        final List<String> cells = new ArrayList<>();
        final List<String> nets = new ArrayList<>();

        Netlist cell(String name, String type, String params, String... ports) {
            StringBuilder dirs = new StringBuilder(), conns = new StringBuilder();
            for (String p : ports) {
                String[] f = p.split(":");   // "dir:PORT:bits,comma,separated"
                if (!dirs.isEmpty()) { dirs.append(','); conns.append(','); }
                dirs.append('"').append(f[1]).append("\":\"").append(f[0].equals("i") ? "input" : "output").append('"');
                conns.append('"').append(f[1]).append("\":[").append(f[2]).append(']');
            }
            cells.add("\"" + name + "\":{\"hide_name\":0,\"type\":\"" + type + "\",\"parameters\":{" + params
                    + "},\"attributes\":{},\"port_directions\":{" + dirs + "},\"connections\":{" + conns + "}}");
            return this;
        }

        Netlist net(String name, String bits) {
            nets.add("\"" + name + "\":{\"hide_name\":0,\"bits\":[" + bits + "],\"attributes\":{}}");
            return this;
        }

        Path write(Path dir, String ports) throws IOException {
            Path f = dir.resolve("n.json");
            Files.writeString(f, "{\"creator\":\"test\",\"modules\":{\"other\":{\"cells\":{}},\"top\":{\"attributes\":{},"
                    + "\"ports\":{" + ports + "},\"cells\":{" + String.join(",", cells) + "},\"netnames\":{"
                    + String.join(",", nets) + "}}}}");
            return f;
        }
    }

    @Test
    void countsLutsBetweenRegistersAndNamesTheEnds() throws IOException {
        // q0 (bit 2) -> LUT -> LUT -> LUT -> d1 (bit 6) of register r1 (q1, bit 7); a side path of one LUT.
        Netlist n = new Netlist()
                .cell("r0", "FDRE", "", "i:C:1", "i:D:10", "o:Q:2")
                .cell("l1", "LUT2", "", "i:I0:2", "i:I1:3", "o:O:4")
                .cell("l2", "LUT1", "", "i:I0:4", "o:O:5")
                .cell("l3", "LUT3", "", "i:I0:5", "i:I1:3", "i:I2:2", "o:O:6")
                .cell("r1", "FDRE", "", "i:C:1", "i:D:6", "o:Q:7")
                .cell("l4", "LUT1", "", "i:I0:7", "o:O:10")
                .net("state", "2").net("count", "7");
        LogicDepth d = LogicDepth.of(n.write(tmp, "\"clk\":{\"direction\":\"input\",\"bits\":[1]},\"x\":{\"direction\":\"input\",\"bits\":[3]}"), "top");
        assertEquals(3, d.levels());
        assertEquals("state", d.from());
        assertEquals("count (register)", d.to());
        assertEquals(List.of("LUT2", "LUT1", "LUT3"), d.path());
    }

    @Test
    void pathsCountForTheClockThatCapturesThem() throws IOException {
        // clk (bit 1) through a BUFG (bit 8, also named sub.clk) clocks r0 and r1; clk2x (bit 9) clocks r2.
        // r0 -> 3 LUTs -> r1 (clk); r0 -> 1 LUT -> r2 (clk2x); r2 -> 2 LUTs -> r1 is shorter than the clk path.
        Netlist n = new Netlist()
                .cell("bufg", "BUFG", "", "i:I:1", "o:O:8")
                .cell("r0", "FDRE", "", "i:C:8", "i:D:3", "o:Q:2")
                .cell("l1", "LUT1", "", "i:I0:2", "o:O:4")
                .cell("l2", "LUT1", "", "i:I0:4", "o:O:5")
                .cell("l3", "LUT2", "", "i:I0:5", "i:I1:12", "o:O:6")
                .cell("r1", "FDRE", "", "i:C:8", "i:D:6", "o:Q:7")
                .cell("l4", "LUT1", "", "i:I0:2", "o:O:10")
                .cell("r2", "FDRE", "", "i:C:9", "i:D:10", "o:Q:11")
                .cell("l5", "LUT1", "", "i:I0:11", "o:O:12")
                .net("clk", "1").net("clk2x", "9").net("sub.clk", "8").net("slow", "2").net("fast", "11").net("out", "7");
        Path f = n.write(tmp, "\"clk\":{\"direction\":\"input\",\"bits\":[1]},\"clk2x\":{\"direction\":\"input\",\"bits\":[9]},"
                + "\"x\":{\"direction\":\"input\",\"bits\":[3]}");
        var byClock = LogicDepth.byClock(f, "top");
        assertEquals(List.of("clk", "clk2x"), List.copyOf(byClock.keySet()), "named after the port, not the instance");
        assertEquals(3, byClock.get("clk").levels());
        assertEquals("slow", byClock.get("clk").from());
        assertEquals(1, byClock.get("clk2x").levels());
        assertEquals("fast (register)", byClock.get("clk2x").to());
        assertEquals(3, LogicDepth.of(f, "top").levels(), "the overall depth is the deepest of all");
    }

    @Test
    void carryChainsCountOneLevelPerCarryCell() throws IOException {
        // LUT -> S[3] of c0 -> CO[3] -> CI of c1 -> CO[3] of c1 -> register: three levels.
        Netlist n = new Netlist()
                .cell("lut_s3", "LUT2", "", "i:I0:20", "i:I1:21", "o:O:13")
                .cell("c0", "CARRY4", "", "i:CI:\"0\"", "i:CYINIT:\"0\"", "i:S:20,20,20,13", "i:DI:20,20,20,20",
                        "o:O:30,31,32,33", "o:CO:34,35,36,37")
                .cell("c1", "CARRY4", "", "i:CI:37", "i:CYINIT:\"0\"", "i:S:21,21,21,21", "i:DI:20,20,20,20",
                        "o:O:50,51,52,53", "o:CO:54,55,56,57")
                .cell("r", "FDRE", "", "i:D:57", "o:Q:60")
                .net("sum_msb", "60").net("a", "20").net("b", "21");
        LogicDepth d = LogicDepth.of(n.write(tmp, "\"a\":{\"direction\":\"input\",\"bits\":[20]},\"b\":{\"direction\":\"input\",\"bits\":[21]}"), "top");
        assertEquals(3, d.levels(), d.toString());
        assertEquals(List.of("LUT2", "CARRY4", "CARRY4"), d.path());
        assertEquals("sum_msb (register)", d.to());
    }

    @Test
    void carryOutputBitDependsOnlyOnLowerBits() throws IOException {
        // O[0] of the carry does not depend on S[3], so the LUT in front of S[3] is not on the path
        // to the register that takes O[0]; O[0] feeding S[3] through a LUT is no loop either.
        Netlist n = new Netlist()
                .cell("c0", "CARRY4", "", "i:CI:\"0\"", "i:CYINIT:\"0\"", "i:S:20,20,20,13", "i:DI:20,20,20,20",
                        "o:O:30,31,32,33", "o:CO:34,35,36,37")
                .cell("lut_s3", "LUT1", "", "i:I0:30", "o:O:13")
                .cell("r", "FDRE", "", "i:D:30", "o:Q:60");
        LogicDepth d = LogicDepth.of(n.write(tmp, "\"a\":{\"direction\":\"input\",\"bits\":[20]}"), "top");
        assertEquals(1, d.levels(), d.toString());
    }

    @Test
    void registeredDspStartsANewPathAndUnregisteredDspIsOneLevel() throws IOException {
        String reg = "\"PREG\":\"00000000000000000000000000000001\",\"AREG\":\"0\"";
        Netlist n = new Netlist()
                .cell("l0", "LUT1", "", "i:I0:1", "o:O:2")
                .cell("dsp_reg", "DSP48E2", reg, "i:A:2", "i:B:1", "o:P:3")
                .cell("l1", "LUT1", "", "i:I0:3", "o:O:4")
                .cell("r0", "FDRE", "", "i:D:4", "o:Q:5")
                .cell("dsp_comb", "DSP48E2", "\"PREG\":\"0\",\"MREG\":\"0\"", "i:A:5", "i:B:5", "o:P:6")
                .cell("l2", "LUT1", "", "i:I0:6", "o:O:7")
                .cell("r1", "FDRE", "", "i:D:7", "o:Q:8");
        LogicDepth d = LogicDepth.of(n.write(tmp, "\"in\":{\"direction\":\"input\",\"bits\":[1]}"), "top");
        assertEquals(2, d.levels(), d.toString());
        assertEquals(List.of("DSP48E2", "LUT1"), d.path());
    }

    @Test
    void combinationalLoopIsReportedNotHung() throws IOException {
        Netlist n = new Netlist()
                .cell("a", "LUT1", "", "i:I0:3", "o:O:2")
                .cell("b", "LUT1", "", "i:I0:2", "o:O:3");
        LogicDepth d = LogicDepth.of(n.write(tmp, "\"y\":{\"direction\":\"output\",\"bits\":[3]}"), "top");
        assertEquals(-1, d.levels());
        assertTrue(d.path().getFirst().startsWith("combinational loop"), d.toString());
    }

    @Test
    void unknownCellTypesAreListed() throws IOException {
        Netlist n = new Netlist().cell("x", "MYSTERY", "", "i:I:1", "o:O:2").cell("l", "LUT1", "", "i:I0:2", "o:O:3");
        LogicDepth d = LogicDepth.of(n.write(tmp, "\"y\":{\"direction\":\"output\",\"bits\":[3]}"), "top");
        assertEquals(1, d.levels());
        assertEquals(1L, d.unknownTypes().get("MYSTERY"));
    }
}
