package org.jdpu.sim;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waveforms on a real clock, limited to a window of cycles and to a scope, read back as VCD. */
class WaveTest {
    static CompiledModel counter, hier;

    @BeforeAll
    static void build() {
        counter = Verilator.build(Fixtures.spec("counter").withTrace(Trace.VCD));
        hier = Verilator.build(ModelSpec.of("hier", Fixtures.verilog("hier.v"), Fixtures.verilog("counter.v"))
                .withOptLevel(Fixtures.TEST_OPT_LEVEL).withTrace(Trace.VCD));
    }

    /** reset(1), then 20 enabled cycles: count after edge c (c >= 1, counting from 0) is c. */
    private static void run(Simulator sim) {
        sim.reset(1);
        sim.port("en").set(1);
        sim.step(20);
    }

    @Test
    void timeIsPicosecondsOfTheDefault300MhzClock(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.vcd");
        try (Simulator sim = counter.open(file)) {
            assertEquals(WaveOptions.of(file), sim.waveOptions());
            run(sim);
        }
        Vcd vcd = Vcd.read(file);
        assertEquals("1ps", vcd.timescale());
        // period round(10^6 / 300) = 3333 ps; edge k falls at 3333 k and rises 1666 ps later
        List<Vcd.Change> clk = vcd.of("TOP.clk");
        assertEquals(new Vcd.Change(0, clk.getFirst().id(), "0"), clk.get(0));
        assertEquals(new Vcd.Change(1666, clk.getFirst().id(), "1"), clk.get(1));
        assertEquals(new Vcd.Change(3333, clk.getFirst().id(), "0"), clk.get(2));
        assertEquals(2 * 21, clk.size(), "21 edges, two changes each");
        // the eval() that ends reset is 1 ps after the reset's rising edge
        assertEquals("0", vcd.valueAt("TOP.rst", 1667));
        assertEquals("1", vcd.valueAt("TOP.rst", 1666));
        // en set after reset shows with the next edge; count changes at rising edges only
        List<Vcd.Change> count = vcd.of("TOP.counter.count");
        assertEquals(0, count.get(0).time());
        assertEquals(new Vcd.Change(3333 + 1666, count.getFirst().id(), "00000001"), count.get(1));
        assertEquals(new Vcd.Change(20 * 3333 + 1666, count.getFirst().id(), "00010100"), count.getLast());
        assertEquals(20 * 3333 + 1666, vcd.times().getLast(), "the last rising edge is the last time");
    }

    @Test
    void clockFrequencySetsThePeriod(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.vcd");
        try (Simulator sim = counter.open(WaveOptions.of(file).withClockMhz(125))) {
            run(sim);
        }
        Vcd vcd = Vcd.read(file);
        List<Vcd.Change> clk = vcd.of("TOP.clk");
        assertEquals(List.of(0L, 4000L, 8000L, 12000L), clk.subList(0, 4).stream().map(Vcd.Change::time).toList());
        assertEquals(20 * 8000 + 4000, vcd.times().getLast());
        // 333.3 MHz: 3000.3 ps rounds to 3000; 333.2 MHz: 3001.2 ps rounds to 3001, split 1500 low, 1501 high
        assertEquals(3000, WaveOptions.of(file).withClockMhz(333.3).periodPs());
        assertEquals(1500, WaveOptions.of(file).withClockMhz(333.2).lowPs());
        assertEquals(3001, WaveOptions.of(file).withClockMhz(333.2).periodPs());
    }

