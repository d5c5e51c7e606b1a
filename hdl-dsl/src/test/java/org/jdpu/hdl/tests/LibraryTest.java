package org.jdpu.hdl.tests;

import org.apache.commons.math3.random.RandomGenerator;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.hdl.lib.Counter;
import org.jdpu.hdl.lib.Delay;
import org.jdpu.hdl.lib.Fifo;
import org.jdpu.hdl.lib.ReductionTree;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.sint;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's delay lines, counters and reduction trees in one verilated design, driven with
 * random inputs (seeded; {@code -Djdpu.seed=N} replays) and compared every cycle with Java models:
 * each delay by its exact number of cycles (and its reset value), counters with constant,
 * hardware and chained wrap values, and pipelined trees at the latency they report, which the
 * test also derives independently.
 */
class LibraryTest {
    static final int LANES = 13;
    static final int[] TREE_TERMS = {1, 2, 5, 8, 13};
    static final int[] LEVELS_PER_STAGE = {0, 1, 2, 3};

    static final class Bench extends HwModule {
        Bench() {
            UInt x = input("x", uint(8));
            Bool en = input("en", bool());
            output("d0", uint(8)).assign(Delay.of("d0r", x, 0));
            output("d3", uint(8)).assign(Delay.of("d3r", x, 3)); // @delay3
            output("dr2", uint(8)).assign(Delay.withReset("dr2r", x, 2, 5));
            output("de2", uint(8)).assign(Delay.enabled("de2r", x, 2, en));
            List<UInt> taps = Delay.line("tap", x, 2);
            for (int i = 0; i < taps.size(); i++) {
                output("tap" + i, uint(8)).assign(taps.get(i));
            }

            Counter c5 = Counter.upTo("c5", 5, en);
            Counter c7 = Counter.upTo("c7", 7, en);
            Counter cc = Counter.upTo("cc", 2, c5.wrap());
            UInt last = input("last", uint(4));
            Counter ch = Counter.upTo("ch", last, en);
            ports("c5", c5);
            ports("c7", c7);
            ports("cc", cc);
            ports("ch", ch);

            Vec<SInt> t = input("t", vec(LANES, sint(8)));
            for (int n : TREE_TERMS) {
                for (int k : LEVELS_PER_STAGE) {
                    ReductionTree.Result<SInt> sum = ReductionTree.pipelined("sum" + n + "_" + k + "_",
                            t.asList().subList(0, n), SInt::add, k);
                    output("sum" + n + "_" + k, sint(8 + ReductionTree.levels(n))).assign(sum.value());
                }
            }
            List<UInt> unsigned = new ArrayList<>();
            List<Bool> signs = new ArrayList<>();
            for (SInt lane : t) {
                unsigned.add(lane.asUInt());
                signs.add(lane.msb());
            }
            output("max", uint(8)).assign(ReductionTree.of(unsigned, UInt::max));
            output("all_negative", bool()).assign(ReductionTree.pipelined("neg", signs, Bool::and, 1).value());
        }

        private void ports(String name, Counter c) {
            output(name + "_value", uint(c.value().width())).assign(c.value());
            output(name + "_wrap", bool()).assign(c.wrap());
        }
    }

    /** Levels and latency as the test understands them: ceil(log2 n) levels, a register before every k-th but never after the last. */
    static int expectedLatency(int n, int k) {
        int levels = 0;
        while ((1 << levels) < n) {
            levels++;
        }
        return k == 0 || levels == 0 ? 0 : (levels - 1) / k;
    }

