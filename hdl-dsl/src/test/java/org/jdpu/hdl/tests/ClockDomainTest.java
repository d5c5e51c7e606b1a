package org.jdpu.hdl.tests;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.ElaborationException;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.Mem;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.emit.EmitOptions;
import org.jdpu.hdl.ir.ClockDomain;
import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.LocationStyle;
import org.jdpu.hdl.lib.Synchronizer;
import org.jdpu.sim.Batch;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.jdpu.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clock domains: registers, memories and child modules built inside {@code inDomain} belong to
 * that domain and get its clock port; related domains (a 2x clock edge-aligned with the 1x one)
 * exchange signals directly; an unrelated crossing is an error at the sink's line unless it goes
 * through a {@link Synchronizer}. The clean designs are pinned as netlist text and Verilog and
 * pass the three lint tools; the faulty ones as full messages.
 */
class ClockDomainTest {
    static final String FILE = "ClockDomainTest.java";
    /** The double-rate clock of the tests: twice as fast as the default clk, edge-aligned with it. */
    static final ClockDomain FAST = ClockDomain.DEFAULT.related("clk2x", "rst2x", 2);
    /** A clock with no relation to clk. */
    static final ClockDomain OTHER = new ClockDomain("clk_b", "rst_b");

    /** A pipeline stage in whatever domain its parent builds it in. */
    static final class Stage extends HwModule {
        final UInt in = input("in", uint(8));
        final UInt out = output("out", uint(8));

        Stage() {
            out.assign(regNext("q", in));
        }
    }

    /**
     * Two 8-bit products of one 1x operand pair computed by one multiplier at twice the rate:
     * the 2x domain picks the high pair in the half-cycle before a 1x edge and the low pair in
     * the other, and the 1x domain takes both results at once. A 2x child registers the input,
     * a 2x register with reset counts 2x edges.
     */
    static final class DoubleRate extends HwModule {
        DoubleRate() {
            UInt a = input("a", uint(16));
            UInt b = input("b", uint(16));
            UInt y = output("y", uint(32));
            UInt staged = output("staged", uint(8));
            UInt edges = output("edges", uint(4));
            // A 1x toggle seen from the 2x domain tells the two halves of a 1x cycle apart. No
            // reset: it must keep toggling while reset is held, or the first cycle after reset
            // would take its halves in the wrong order.
            Bool toggle = reg("toggle", bool());
            toggle.assign(toggle.not());
            Bool[] second = new Bool[1];
            UInt[] fast = new UInt[2];
            Stage[] stage = new Stage[1];
            inDomain(FAST, () -> {
                Bool seen = regNext("toggle_2x", toggle);
                second[0] = seen.eq(toggle);
                UInt fa = regNext("fa", mux(second[0], a.bits(15, 8), a.bits(7, 0)));
                UInt fb = regNext("fb", mux(second[0], b.bits(15, 8), b.bits(7, 0)));
                UInt fp = regNext("fp", fa.mul(fb));
                fast[0] = regNext("fp_prev", fp);
                fast[1] = fp;
                UInt count = regInit("count", uint(4), 0);
                count.assign(count.addWrap(1));
                edges.assign(count);
                stage[0] = instance("stage", new Stage());
                stage[0].in.assign(a.bits(7, 0));
            });
            y.assign(regNext("y_q", cat(fast[1], fast[0])));
            staged.assign(stage[0].out);
        }
    }

    /** A bit from an unrelated clock, brought in through a synchroniser. */
    static final class Synchronized extends HwModule {
        Synchronized() {
            Bool in = input("in", bool());
            Bool out = output("out", bool());
            Bool[] b = new Bool[1];
            inDomain(OTHER, () -> b[0] = regNext("flag", in));
            out.assign(regNext("flag_seen", Synchronizer.bit("flag_sync", b[0])));
        }
    }

    private static void check(String group, Supplier<? extends HwModule> gen) {
        Design d = Design.elaborate(gen);
        assertEquals(List.of(), d.warnings());
        Golden.checkIr(group, d);
        Golden.check(group, d.emit(group, EmitOptions.locations(LocationStyle.FILE)));
        Hw.emit(d, group);
    }

    @Test
    void relatedDomainsExchangeSignalsDirectly() {
        check("clock_domains", DoubleRate::new);
    }

    @Test
    void aSynchroniserBringsInABitOfAnUnrelatedClock() {
        check("clock_sync", Synchronized::new);
    }

    /**
     * The double-rate design through the bridge (which drives clk2x edge-aligned at twice clk's
     * rate): the operands of cycle c come out as both products after the clk edge of cycle c + 1,
     * the 2x child registers at 2x rate, and the 2x counter advances two per cycle.
     */
    @Test
    void theDoubleRateDesignComputesBothProductsPerSlowCycle() {
        long seed = Seeds.seed("ClockDomainTest");
        java.util.Random rnd = new java.util.Random(seed);
        CompiledModel model = Hw.model(Design.elaborate(DoubleRate::new), "clock_domains_sim");
        try (Simulator sim = model.open()) {
            Port a = sim.port("a"), b = sim.port("b"), y = sim.port("y"), staged = sim.port("staged"),
                    edges = sim.port("edges");
            a.set(0);
            b.set(0);
            sim.reset(2);
            int n = 300;
            try (Batch batch = sim.batch(n, List.of(a, b), List.of(y, staged, edges))) {
                int[] va = new int[n], vb = new int[n];
                for (int c = 0; c < n; c++) {
                    va[c] = rnd.nextInt(1 << 16);
                    vb[c] = rnd.nextInt(1 << 16);
                    batch.set(c, a, va[c]);
                    batch.set(c, b, vb[c]);
                }
                batch.run(n);
                for (int c = 0; c + 1 < n; c++) {
                    long lo = (long) (va[c] & 0xff) * (vb[c] & 0xff);
                    long hi = (long) (va[c] >>> 8) * (vb[c] >>> 8);
                    assertEquals(hi << 16 | lo, batch.get(c + 1, y), "seed " + seed + ", cycle " + c);
                    // the 2x child's register holds the input of this cycle already after its mid-cycle edge
                    assertEquals(va[c] & 0xff, batch.get(c, staged), "seed " + seed + ", cycle " + c);
                    assertEquals(2 * (c + 1) % 16, batch.get(c, edges));
                }
            }
        }
    }

