package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Verilated {@link AxiChecker}, fed by a scripted bus that breaks one rule at a time after a
 * legal prefix: the rule's code must appear, in the cycle of the violation, and not before. Legal
 * traffic leaves it silent (random legal traffic runs in {@link AxiDdrTest}, a checker on each port).
 */
class AxiCheckerTest {
    static final AxiConfig AXI = AxiConfig.DEFAULT;
    static Simulator sim;
    static AxiPins p;
    static Port error, code, at, winEnable;
    static Port[] base = new Port[AxiChecker.WINDOWS], bound = new Port[AxiChecker.WINDOWS];
    static List<Port> busInputs;
    /** Cycles stepped since the last reset: the checker's cycle count. */
    static int cycle;
    static final Set<AxiRule> exercised = EnumSet.noneOf(AxiRule.class);

    @BeforeAll
    static void open() {
        CompiledModel model = Rtl.model(() -> new AxiChecker(AXI), "axi_checker");
        sim = model.open();
        p = new AxiPins(sim, "axi");
        error = sim.port("error");
        code = sim.port("error_code");
        at = sim.port("error_cycle");
        winEnable = sim.port("win_enable");
        for (int i = 0; i < AxiChecker.WINDOWS; i++) {
            base[i] = sim.port("win_base_" + i);
            bound[i] = sim.port("win_bound_" + i);
        }
        busInputs = new ArrayList<>();
        for (Port x : sim.ports()) {
            if (x.name().startsWith("axi_")) busInputs.add(x);
        }
    }

    @AfterAll
    static void close() {
        sim.close();
    }

    /** Reset with window 0 = [0, 64 KiB) enabled. */
    static void reset() {
        window(0, 0, 1 << 16);
        winEnable.set(1);
        idle();
        sim.reset(2);
        cycle = 0;
    }

    static void window(int i, long b, long size) {
        base[i].set(b);
        bound[i].set(size);
    }

    static void idle() {
        for (Port x : busInputs) {
            x.set(0);
        }
        p.awburst.set(Axi4.BURST_INCR);
        p.arburst.set(Axi4.BURST_INCR);
        p.awsize.set(4);
        p.arsize.set(4);
    }

    /** One cycle with the bus as {@code set} leaves it (everything else idle). */
    static void cycle(Consumer<AxiPins> set) {
        idle();
        set.accept(p);
        sim.step();
        cycle++;
    }

    static void aw(AxiPins b, int id, long addr, int len, boolean ready) {
        b.awid.set(id);
        b.awaddr.set(addr);
        b.awlen.set(len);
        b.awvalid.set(1);
        b.awready.set(ready ? 1 : 0);
    }

    static void ar(AxiPins b, int id, long addr, int len, boolean ready) {
        b.arid.set(id);
        b.araddr.set(addr);
        b.arlen.set(len);
        b.arvalid.set(1);
        b.arready.set(ready ? 1 : 0);
    }

    static void w(AxiPins b, long data, long strb, boolean last, boolean ready) {
        b.wdata.set(data);
        b.wstrb.set(strb);
        b.wlast.set(last ? 1 : 0);
        b.wvalid.set(1);
        b.wready.set(ready ? 1 : 0);
    }

    static void r(AxiPins b, int id, long data, boolean last, boolean ready) {
        b.rid.set(id);
        b.rdata.set(data);
        b.rlast.set(last ? 1 : 0);
        b.rvalid.set(1);
        b.rready.set(ready ? 1 : 0);
    }

    static void bResp(AxiPins b, int id, boolean ready) {
        b.bid.set(id);
        b.bvalid.set(1);
        b.bready.set(ready ? 1 : 0);
    }

    /** A legal two-beat write (AW, W, W, B) of id {@code id} at 0x100. */
    static void legalWrite(int id) {
        cycle(b -> aw(b, id, 0x100, 1, true));
        cycle(b -> w(b, 1, 0xFFFF, false, true));
        cycle(b -> w(b, 2, 0xFFFF, true, true));
        cycle(b -> bResp(b, id, true));
    }

    /** A legal two-beat read of id {@code id} at 0x200. */
    static void legalRead(int id) {
        cycle(b -> ar(b, id, 0x200, 1, true));
        cycle(b -> r(b, id, 5, false, true));
        cycle(b -> r(b, id, 6, true, true));
    }

    static void assertSilent(String when) {
        sim.eval();
        assertEquals(0, error.get(), () -> when + ": unexpected " + AxiRule.ofCode((int) code.get()));
    }

    /** The violation happens in the next cycle, as {@code set} drives it. */
    static void violate(AxiRule rule, Consumer<AxiPins> set) {
        assertSilent("before " + rule);
        int when = cycle;
        cycle(set);
        cycle(b -> { });
        sim.eval();
        assertEquals(1, error.get(), rule + " not detected");
        assertEquals(rule, AxiRule.ofCode((int) code.get()), "reported rule");
        assertEquals(when, at.get(), rule + ": cycle of the violation");
        exercised.add(rule);
    }