    @Test
    void delaysCountersAndTreesMatchTheirModels() {
        RandomGenerator rnd = Seeds.random("LibraryTest");
        Design d = Design.elaborate(Bench::new);
        assertEquals(List.of(), d.warnings());
        CompiledModel model = Hw.model(d, "lib_bench");
        int cycles = 1500;
        try (Simulator sim = model.open()) {
            Port x = sim.port("x"), en = sim.port("en"), last = sim.port("last");
            Port[] t = new Port[LANES];
            for (int i = 0; i < LANES; i++) {
                t[i] = sim.port("t_" + i);
            }
            sim.reset(2);
            List<Long> xs = new ArrayList<>();
            List<long[]> ts = new ArrayList<>();
            long[] shift = new long[2];
            int shiftKnown = 0;
            long c5 = 0, c7 = 0, cc = 0, ch = 0, lastV = 9;
            for (int cycle = 0; cycle < cycles; cycle++) {
                long xv = rnd.nextInt(256);
                boolean env = rnd.nextInt(4) != 0;
                if (cycle % 50 == 0) {
                    lastV = rnd.nextInt(16);
                }
                long[] tv = new long[LANES];
                for (int i = 0; i < LANES; i++) {
                    tv[i] = rnd.nextInt(256) - 128;
                    t[i].set(tv[i]);
                }
                x.set(xv);
                en.set(env ? 1 : 0);
                last.set(lastV);
                xs.add(xv);
                ts.add(tv);
                sim.eval();
                String at = "cycle " + cycle;

                assertEquals(xv, sim.port("d0").get(), at);
                assertEquals(xv, sim.port("tap0").get(), at);
                if (cycle >= 3) {
                    assertEquals(xs.get(cycle - 3), sim.port("d3").get(), at);
                }
                if (cycle >= 2) {
                    assertEquals(xs.get(cycle - 2), sim.port("tap2").get(), at);
                }
                if (cycle >= 1) {
                    assertEquals(xs.get(cycle - 1), sim.port("tap1").get(), at);
                }
                assertEquals(cycle >= 2 ? xs.get(cycle - 2) : 5, sim.port("dr2").get(), at + ": delay with reset 5");
                if (shiftKnown >= 2) {
                    assertEquals(shift[1], sim.port("de2").get(), at + ": enabled shift register");
                }

                boolean w5 = env && c5 == 5, w7 = env && c7 == 7, wc = w5 && cc == 2, wh = env && ch == lastV;
                assertEquals(c5, sim.port("c5_value").get(), at);
                assertEquals(w5 ? 1 : 0, sim.port("c5_wrap").get(), at);
                assertEquals(c7, sim.port("c7_value").get(), at);
                assertEquals(w7 ? 1 : 0, sim.port("c7_wrap").get(), at);
                assertEquals(cc, sim.port("cc_value").get(), at);
                assertEquals(wc ? 1 : 0, sim.port("cc_wrap").get(), at);
                assertEquals(ch, sim.port("ch_value").get(), at);
                assertEquals(wh ? 1 : 0, sim.port("ch_wrap").get(), at);

                for (int n : TREE_TERMS) {
                    for (int k : LEVELS_PER_STAGE) {
                        int lat = expectedLatency(n, k);
                        assertEquals(lat, ReductionTree.latency(n, k), "latency of " + n + " terms, " + k + " levels per stage");
                        if (cycle >= lat) {
                            long[] old = ts.get(cycle - lat);
                            long sum = 0;
                            for (int i = 0; i < n; i++) {
                                sum += old[i];
                            }
                            assertEquals(sum, sim.port("sum" + n + "_" + k).get(), at + ": sum of " + n + " every " + k);
                        }
                    }
                }
                long max = 0;
                boolean allNeg = true;
                for (long v : tv) {
                    max = Math.max(max, v & 0xff);
                }
                if (cycle >= ReductionTree.latency(LANES, 1)) {
                    for (long v : ts.get(cycle - ReductionTree.latency(LANES, 1))) {
                        allNeg &= v < 0;
                    }
                    assertEquals(allNeg ? 1 : 0, sim.port("all_negative").get(), at);
                }
                assertEquals(max, sim.port("max").get(), at);

                sim.step();
                if (env) {
                    shift[1] = shift[0];
                    shift[0] = xv;
                    shiftKnown++;
                    c5 = c5 == 5 ? 0 : c5 + 1;
                    c7 = (c7 + 1) % 8;
                    ch = ch == lastV ? 0 : (ch + 1) % 16;
                }
                if (w5) {
                    cc = cc == 2 ? 0 : cc + 1;
                }
            }
        }
    }

    @Test
    void libraryNodesCarryTheCallersLineAndLibraryModulesTheirOwn() {
        String bench = Design.elaborate(Bench::new).emit("lib_bench").file("lib_bench").text();
        String line = "// @[" + SourceLines.at("LibraryTest.java", "@delay3") + "]";
        assertTrue(bench.contains("reg [7:0] d3r_1;  " + line), bench);
        assertFalse(bench.contains("Delay.java") || bench.contains("ReductionTree.java")
                || bench.contains("Counter.java"), bench);
        String fifo = Design.elaborate(() -> Fifo.ofWidth(8, 4)).emit("fifo4").file("fifo4").text();
        assertTrue(fifo.contains("// @[Fifo.java:"), fifo);
        assertFalse(fifo.contains("LibraryTest.java"), fifo);
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Design.elaborate(() -> Fifo.ofWidth(8, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> Design.elaborate(() -> new Fifo<>(() -> uint(8), 3, Fifo.Storage.MEMORY)));
        assertThrows(IllegalArgumentException.class, () -> ReductionTree.latency(4, -1));
        assertThrows(IllegalArgumentException.class, () -> ReductionTree.latency(0, 1));
    }
}
