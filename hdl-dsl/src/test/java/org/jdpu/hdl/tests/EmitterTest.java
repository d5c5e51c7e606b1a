package org.jdpu.hdl.tests;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.Mem;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.emit.VerilogFile;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.hdl.examples.PeGrid;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.jdpu.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Emitted text: golden files, determinism, deduplication, naming, and lint of a large grid. */
class EmitterTest {

    static final class Counter extends HwModule {
        final Bool en = input("en", bool());
        final Bool clear = input("clear", bool());
        final UInt count = output("count", uint(4));
        final Bool wrap = output("wrap", bool());

        Counter() {
            UInt c = regInit("c", uint(4), 0);
            when(clear, () -> c.assign(0))
                    .elseWhen(en, () -> c.assign(c.addWrap(1)));
            count.assign(c);
            wrap.assign(en.and(c.eq(15)));
        }
    }

    /** Names that clash with Verilog and C++ words and with each other. */
    static final class Naming extends HwModule {
        Naming() {
            UInt in = input("din", uint(4));
            UInt out = output("dout", uint(4));
            UInt reg = wire("reg", uint(4));
            UInt dup1 = wire("x", uint(4));
            UInt dup2 = wire("x", uint(4));
            UInt odd = wire("odd name!", uint(4));
            reg.assign(in);
            dup1.assign(reg.addWrap(1));
            dup2.assign(dup1.xor(in));
            odd.assign(dup2);
            out.assign(odd);
        }
    }

    static final class Ram extends HwModule {
        Ram() {
            UInt addr = input("addr", uint(6));
            UInt wdata = input("wdata", uint(16));
            UInt strobe = input("strobe", uint(2));
            Bool we = input("we", bool());
            UInt rdata = output("rdata", uint(16));
            Mem<UInt> m = mem("store", 64, uint(16), 2, null);
            when(we, () -> m.write(addr, wdata, strobe));
            rdata.assign(m.read(addr));
        }
    }

    @Test
    void goldenCounter() {
        Golden.check("counter", Design.elaborate(Counter::new).emit("counter"));
    }

    @Test
    void goldenNamesAreLegalisedWithoutLosingThem() {
        Design d = Design.elaborate(Naming::new);
        Golden.check("naming", d.emit("naming"));
        Hw.emit(d, "naming");
    }

    @Test
    void goldenMemory() {
        Design d = Design.elaborate(Ram::new);
        Golden.check("ram", d.emit("ram"));
        Hw.emit(d, "ram");
    }

    @Test
    void goldenPeGrid() {
        Design d = Design.elaborate(() -> new PeGrid(2, 2, 2, 32));
        Golden.check("pe_grid", d.emit("pe_grid"));
    }

    @Test
    void emissionIsByteForByteDeterministic() {
        VerilogOutput first = Design.elaborate(() -> new PeGrid(3, 2, 4, 24)).emit("grid");
        for (int i = 0; i < 3; i++) {
            VerilogOutput again = Design.elaborate(() -> new PeGrid(3, 2, 4, 24)).emit("grid");
            assertEquals(first, again);
        }
        VerilogOutput other = Design.elaborate(() -> new PeGrid(3, 2, 4, 24)).emit("grid2");
        assertEquals(first.files().get(0), other.files().get(0), "children do not depend on the top's name");
    }

    /** Same class, different structure: one module per structure, suffixed by first appearance. */
    static final class Adder extends HwModule {
        final UInt a;
        final UInt y;

        Adder(int width) {
            a = input("a", uint(width));
            y = output("y", uint(width));
            y.assign(a.addWrap(1));
        }
    }

    static final class Adders extends HwModule {
        Adders() {
            UInt in = input("in", uint(8));
            UInt out = output("out", uint(8));
            Adder a1 = instance("a1", new Adder(8));
            Adder a2 = instance("a2", new Adder(8));
            Adder b1 = instance("b1", new Adder(4));
            Adder b2 = instance("b2", new Adder(4));
            a1.a.assign(in);
            a2.a.assign(a1.y);
            b1.a.assign(a2.y.bits(3, 0));
            b2.a.assign(b1.y);
            out.assign(cat(b2.y, a2.y.bits(7, 4)));
        }
    }

