package org.jdpu.rtl.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Verilator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Emits a DMA engine, lints it with {@code verilator --lint-only -Wall} (any message fails) and verilates it. */
final class NetRtl {
    private NetRtl() {}

    static String variant(DpuConfig c, AxiConfig a) {
        return c.fileName() + "-b" + a.dataBytes() + "-l" + a.burstBeats() + "-o" + a.outstanding();
    }

    static CompiledModel build(Supplier<? extends HwModule> generator, String top, String variant) {
        Path dir = Path.of("target", "net-tests", top + "-" + variant);
        Design design = Design.elaborate(generator);
        VerilogOutput out = design.write(dir, top);
        List<Path> files = out.files().stream().map(f -> dir.resolve(f.name())).toList();
        lint(files, top);
        return Verilator.build(ModelSpec.of(top, files).withOptLevel(0));
    }

    static void lint(List<Path> files, String top) {
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", top));
        files.forEach(f -> cmd.add(f.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("verilator lint timed out on " + top);
            }
            if (p.exitValue() != 0 || !output.isBlank()) {
                fail("verilator --lint-only -Wall is not clean on " + top + ":\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
