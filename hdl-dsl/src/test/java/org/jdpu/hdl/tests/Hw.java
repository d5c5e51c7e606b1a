package org.jdpu.hdl.tests;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Verilator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Emits designs for the tests. Every design a test emits goes through {@link #emit}, which also
 * runs {@code verilator --lint-only -Wall} (no waivers; any message fails the test), Yosys
 * {@code read_verilog; hierarchy -check; proc; check -assert} and Icarus {@code iverilog -g2005 -Wall}
 * (again: any message fails; a missing Yosys or Icarus fails the test too).
 */
final class Hw {
    static final Path OUT = Path.of("target", "hdl-tests");
    static final Path RESOURCES = Path.of("src", "test", "resources");

    private Hw() {}

    /** Writes the design to target/hdl-tests/&lt;top&gt;/, lints it, and returns the Verilog files (plus external sources). */
    static List<Path> emit(Design d, String top) {
        Path dir = OUT.resolve(top);
        VerilogOutput out = d.write(dir, top);
        List<Path> files = new ArrayList<>();
        for (String ext : out.externalSources()) {
            files.add(Path.of(ext));
        }
        files.addAll(out.files().stream().map(f -> dir.resolve(f.name())).toList());
        lint(files, top);
        yosysCheck(files, top);
        icarusCheck(files, top);
        return files;
    }

    /** Builds (or fetches from the model cache) a Verilated model of the design, with a fast C++ compile. */
    static CompiledModel model(Design d, String top) {
        List<Path> files = emit(d, top);
        return Verilator.build(ModelSpec.of(top, files).withOptLevel(0));
    }

    static void lint(List<Path> files, String top) {
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", top));
        files.forEach(f -> cmd.add(f.toString()));
        Result r = run(cmd);
        if (r.exit != 0 || !r.output.isBlank()) {
            fail("verilator -Wall is not clean on " + top + ":\n" + r.output);
        }
    }

    /**
     * The suite's Yosys and Icarus checks are part of what it proves, so a missing tool fails the
     * test with the install hint instead of silently skipping the check ('make test' installs both).
     */
    static void requireTool(String tool, String versionFlag, String makeTarget) {
        Boolean known = TOOLS.get(tool);
        if (known == null) {
            known = available(tool, versionFlag);
            TOOLS.put(tool, known);
        }
        if (!known) {
            fail(tool + " is not installed; run 'make " + makeTarget + "' (or 'make test', which installs it)");
        }
    }

    private static final Map<String, Boolean> TOOLS = new ConcurrentHashMap<>();

    static void yosysCheck(List<Path> files, String top) {
        requireTool("yosys", "-V", "deps-synth");
        StringBuilder script = new StringBuilder("read_verilog");
        files.forEach(f -> script.append(' ').append(f));
        script.append("; hierarchy -check -top ").append(top).append("; proc; check -assert");
        Result r = run(List.of("yosys", "-q", "-p", script.toString()));
        assertEquals(0, r.exit, () -> "Yosys check failed on " + top + ":\n" + r.output);
    }

    static void icarusCheck(List<Path> files, String top) {
        requireTool("iverilog", "-V", "deps-iverilog");
        List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2005", "-Wall", "-o", "/dev/null", "-s", top));
        files.forEach(f -> cmd.add(f.toString()));
        Result r = run(cmd);
        if (r.exit != 0 || !r.output.isBlank()) {
            fail("iverilog -g2005 -Wall is not clean on " + top + ":\n" + r.output);
        }
    }

    private static boolean available(String tool, String versionFlag) {
        try {
            return run(List.of(tool, versionFlag)).exit == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    record Result(int exit, String output) {}

    static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
