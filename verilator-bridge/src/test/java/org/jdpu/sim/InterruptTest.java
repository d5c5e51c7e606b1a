package org.jdpu.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C in the middle of the work: a JVM building a model or writing a waveform gets SIGINT, as
 * from a terminal, and must leave neither build directories nor a partial waveform behind.
 */
class InterruptTest {
    /** How a JVM ends on SIGINT once its shutdown hooks have run: 128 + 2. */
    private static final int SIGINT_EXIT = 130;

    @Test
    void sigintDuringABuildLeavesNoBuildDirectory(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("cache");
        Process p = start("build", root.toString(), Fixtures.uniqueCounter(dir, "interrupt").toString());
        // a fresh cache builds Verilator's runtime too: wait until make compiles C++ in a build directory
        Path tmp = root.resolve("tmp");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!compiling(tmp)) {
            assertTrue(p.isAlive(), "the build ended before it could be interrupted");
            assertTrue(System.nanoTime() < deadline, "no build directory with C++ sources appeared in " + tmp);
            Thread.sleep(50);
        }
        int exit = interrupt(p);
        Thread.sleep(1000); // a compiler left running would write again by now
        assertEquals(List.of(), list(tmp), "build directories left in tmp/");
        try (Stream<Path> entries = Files.list(root)) {
            assertEquals(List.of(), entries.map(e -> e.getFileName().toString()).filter(n -> n.startsWith("counter-")).toList(),
                    "no entry published");
        }
        try (Stream<Path> logs = Files.exists(root.resolve("logs")) ? Files.list(root.resolve("logs")) : Stream.empty()) {
            assertEquals(List.of(), logs.toList(), "no failure log for a build that was interrupted");
        }
        assertEquals(SIGINT_EXIT, exit, "ended by the signal");
    }

    @Test
    void sigintDuringAnFstTraceLeavesNoWaveform(@TempDir Path dir) throws Exception {
        interruptTrace(Trace.FST, dir.resolve("w.fst"));
    }

    @Test
    void sigintDuringAVcdTraceLeavesNoWaveform(@TempDir Path dir) throws Exception {
        interruptTrace(Trace.VCD, dir.resolve("w.vcd"));
    }

    private static void interruptTrace(Trace kind, Path wave) throws Exception {
        Verilator.build(Fixtures.spec("counter").withTrace(kind)); // so the child has a cache hit
        Process p = start("trace", kind.name(), wave.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line = out.readLine();
        assertEquals("TRACING", line);
        assertTrue(Files.exists(wave), "the waveform is being written");
        if (kind == Trace.FST) assertTrue(Files.exists(Path.of(wave + ".hier")), "FST keeps its hierarchy aside until it closes");
        int exit = interrupt(p);
        assertFalse(Files.exists(wave), "partial waveform left behind");
        assertFalse(Files.exists(Path.of(wave + ".hier")), ".hier side file left behind");
        assertEquals(List.of(), list(wave.getParent()));
        assertEquals(SIGINT_EXIT, exit, "ended by the signal");
    }

    @Test
    void workThatEndsNormallyDropsItsCleanup(@TempDir Path dir) {
        int before = Cleanup.pending();
        CompiledModel m = Verilator.build(Fixtures.spec("counter").withTrace(Trace.VCD));
        try (Simulator sim = m.open(dir.resolve("w.vcd"))) {
            assertEquals(before + 1, Cleanup.pending());
            sim.step(3);
        }
        assertEquals(before, Cleanup.pending());
        assertTrue(Files.exists(dir.resolve("w.vcd")), "a closed waveform stays");
    }

    private static boolean compiling(Path tmp) throws IOException {
        for (Path d : list(tmp)) {
            if (Files.exists(d.resolve(CacheEntry.OBJ).resolve("jdpu_shim.cpp"))) return true;
        }
        return false;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                InterruptMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Sends SIGINT as a terminal's Ctrl-C would and returns the exit code. */
    private static int interrupt(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the JVM did not end on SIGINT");
        }
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        return p.exitValue();
    }

}
