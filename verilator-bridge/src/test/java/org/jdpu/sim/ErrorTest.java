package org.jdpu.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every user-facing failure ends in one clear message. */
class ErrorTest {

    @Test
    void verilogThatDoesNotCompileShowsVerilatorsError() {
        VerilatorException e = assertThrows(VerilatorException.class, () -> Verilator.build(Fixtures.spec("broken")));
        String m = e.getMessage();
        assertTrue(m.startsWith("Verilator could not compile top module 'broken'"), m);
        assertTrue(m.contains("broken.v:6:20: Can't find definition of variable: 'missing_signal'"), m);
    }

    @Test
    void missingSourceAndWrongTopAreNamed(@TempDir Path dir) {
        VerilatorException e = assertThrows(VerilatorException.class,
                () -> Verilator.build(ModelSpec.of("x", dir.resolve("nope.v"))));
        assertEquals("Verilog source not found: " + dir.resolve("nope.v"), e.getMessage());
        VerilatorException top = assertThrows(VerilatorException.class,
                () -> Verilator.build(ModelSpec.of("no_such_top", Fixtures.verilog("counter.v"))));
        assertTrue(top.getMessage().contains("no_such_top"), top.getMessage());
    }

    @Test
    void unknownPortListsTheRealOnes() {
        try (Simulator sim = Verilator.build(Fixtures.spec("counter").withTrace(Trace.VCD)).open()) {
            VerilatorException e = assertThrows(VerilatorException.class, () -> sim.port("enable"));
            assertEquals("no port 'enable' in counter; its ports are: clk, rst, en, count, at_max", e.getMessage());
        }
    }

    @Test
    void waveformNeedsATraceBuild(@TempDir Path dir) {
        CompiledModel m = Verilator.build(Fixtures.spec("adder200"));
        VerilatorException e = assertThrows(VerilatorException.class, () -> m.open(dir.resolve("x.vcd")));
        assertTrue(e.getMessage().contains("built without waveform support"), e.getMessage());
        try (Simulator sim = m.open()) {
            VerilatorException noClock = assertThrows(VerilatorException.class, sim::step);
            assertTrue(noClock.getMessage().startsWith("model adder200 has no 1-bit input 'clk'"), noClock.getMessage());
            assertThrows(VerilatorException.class, () -> sim.reset(1));
        }
    }

    @Test
    void fatalInTheDesignStopsTheSimulationWithItsMessage() {
        try (Simulator sim = Verilator.build(Fixtures.spec("guard")).open()) {
            sim.step(3);
            assertEquals(3, sim.port("n").get());
            sim.port("trip").set(1);
            VerilatorException e = assertThrows(VerilatorException.class, sim::step);
            assertTrue(e.getMessage().startsWith("the simulation of guard stopped at cycle 3: "), e.getMessage());
            assertTrue(e.getMessage().contains("guard.v:") && e.getMessage().contains("trip was asserted"), e.getMessage());
            IllegalStateException again = assertThrows(IllegalStateException.class, sim::step);
            assertTrue(again.getMessage().contains("stopped earlier"), again.getMessage());
            assertTrue(sim.finished());
        }
    }

    @Test
    void missingToolsNameTheirPackage(@TempDir Path dir) throws Exception {
        // no verilator at all
        Process none = Fixtures.startBuildJvm(dir.resolve("empty").toString(),
                dir.resolve("cache").toString(), "counter", Fixtures.verilog("counter.v").toString());
        // verilator and make present, g++ missing
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : new String[]{"verilator", "make"}) {
            Path wrapper = bin.resolve(tool);
            Files.writeString(wrapper, "#!/bin/sh\nexec " + Toolchain.which(tool) + " \"$@\"\n");
            assertTrue(wrapper.toFile().setExecutable(true));
        }
        Process noCxx = Fixtures.startBuildJvm(bin.toString(),
                dir.resolve("cache").toString(), "counter", Fixtures.verilog("counter.v").toString());
        assertEquals("ERROR Verilator is not installed (no 'verilator' on PATH). Install it with "
                + "'sudo apt-get install verilator', or run 'make deps' as root, which installs it.", Fixtures.output(none));
        assertEquals("ERROR The C++ compiler g++ is not installed (no 'g++' on PATH). Install it with "
                + "'sudo apt-get install g++', or run 'make deps' as root, which installs it.", Fixtures.output(noCxx));
    }
}
