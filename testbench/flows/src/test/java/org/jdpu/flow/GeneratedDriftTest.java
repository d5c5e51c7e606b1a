package org.jdpu.flow;

import org.jdpu.arch.DpuConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * generated/ is checked in: every preset regenerated into a scratch directory must equal it byte
 * for byte, and generated/ holds nothing else.
 */
class GeneratedDriftTest {

    @TempDir
    Path tmp;

    @Test
    void everyPresetRegeneratesByteForByte() {
        List<String> problems = new ArrayList<>();
        for (String arch : EngineDesigns.presetNames()) {
            Path fresh = tmp.resolve(arch);
            GeneratedDesign.write(DpuConfig.parse(arch), fresh);
            List<String> diffs = TreeDiff.compare(Repo.generated(arch), fresh);
            if (!diffs.isEmpty()) {
                problems.add("generated/" + arch + ": " + diffs.size() + " difference(s)\n  " + String.join("\n  ",
                        diffs.size() > 8 ? diffs.subList(0, 8) : diffs));
            }
        }
        assertTrue(problems.isEmpty(), "generated/ has drifted from the generator; run 'make verilog' and commit generated/\n"
                + String.join("\n", problems));
    }

    @Test
    void generatedHoldsExactlyThePresets() throws Exception {
        List<String> present;
        try (var s = Files.list(Repo.root().resolve("generated"))) {
            present = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(EngineDesigns.presetNames().stream().sorted().toList(), present);
    }

    @Test
    void treeDiffNamesMissingExtraAndChangedFiles() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a")), b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("same.v"), "x\n");
        Files.writeString(b.resolve("same.v"), "x\n");
        Files.writeString(a.resolve("stale.v"), "old\n");
        Files.writeString(b.resolve("new.v"), "new\n");
        Files.writeString(a.resolve("top.v"), "line1\nline2\n");
        Files.writeString(b.resolve("top.v"), "line1\nline2 changed\n");
        List<String> d = TreeDiff.compare(a, b);
        assertEquals(3, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("stale.v: no longer generated"), d.get(0));
        assertTrue(d.get(1).startsWith("new.v: generated but missing"), d.get(1));
        assertTrue(d.get(2).startsWith("top.v: differs from line 2") && d.get(2).contains("line2 changed"), d.get(2));
    }
}
