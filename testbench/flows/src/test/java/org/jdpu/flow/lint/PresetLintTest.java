package org.jdpu.flow.lint;

import org.jdpu.flow.DesignSources;
import org.jdpu.flow.EngineDesigns;
import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.Fixtures;
import org.jdpu.flow.GeneratedDesign;
import org.jdpu.flow.Repo;
import org.jdpu.flow.FlowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every checked-in preset lints with zero messages under {@code verilator --lint-only -Wall}
 * (the drift test proves the checked-in Verilog is what the generator emits).
 */
class PresetLintTest {

    @Test
    void allEightPresetsLintWithoutAnyWarning() throws Exception {
        VerilatorLint lint = new VerilatorLint(ExternalTool.VERILATOR);
        // Two at a time: Verilator is single-threaded and the machine has two cores.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<VerilatorLint.Result>> results = new ArrayList<>();
            for (String arch : EngineDesigns.presetNames()) {
                results.add(pool.submit(() -> lint.lint(DesignSources.fromDirectory(Repo.generated(arch), GeneratedDesign.TOP))));
            }
            List<String> dirty = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                VerilatorLint.Result r = results.get(i).get();
                System.out.printf("lint %s: %s (%.1f s)%n", EngineDesigns.presetNames().get(i),
                        r.clean() ? "clean" : r.messages().size() + " messages", r.run().elapsed().toMillis() / 1000.0);
                if (!r.clean()) dirty.add(EngineDesigns.presetNames().get(i) + ":\n" + r.describe(10));
            }
            assertTrue(dirty.isEmpty(), "verilator --lint-only -Wall is not clean:\n" + String.join("\n", dirty));
        } finally {
            pool.shutdownNow();
        }
    }

    @TempDir
    Path tmp;

    @Test
    void lintReportsEveryWarningOfADirtyDesign() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dirty"));
        Files.writeString(dir.resolve("dirty.v"), "module dirty(input wire [7:0] a, output wire [3:0] y);\n  assign y = a;\nendmodule\n");
        Files.writeString(dir.resolve("filelist.f"), "dirty.v\n");
        VerilatorLint.Result r = new VerilatorLint(ExternalTool.VERILATOR).lint(DesignSources.fromDirectory(dir, "dirty"));
        assertFalse(r.clean());
        assertTrue(r.messages().stream().anyMatch(m -> m.startsWith("%Warning-WIDTH")), r.messages().toString());
        assertTrue(new VerilatorLint(ExternalTool.VERILATOR).lint(Fixtures.mac()).clean(), "the MAC fixture is clean");
    }

    @Test
    void nothingIsLeftBehindByABrokenDesignOrAFailingTool() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(dir.resolve("broken.v"), "module broken(input wire a;\nendmodule\n");
        Files.writeString(dir.resolve("filelist.f"), "broken.v\n");
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        DesignSources broken = DesignSources.fromDirectory(dir, "broken");

        VerilatorLint.Result r = new VerilatorLint(ExternalTool.VERILATOR, scratch).lint(broken);
        assertFalse(r.clean());
        assertTrue(r.messages().stream().anyMatch(m -> m.startsWith("%Error")), r.messages().toString());
        assertEmpty(scratch);

        VerilatorLint missing = new VerilatorLint(new ExternalTool("no-such-verilator", "deps"), scratch);
        assertThrows(FlowException.class, () -> missing.lint(broken));
        assertEmpty(scratch);
    }

    private static void assertEmpty(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
    }
}
