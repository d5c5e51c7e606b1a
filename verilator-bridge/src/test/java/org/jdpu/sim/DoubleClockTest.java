package org.jdpu.sim;

import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A model with a {@code clk2x} input gets it driven at twice {@code clk}'s rate, edge-aligned,
 * by the same native loops (step, reset, batches), and both clocks show in the waveform.
 */
class DoubleClockTest {
    static CompiledModel model;

    @BeforeAll
    static void build() {
        model = Verilator.build(Fixtures.spec("double_rate").withTrace(Trace.VCD));
    }

    @Test
    void twoEdgesOfClk2xPerEdgeOfClkAndResetHoldsBothResets() {
        try (Simulator sim = model.open()) {
            sim.port("d").set(0);
            sim.reset(3);
            assertEquals(0, sim.port("count1x").get());
            assertEquals(0, sim.port("count2x").get());
            sim.step(10);
            assertEquals(10, sim.port("count1x").get());
            assertEquals(20, sim.port("count2x").get());
            // reset ends on a clk edge, so every clk edge finds the 2x phase bit at the same value
            long seen = sim.port("seen1x").get();
            for (int i = 0; i < 5; i++) {
                sim.step();
                assertEquals(seen, sim.port("seen1x").get(), "the 2x phase at clk edges drifted");
            }
        }
    }

    @Test
    void batchRowsReachBothEdgesOfTheirCycle() {
        RandomGenerator rnd = Seeds.random("DoubleClockTest.batch");
        try (Simulator sim = model.open()) {
            Port d = sim.port("d"), acc = sim.port("acc2x"), c1 = sim.port("count1x"), c2 = sim.port("count2x");
            d.set(0);
            sim.reset(2);
            int n = 200;
            try (Batch b = sim.batch(n, List.of(d), List.of(acc, c1, c2))) {
                int[] in = new int[n];
                for (int c = 0; c < n; c++) {
                    in[c] = rnd.nextInt(256);
                    b.set(c, d, in[c]);
                }
                b.run(n);
                int expected = 0;
                for (int c = 0; c < n; c++) {
                    expected = (expected + 2 * in[c]) & 0xff;
                    assertEquals(expected, b.get(c, acc), "acc2x after cycle " + c + "");
                    assertEquals((c + 1) & 0xff, b.get(c, c1));
                    assertEquals((2 * (c + 1)) & 0xff, b.get(c, c2));
                }
            }
        }
    }

    @Test
    void waveformShowsBothClocks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.vcd");
        try (Simulator sim = model.open(file)) {
            sim.port("d").set(1);
            sim.reset(1);
            sim.step(4);
        }
        Vcd vcd = Vcd.read(file);
        // 300 MHz: clk falls at 3333 k and rises 1666 ps later; clk2x rises at both and falls halfway
        List<Long> clk = vcd.of("TOP.clk").stream().map(Vcd.Change::time).toList();
        List<Long> clk2x = vcd.of("TOP.clk2x").stream().map(Vcd.Change::time).toList();
        assertEquals(List.of(0L, 1666L, 3333L, 4999L), clk.subList(0, 4));
        assertEquals(List.of(0L, 833L, 1666L, 2499L, 3333L, 4166L, 4999L, 5832L), clk2x.subList(0, 8));
        assertEquals(2 * 5, clk.size(), "5 edges of clk, two changes each");
        assertEquals(4 * 5, clk2x.size(), "10 edges of clk2x, two changes each");
        assertEquals("00001000", vcd.valueAt("TOP.double_rate.count2x", 4 * 3333 + 1666));
    }
}