    @Test
    void legalTrafficIsSilent() {
        reset();
        for (int id = 0; id < 2; id++) {
            legalWrite(id);
            legalRead(id);
        }
        // Back-pressure held correctly, W in the cycle of its AW, reads of two ids interleaved.
        cycle(b -> aw(b, 0, 0x300, 0, false));
        cycle(b -> { aw(b, 0, 0x300, 0, true); w(b, 7, 0xFFFF, true, false); });
        cycle(b -> w(b, 7, 0xFFFF, true, true));
        cycle(b -> bResp(b, 0, false));
        cycle(b -> bResp(b, 0, true));
        cycle(b -> { aw(b, 1, 0x400, 0, true); w(b, 8, 0x00FF, true, true); });
        cycle(b -> bResp(b, 1, true));
        cycle(b -> ar(b, 0, 0x200, 1, true));
        cycle(b -> ar(b, 1, 0x300, 0, true));
        cycle(b -> r(b, 1, 9, true, false));
        cycle(b -> r(b, 1, 9, true, true));
        cycle(b -> r(b, 0, 1, false, true));
        cycle(b -> r(b, 0, 2, true, true));
        // A 4 KiB-aligned burst that ends exactly at the boundary.
        cycle(b -> ar(b, 0, 0x0F00, 15, true));
        for (int i = 0; i < 16; i++) {
            boolean last = i == 15;
            cycle(b -> r(b, 0, 0, last, true));
        }
        assertSilent("legal traffic");
    }

    @Test
    void stabilityRules() {
        reset();
        cycle(b -> aw(b, 0, 0x100, 0, false));
        violate(AxiRule.AW_UNSTABLE, b -> aw(b, 0, 0x140, 0, false));
        reset();
        cycle(b -> aw(b, 0, 0x100, 0, true));
        cycle(b -> w(b, 1, 0xFFFF, true, false));
        violate(AxiRule.W_UNSTABLE, b -> w(b, 2, 0xFFFF, true, true));
        reset();
        cycle(b -> aw(b, 0, 0x100, 0, true));
        cycle(b -> w(b, 1, 0xFFFF, true, true));
        cycle(b -> bResp(b, 0, false));
        violate(AxiRule.B_UNSTABLE, b -> { });
        reset();
        cycle(b -> ar(b, 0, 0x200, 0, false));
        violate(AxiRule.AR_UNSTABLE, b -> { }); // arvalid dropped before arready
        reset();
        cycle(b -> ar(b, 0, 0x200, 0, true));
        cycle(b -> r(b, 0, 1, true, false));
        violate(AxiRule.R_UNSTABLE, b -> r(b, 0, 2, true, true));
    }

    @Test
    void addressRules() {
        reset();
        violate(AxiRule.AW_SIZE_TOO_WIDE, b -> { aw(b, 0, 0x100, 0, true); b.awsize.set(5); });
        reset();
        violate(AxiRule.AR_SIZE_TOO_WIDE, b -> { ar(b, 0, 0x100, 0, true); b.arsize.set(7); });
        reset();
        violate(AxiRule.AW_CROSSES_4K, b -> aw(b, 0, 0x0F80, 15, true));
        reset();
        cycle(b -> ar(b, 0, 0x1F00, 15, true)); // ends at 0x1FFF: legal
        cycle(b -> ar(b, 0, 0x1F08, 15, true)); // unaligned start, beats at 0x1F10..0x1FF0: legal
        violate(AxiRule.AR_CROSSES_4K, b -> ar(b, 0, 0x1F10, 15, true)); // last beat at 0x2000
        reset();
        // Two rules in one cycle: the lower code wins.
        violate(AxiRule.AW_SIZE_TOO_WIDE, b -> { aw(b, 0, 0x0F80, 15, true); b.awsize.set(6); });
    }

    @Test
    void writeBurstRules() {
        reset();
        violate(AxiRule.W_WITHOUT_AW, b -> w(b, 1, 0xFFFF, true, true));
        reset();
        legalWrite(0);
        cycle(b -> w(b, 1, 0xFFFF, true, false)); // waiting without a handshake is allowed
        violate(AxiRule.W_WITHOUT_AW, b -> w(b, 1, 0xFFFF, true, true));
        reset();
        cycle(b -> aw(b, 0, 0x100, 1, true));
        violate(AxiRule.WLAST_WRONG, b -> w(b, 1, 0xFFFF, true, true));
        reset();
        cycle(b -> aw(b, 0, 0x100, 1, true));
        cycle(b -> w(b, 1, 0xFFFF, false, true));
        violate(AxiRule.WLAST_WRONG, b -> w(b, 1, 0xFFFF, false, true));
        reset();
        violate(AxiRule.B_WITHOUT_WRITE, b -> bResp(b, 0, true));
        reset();
        cycle(b -> aw(b, 0, 0x100, 0, true));
        violate(AxiRule.B_WITHOUT_WRITE, b -> { w(b, 1, 0xFFFF, true, true); bResp(b, 0, true); }); // B with its last W
        reset();
        cycle(b -> aw(b, 0, 0x100, 0, true));
        cycle(b -> w(b, 1, 0xFFFF, true, true));
        violate(AxiRule.B_ID_MISMATCH, b -> bResp(b, 1, true));
        reset();
        for (int i = 0; i < AXI.outstanding(); i++) {
            cycle(b -> aw(b, 0, 0x100, 0, true));
        }
        violate(AxiRule.WRITES_OUTSTANDING, b -> aw(b, 0, 0x100, 0, true));
    }

