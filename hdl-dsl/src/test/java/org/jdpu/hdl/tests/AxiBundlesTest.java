package org.jdpu.hdl.tests;

import org.apache.commons.math3.random.RandomGenerator;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.AxiLite;
import org.jdpu.hdl.lib.AxiStream;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Direction;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The AXI bundles against the specifications' signal lists: a verilated module takes each bundle
 * in as a slave ({@code s_...}) and passes it on as a master ({@code m_...}). Every signal must
 * exist with its specified width, the master-driven ones must be inputs on the slave side and
 * outputs on the master side (the others the reverse), and random values must arrive unchanged
 * in both directions.
 */
class AxiBundlesTest {
    static final int ADDR = 40, DATA = 64, ID = 5, LITE_ADDR = 12, LITE_DATA = 32, AXIS = 32;

    /** Signal name (without prefix) to width; true in the second map when the master drives it. */
    static final Map<String, Integer> WIDTH = new LinkedHashMap<>();
    static final Map<String, Boolean> FROM_MASTER = new LinkedHashMap<>();

    static void signal(String name, int width, boolean fromMaster) {
        WIDTH.put(name, width);
        FROM_MASTER.put(name, fromMaster);
    }

    static {
        // AXI4 (spec part A, table A2-2 .. A2-6), prefix axi_.
        for (String ch : new String[] {"aw", "ar"}) {
            signal("axi_" + ch + "id", ID, true);
            signal("axi_" + ch + "addr", ADDR, true);
            signal("axi_" + ch + "len", 8, true);
            signal("axi_" + ch + "size", 3, true);
            signal("axi_" + ch + "burst", 2, true);
            signal("axi_" + ch + "lock", 1, true);
            signal("axi_" + ch + "cache", 4, true);
            signal("axi_" + ch + "prot", 3, true);
            signal("axi_" + ch + "qos", 4, true);
            signal("axi_" + ch + "region", 4, true);
            signal("axi_" + ch + "valid", 1, true);
            signal("axi_" + ch + "ready", 1, false);
        }
        signal("axi_wdata", DATA, true);
        signal("axi_wstrb", DATA / 8, true);
        signal("axi_wlast", 1, true);
        signal("axi_wvalid", 1, true);
        signal("axi_wready", 1, false);
        signal("axi_bid", ID, false);
        signal("axi_bresp", 2, false);
        signal("axi_bvalid", 1, false);
        signal("axi_bready", 1, true);
        signal("axi_rid", ID, false);
        signal("axi_rdata", DATA, false);
        signal("axi_rresp", 2, false);
        signal("axi_rlast", 1, false);
        signal("axi_rvalid", 1, false);
        signal("axi_rready", 1, true);
        // AXI4-Lite (spec part B), prefix lite_.
        for (String ch : new String[] {"aw", "ar"}) {
            signal("lite_" + ch + "addr", LITE_ADDR, true);
            signal("lite_" + ch + "prot", 3, true);
            signal("lite_" + ch + "valid", 1, true);
            signal("lite_" + ch + "ready", 1, false);
        }
        signal("lite_wdata", LITE_DATA, true);
        signal("lite_wstrb", LITE_DATA / 8, true);
        signal("lite_wvalid", 1, true);
        signal("lite_wready", 1, false);
        signal("lite_bresp", 2, false);
        signal("lite_bvalid", 1, false);
        signal("lite_bready", 1, true);
        signal("lite_rdata", LITE_DATA, false);
        signal("lite_rresp", 2, false);
        signal("lite_rvalid", 1, false);
        signal("lite_rready", 1, true);
        // AXI4-Stream with every optional signal but tstrb, prefix axis_.
        signal("axis_tdata", AXIS, true);
        signal("axis_tkeep", AXIS / 8, true);
        signal("axis_tlast", 1, true);
        signal("axis_tid", 3, true);
        signal("axis_tdest", 2, true);
        signal("axis_tuser", 7, true);
        signal("axis_tvalid", 1, true);
        signal("axis_tready", 1, false);
    }

    /** Takes each interface in as a slave and passes it on as a master. */
    static final class PassThrough extends HwModule {
        PassThrough() {
            pass("axi", () -> new Axi4(ADDR, DATA, ID));
            pass("lite", () -> new AxiLite(LITE_ADDR, LITE_DATA));
            pass("axis", () -> new AxiStream(AXIS, 3, 2, 7));
        }

        private void pass(String name, Supplier<? extends Bundle> make) {
            Bundle slave = input("s_" + name, make.get());
            Bundle master = output("m_" + name, make.get());
            master.assign(slave);
        }
    }

    @Test
    void bundlesHaveTheSpecifiedSignalsDirectionsAndWidths() {
        RandomGenerator rnd = Seeds.random("AxiBundlesTest");
        CompiledModel model = Hw.model(Design.elaborate(PassThrough::new), "axi_pass");
        try (Simulator sim = model.open()) {
            TreeSet<String> expected = new TreeSet<>();
            for (String s : WIDTH.keySet()) {
                expected.add("s_" + s);
                expected.add("m_" + s);
            }
            TreeSet<String> actual = new TreeSet<>();
            for (Port p : sim.ports()) {
                actual.add(p.name());
            }
            assertEquals(expected, actual, "ports");
            for (String s : WIDTH.keySet()) {
                boolean fromMaster = FROM_MASTER.get(s);
                Port slaveSide = sim.port("s_" + s);
                Port masterSide = sim.port("m_" + s);
                assertEquals(WIDTH.get(s), slaveSide.width(), s);
                assertEquals(WIDTH.get(s), masterSide.width(), s);
                assertEquals(fromMaster ? Direction.INPUT : Direction.OUTPUT, slaveSide.direction(), "s_" + s);
                assertEquals(fromMaster ? Direction.OUTPUT : Direction.INPUT, masterSide.direction(), "m_" + s);
            }
            for (int round = 0; round < 20; round++) {
                Map<String, BigInteger> driven = new LinkedHashMap<>();
                for (String s : WIDTH.keySet()) {
                    BigInteger v = new BigInteger(WIDTH.get(s), new java.util.Random(rnd.nextLong()));
                    driven.put(s, v);
                    sim.port((FROM_MASTER.get(s) ? "s_" : "m_") + s).set(v);
                }
                sim.eval();
                for (String s : WIDTH.keySet()) {
                    String out = (FROM_MASTER.get(s) ? "m_" : "s_") + s;
                    assertEquals(driven.get(s), sim.port(out).getBig(), out + " in round " + round);
                }
            }
        }
    }
}