    @Test
    void windowDumpsOnlyItsCycles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.vcd");
        try (Simulator sim = counter.open(WaveOptions.of(file).withWindow(5, 9))) {
            run(sim);
            assertEquals(21, sim.cycle());
        }
        Vcd vcd = Vcd.read(file);
        // cycle 5 starts with the falling half of edge 5; cycle 9 ends with the rising half of edge 9
        assertEquals(5 * 3333, vcd.times().getFirst());
        assertEquals(9 * 3333 + 1666, vcd.times().getLast());
        for (Vcd.Change c : vcd.changes()) {
            assertTrue(c.time() >= 5 * 3333 && c.time() <= 9 * 3333 + 1666, "change outside the window: " + c);
        }
        // the first dump holds every value: the count the window starts from
        assertEquals("00000100", vcd.valueAt("TOP.counter.count", 5 * 3333));
        assertEquals(List.of("00000100", "00000101", "00000110", "00000111", "00001000", "00001001"),
                vcd.of("TOP.counter.count").stream().map(Vcd.Change::value).toList());
        assertEquals(10, vcd.of("TOP.clk").size(), "5 edges, two changes each");
    }

    @Test
    void windowAfterTheRunLeavesOnlyTheHeader(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.vcd");
        try (Simulator sim = counter.open(WaveOptions.of(file).withWindow(1000, 2000))) {
            run(sim);
        }
        Vcd vcd = Vcd.read(file);
        assertEquals(List.of(), vcd.times());
        assertEquals(List.of(), vcd.changes());
        assertTrue(vcd.ids().containsKey("TOP.counter.count"));
    }

    @Test
    void scopeKeepsOnlyTheSignalsUnderIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("h.vcd");
        try (Simulator sim = hier.open(WaveOptions.of(file).withScope("hier.u_a"))) {
            sim.reset(1);
            sim.port("en_a").set(1);
            sim.port("en_b").set(1);
            sim.step(3);
        }
        Vcd vcd = Vcd.read(file);
        assertFalse(vcd.ids().isEmpty());
        for (String name : vcd.ids().keySet()) assertTrue(name.startsWith("TOP.hier.u_a."), name + " is outside the scope");
        assertEquals(List.of("TOP.hier.u_a.at_max", "TOP.hier.u_a.clk", "TOP.hier.u_a.count", "TOP.hier.u_a.en",
                "TOP.hier.u_a.rst"), vcd.ids().keySet().stream().sorted().toList());
        assertEquals("00000011", vcd.valueAt("TOP.hier.u_a.count", vcd.times().getLast()));

        Path all = dir.resolve("all.vcd");
        try (Simulator sim = hier.open(WaveOptions.of(all).withScope("TOP.hier"))) {
            sim.step(1);
        }
        Vcd whole = Vcd.read(all);
        assertTrue(whole.ids().containsKey("TOP.hier.u_b.count") && whole.ids().containsKey("TOP.hier.count_a"));
        assertFalse(whole.ids().containsKey("TOP.count_a"), "the top ports' TOP scope is outside TOP.hier");
    }

    @Test
    void scopesComeFromTheNetlistAndUnknownOnesAreRefused(@TempDir Path dir) {
        assertEquals(List.of("TOP", "TOP.hier", "TOP.hier.u_a", "TOP.hier.u_b"), hier.scopes());
        VerilatorException e = assertThrows(VerilatorException.class,
                () -> hier.open(WaveOptions.of(dir.resolve("x.vcd")).withScope("hier.u_c")));
        assertEquals("no scope 'hier.u_c' in the waveform of hier; its scopes are: TOP, TOP.hier, TOP.hier.u_a, TOP.hier.u_b",
                e.getMessage());
    }

    @Test
    void badOptionsAreRefused(@TempDir Path dir) {
        Path f = dir.resolve("x.vcd");
        assertThrows(IllegalArgumentException.class, () -> WaveOptions.of(f).withClockMhz(0));
        assertThrows(IllegalArgumentException.class, () -> WaveOptions.of(f).withClockMhz(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> WaveOptions.of(f).withWindow(10, 9));
        assertThrows(IllegalArgumentException.class, () -> WaveOptions.of(f).withWindow(-1, 9));
        assertThrows(IllegalArgumentException.class, () -> WaveOptions.of(f).withScope("a..b"));
    }
}