    @Test
    void readBurstRules() {
        reset();
        violate(AxiRule.R_WITHOUT_READ, b -> r(b, 0, 0, true, true));
        reset();
        violate(AxiRule.R_WITHOUT_READ, b -> { ar(b, 0, 0x200, 0, true); r(b, 0, 0, true, true); }); // R with its AR
        reset();
        cycle(b -> ar(b, 0, 0x200, 0, true));
        violate(AxiRule.R_ID_MISMATCH, b -> r(b, 1, 0, true, true));
        reset();
        cycle(b -> ar(b, 0, 0x200, 1, true));
        violate(AxiRule.RLAST_WRONG, b -> r(b, 0, 0, true, true));
        reset();
        cycle(b -> ar(b, 1, 0x200, 1, true));
        cycle(b -> r(b, 1, 0, false, true));
        violate(AxiRule.RLAST_WRONG, b -> r(b, 1, 0, false, true)); // more beats than len + 1
        reset();
        for (int i = 0; i < AXI.outstanding(); i++) {
            cycle(b -> ar(b, 0, 0x200, 0, true));
        }
        violate(AxiRule.READS_OUTSTANDING, b -> ar(b, 1, 0x200, 0, true));
    }

    @Test
    void writeWindowRule() {
        reset();
        window(0, 0x100, 0x10);   // [0x100, 0x110)
        window(3, 0x118, 0x8);    // [0x118, 0x120): lanes 8..15 of the word at 0x110
        winEnable.set(0b1001);
        cycle(b -> aw(b, 0, 0x100, 2, true));
        cycle(b -> w(b, 1, 0xFFFF, false, true));
        cycle(b -> w(b, 1, 0xFF00, false, true)); // 0x118..0x11F: inside window 3
        violate(AxiRule.WRITE_OUTSIDE_WINDOW, b -> w(b, 1, 0x0100, true, true)); // lane 8 of 0x120: outside
        reset();
        window(0, 0x100, 0x10);
        winEnable.set(1);
        cycle(b -> aw(b, 0, 0x100, 1, true));
        cycle(b -> w(b, 1, 0xFFFF, false, true));
        cycle(b -> w(b, 1, 0x0000, true, true)); // no strobe outside: legal
        cycle(b -> bResp(b, 0, true));
        window(0, 0x104, 0xC);                  // [0x104, 0x110)
        cycle(b -> aw(b, 0, 0x104, 0, true));   // unaligned start, strobes from lane 4
        cycle(b -> w(b, 1, 0xFFF0, true, true));
        cycle(b -> bResp(b, 0, true));
        cycle(b -> aw(b, 0, 0x104, 0, true));
        violate(AxiRule.WRITE_OUTSIDE_WINDOW, b -> w(b, 1, 0x0008, true, true)); // lane 3 = 0x103: outside
        reset();
        winEnable.set(0); // no window: every write is outside
        cycle(b -> aw(b, 0, 0x100, 0, true));
        violate(AxiRule.WRITE_OUTSIDE_WINDOW, b -> w(b, 1, 0x0001, true, true));
        reset();
        window(5, 0, 1L << 40); // the whole space
        winEnable.set(1 << 5);
        cycle(b -> aw(b, 0, 0xFF_FFFF_FFF0L, 0, true));
        cycle(b -> w(b, 1, 0xFFFF, true, true));
        assertSilent("a write under the window covering everything");
    }

    /** After all tests of the class (so run the class whole): every rule must have been made to fire. */
    @AfterAll
    static void everyRuleWasExercised() {
        System.out.println("AxiCheckerTest exercised " + exercised.size() + " of " + AxiRule.values().length + " rules");
        assertEquals(EnumSet.allOf(AxiRule.class), exercised, "rules no scenario broke");
    }

    @Test
    void everyRuleHasADistinctCodeAndDescription() {
        Set<Integer> codes = new java.util.HashSet<>();
        for (AxiRule r : AxiRule.values()) {
            assertTrue(r.code() > 0 && r.code() < (1 << AxiRule.CODE_BITS));
            assertTrue(codes.add(r.code()), "duplicate code " + r.code());
            assertTrue(!r.description().isBlank());
            assertEquals(r, AxiRule.ofCode(r.code()));
        }
    }
}