    // ---- crossings that are errors ----

    /** A register of clk samples a register of the unrelated clk_b directly. */
    static final class RawCrossing extends HwModule {
        RawCrossing() {
            Bool in = input("in", bool());
            Bool out = output("out", bool());
            Bool[] b = new Bool[1];
            inDomain(OTHER, () -> b[0] = regNext("flag", in));
            Bool inverted = b[0].not();
            out.assign(regNext("flag_seen", inverted)); // @raw-crossing
        }
    }

    /** An unrelated value reaches a child that samples it in clk. */
    static final class ChildCrossing extends HwModule {
        ChildCrossing() {
            UInt in = input("in", uint(8));
            UInt out = output("out", uint(8));
            UInt[] b = new UInt[1];
            inDomain(OTHER, () -> b[0] = regNext("word", in));
            Stage s = instance("stage", new Stage());
            s.in.assign(b[0]); // @child-crossing
            out.assign(s.out);
        }
    }

    /** A memory of clk written with an address from clk_b. */
    static final class MemoryCrossing extends HwModule {
        MemoryCrossing() {
            UInt addr = input("addr", uint(4));
            UInt data = input("data", uint(8));
            UInt out = output("out", uint(8));
            UInt[] a = new UInt[1];
            inDomain(OTHER, () -> a[0] = regNext("addr_b", addr));
            Mem<UInt> m = mem("buf", 16, uint(8)); // @memory-crossing
            m.write(a[0], data);
            out.assign(m.read(addr));
        }
    }

    /** Two domains asking for the same reset port. */
    static final class SharedReset extends HwModule {
        SharedReset() {
            UInt in = input("in", uint(8));
            UInt out = output("out", uint(8));
            ClockDomain clash = ClockDomain.DEFAULT.related("clk2x", "rst", 2);
            UInt[] q = new UInt[1];
            q[0] = regNext("q", in, 0);
            inDomain(clash, () -> q[0] = regNext("q2", q[0], 0)); // @shared-reset
            out.assign(q[0]);
        }
    }

    private static Diagnostic onlyError(Supplier<? extends HwModule> gen) {
        ElaborationException e = assertThrows(ElaborationException.class, () -> Design.elaborate(gen));
        assertEquals(1, e.errors().size(), e::getMessage);
        return e.errors().get(0);
    }

    private static void assertAt(Diagnostic d, String marker, String... fragments) {
        assertEquals(SourceLines.at(FILE, marker), d.loc().toString(), d::toString);
        for (String f : fragments) {
            assertTrue(d.message().contains(f), () -> "'" + f + "' missing from: " + d);
        }
    }

    private static void checkMessage(String name, Supplier<? extends HwModule> gen) {
        ElaborationException e = assertThrows(ElaborationException.class, () -> Design.elaborate(gen));
        Golden.checkMessages(name, e.getMessage() + "\n");
    }

    @Test
    void anUnrelatedCrossingIsAnErrorAtTheSamplingRegister() {
        assertAt(onlyError(RawCrossing::new), "@raw-crossing", "register 'flag_seen'", "of clock domain clk",
                "reads 'flag' of clock domain clk_b", "Synchronizer");
        checkMessage("domain_crossing_register", RawCrossing::new);
    }

    @Test
    void anUnrelatedCrossingIntoAChildIsAnErrorWhereItIsConnected() {
        assertAt(onlyError(ChildCrossing::new), "@child-crossing", "input 'stage.in'", "reads 'word'",
                "clock domain clk_b");
        checkMessage("domain_crossing_child", ChildCrossing::new);
    }

    @Test
    void anUnrelatedCrossingIntoAMemoryIsAnError() {
        assertAt(onlyError(MemoryCrossing::new), "@memory-crossing", "memory 'buf'", "reads 'addr_b'");
        checkMessage("domain_crossing_memory", MemoryCrossing::new);
    }

    @Test
    void twoDomainsCannotShareAPortName() {
        assertAt(onlyError(SharedReset::new), "@shared-reset", "both use the port name 'rst'");
        checkMessage("domain_shared_reset", SharedReset::new);
    }

    @Test
    void relatedDomainsDeclareTheirRatio() {
        ClockDomain x4 = FAST.related("clk4x", "rst4x", 2);
        assertEquals("clk", x4.rootClock());
        assertEquals(4, x4.ratio());
        assertTrue(x4.relatedTo(ClockDomain.DEFAULT));
        assertTrue(!OTHER.relatedTo(FAST));
        assertEquals("clk4x (4x clk)", x4.describe());
        assertThrows(IllegalArgumentException.class, () -> ClockDomain.DEFAULT.related("clk1x", "r", 1));
        assertThrows(IllegalArgumentException.class, () -> new ClockDomain("c", "c"));
        assertThrows(IllegalArgumentException.class, () -> Synchronizer.bit("s", null, 1));
    }
}