    @Test
    void identicalModulesAreEmittedOnce() {
        Design d = Design.elaborate(Adders::new);
        VerilogOutput out = d.emit("adders");
        assertEquals(List.of("Adder.v", "Adder_1.v", "adders.v"), out.files().stream().map(VerilogFile::name).toList());
        assertTrue(out.file("Adder").text().contains("input wire [7:0] a"));
        assertTrue(out.file("Adder_1").text().contains("input wire [3:0] a"));
        String top = out.file("adders").text();
        assertTrue(top.contains("Adder a1 (") && top.contains("Adder a2 (") && top.contains("Adder_1 b1 (")
                && top.contains("Adder_1 b2 ("), top);
        assertEquals(3, d.hierarchy().unique().size());
        Hw.emit(d, "adders");

        VerilogOutput grid = Design.elaborate(() -> new PeGrid(4, 4, 2, 32)).emit("grid");
        assertEquals(2, grid.files().size(), "16 identical elements share one module");
    }

    @Test
    void largeGridIsLintClean() {
        Design d = Design.elaborate(() -> new PeGrid(8, 16, 16, 32));
        assertEquals(List.of(), d.warnings());
        List<Path> files = Hw.emit(d, "grid_b4096");
        assertEquals(2, files.size());
    }

    /** 1024 words of 32 bits written per byte: Yosys maps it to one block RAM. */
    static final class BlockRam extends HwModule {
        BlockRam() {
            UInt waddr = input("waddr", uint(10));
            UInt raddr = input("raddr", uint(10));
            UInt wdata = input("wdata", uint(32));
            UInt strobe = input("strobe", uint(4));
            Bool we = input("we", bool());
            Bool re = input("re", bool());
            UInt rdata = output("rdata", uint(32));
            Mem<UInt> m = mem("buffer", 1024, uint(32), 4, null);
            when(we, () -> m.write(waddr, wdata, strobe));
            rdata.assign(m.read(raddr, re));
        }
    }

    @Test
    void memoriesAreInferredAsBlockRam() {
        Design d = Design.elaborate(BlockRam::new);
        List<Path> files = Hw.emit(d, "block_ram");
        Hw.requireTool("yosys", "-V", "deps-synth");
        Hw.Result r = Hw.run(List.of("yosys", "-q", "-p", "read_verilog " + files.get(0)
                + "; synth_xilinx -top block_ram; select -assert-count 1 t:RAMB36E1; select -assert-none t:RAM32M t:RAM64M"));
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void locationCommentsNameTheJavaSource() {
        String text = Design.elaborate(Counter::new).emit("counter").file("counter").text();
        assertTrue(text.contains("// @[EmitterTest.java:"), text);
        assertFalse(text.contains("// verilator"), text);
        String plain = Design.elaborate(Counter::new).emit("counter",
                org.jdpu.hdl.emit.EmitOptions.locations(org.jdpu.hdl.ir.LocationStyle.NONE)).file("counter").text();
        assertFalse(plain.contains("@["), plain);
        String files = Design.elaborate(Counter::new).emit("counter",
                org.jdpu.hdl.emit.EmitOptions.locations(org.jdpu.hdl.ir.LocationStyle.FILE)).file("counter").text();
        assertTrue(files.contains("  // @[EmitterTest.java]\n"), files);
        assertFalse(files.contains("// @[EmitterTest.java:"), files);
        assertEquals(text.replaceAll("// @\\[EmitterTest\\.java:\\d+]", "// @[EmitterTest.java]"), files,
                "file-only comments sit exactly where the full ones do");
    }

    /** A generator that builds something different every time it runs. */
    static final class Varying extends HwModule {
        Varying(int run) {
            UInt y = output("y", uint(4 + run));
            y.assign(run); // @varying
        }
    }

    @Test
    void aGeneratorThatChangesBetweenRunsStillGetsItsLocations() {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        Design d = Design.elaborate(() -> new Varying(runs.getAndIncrement()));
        assertEquals(3, runs.get(), "the second run differs, so a third run captures every location");
        String text = d.emit("varying").file("varying").text();
        assertTrue(text.contains("output wire [5:0] y"), text);
        assertTrue(text.contains("// @[" + SourceLines.at("EmitterTest.java", "@varying") + "]"), text);
    }

    @Test
    void signedPortsAreDeclaredSigned() {
        String text = Design.elaborate(() -> new PeGrid(1, 1, 1, 20)).emit("g").file("g").text();
        assertTrue(text.contains("input wire signed [7:0] a_0_0"), text);
        assertTrue(text.contains("output wire signed [19:0] acc_0"), text);
        SInt.class.getName();
    }
}
