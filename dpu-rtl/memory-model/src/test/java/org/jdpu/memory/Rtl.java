package org.jdpu.memory;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Verilator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Elaborates a design for the tests, writes its Verilog to target/memory-tests/&lt;top&gt;/, checks
 * it with {@code verilator --lint-only -Wall} and {@code iverilog -g2005 -Wall} (any message fails)
 * and builds the Verilated model.
 */
final class Rtl {
    private Rtl() {}

    /** The emitted files of a design, lint-checked. */
    static List<Path> emit(Supplier<? extends HwModule> generator, String top) {
        Path dir = Path.of("target", "memory-tests", top);
        VerilogOutput out = Design.elaborate(generator).write(dir, top);
        List<Path> files = out.files().stream().map(f -> dir.resolve(f.name())).toList();
        List<String> lint = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", top));
        files.forEach(f -> lint.add(f.toString()));
        Result r = run(lint);
        if (r.exit != 0 || !r.output.isBlank()) {
            fail("verilator -Wall is not clean on " + top + ":\n" + r.output);
        }
        List<String> icarus = new ArrayList<>(List.of("iverilog", "-g2005", "-Wall", "-o", "/dev/null", "-s", top));
        files.forEach(f -> icarus.add(f.toString()));
        Result i = run(icarus);
        if (i.exit != 0 || !i.output.isBlank()) {
            fail("iverilog -g2005 -Wall is not clean on " + top + ":\n" + i.output);
        }
        return files;
    }

    /** The Verilated model (from the model cache when nothing changed), optimised for run time. */
    static CompiledModel model(Supplier<? extends HwModule> generator, String top) {
        return Verilator.build(ModelSpec.of(top, emit(generator, top)));
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
            fail("cannot run " + cmd.get(0) + ": " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            return null;
        }
    }

    static void assertClean(Result r) {
        assertEquals(0, r.exit, r.output);
    }
}
