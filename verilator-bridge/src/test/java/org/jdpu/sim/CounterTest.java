package org.jdpu.sim;

import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counter fixture: reset, enable, stepping, cycle count, the port table, VCD output. */
class CounterTest {
    static CompiledModel model;

    @BeforeAll
    static void build() {
        model = Verilator.build(Fixtures.spec("counter").withTrace(Trace.VCD));
    }

    @Test
    void portTableComesFromVerilator() {
        assertEquals(List.of(
                new PortInfo("clk", 1, Direction.INPUT, false),
                new PortInfo("rst", 1, Direction.INPUT, false),
                new PortInfo("en", 1, Direction.INPUT, false),
                new PortInfo("count", 8, Direction.OUTPUT, false),
                new PortInfo("at_max", 1, Direction.OUTPUT, false)), model.ports());
    }

    @Test
    void resetEnableAndWrap() {
        try (Simulator sim = model.open()) {
            Port en = sim.port("en"), count = sim.port("count"), atMax = sim.port("at_max");
            sim.reset(2);
            assertEquals(2, sim.cycle());
            assertEquals(0, count.get());
            sim.step(3);
            assertEquals(0, count.get(), "disabled counter must hold");
            en.set(1);
            sim.step(5);
            assertEquals(5, count.get());
            sim.step(250);
            assertEquals(255, count.get());
            assertEquals(1, atMax.get());
            sim.step();
            assertEquals(0, count.get(), "8-bit counter wraps");
            assertEquals(0, atMax.get());
            assertEquals(2 + 3 + 5 + 250 + 1, sim.cycle());
            sim.step(7);
            sim.reset(1);
            assertEquals(0, count.get(), "reset wins over enable");
        }
    }

    @Test
    void randomEnableMatchesAJavaModel() {
        RandomGenerator rnd = Seeds.random("CounterTest.randomEnable");
        try (Simulator sim = model.open()) {
            Port en = sim.port("en"), count = sim.port("count");
            sim.reset(1);
            int expected = 0;
            for (int i = 0; i < 2000; i++) {
                boolean enable = rnd.nextBoolean();
                en.set(enable ? 1 : 0);
                sim.step();
                if (enable) expected = (expected + 1) & 0xff;
                assertEquals(expected, count.get(), "cycle " + sim.cycle());
            }
        }
    }

    @Test
    void simulatorsAreIndependent() {
        try (Simulator a = model.open(); Simulator b = model.open()) {
            a.reset(1);
            b.reset(1);
            a.port("en").set(1);
            a.step(10);
            b.step(10);
            assertEquals(10, a.port("count").get());
            assertEquals(0, b.port("count").get());
        }
    }

    @Test
    void writesAVcdWaveform(@TempDir Path dir) throws Exception {
        Path vcd = dir.resolve("waves/counter.vcd");
        try (Simulator sim = model.open(vcd)) {
            assertEquals(vcd, sim.waveform());
            sim.reset(1);
            sim.port("en").set(1);
            sim.step(20);
        }
        String text = Files.readString(vcd);
        assertTrue(text.contains("$var wire  8") && text.contains(" count [7:0] $end"), "count declared in the VCD");
        // picoseconds of the default 300 MHz clock: edges 0..20, each rising 1666 ps after it falls at 3333 k
        assertTrue(text.contains("\n#68326\n"), "VCD has the last timestamp");
        assertEquals("#68326", text.lines().filter(l -> l.startsWith("#")).reduce((x, y) -> y).orElseThrow(),
                "nothing after the last rising edge");
        assertTrue(text.contains("b00010100 "), "count reaches 20 in the waveform");
    }

    @Test
    void closedSimulatorRefusesUse() {
        Simulator sim = model.open();
        Port en = sim.port("en"), count = sim.port("count");
        sim.close();
        sim.close(); // idempotent
        assertTrue(sim.isClosed());
        assertThrows(IllegalStateException.class, () -> en.set(1));
        assertThrows(IllegalStateException.class, count::get);
        assertThrows(IllegalStateException.class, sim::step);
        assertThrows(IllegalStateException.class, sim::eval);
        assertThrows(IllegalStateException.class, sim::cycle);
        assertThrows(IllegalStateException.class, () -> sim.port("en"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.step(100));
        assertEquals("the simulator of counter is closed", e.getMessage());
    }
}
