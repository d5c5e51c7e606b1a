package org.jdpu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dpu dse} ranks configurations with the driver's lowering choice, or as written under --no-augment. */
class DseCommandTest {
    @TempDir
    Path tmp;

    /** The seed CustomNet's first convolution: 224x224x3 -> 32, 5x5, pad 2. */
    private static final String CONV1 = """
            {"op": "conv2d", "input": {"h": 224, "w": 224, "c": 3}, "output_channels": 32,
             "kernel": [5, 5], "stride": [1, 1], "dilation": [1, 1], "padding": [2, 2, 2, 2],
             "quant": {"mode": "shift", "fp_input": 4, "fp_weights": 7, "fp_bias": 6, "fp_output": 4},
             "activation": {"type": "relu"}}""";

    private static String dse(String... args) {
        CliCapture.Result r = CliCapture.run(new DseCommand(), args);
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }

    /** The row of {@code name} in the presets table, split on blanks. */
    private static List<String> presetRow(String out, String name) {
        String presets = out.substring(out.indexOf("\npresets"));
        return presets.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .map(l -> List.of(l.trim().split("\\s+"))).orElseThrow(() -> new AssertionError(name + " missing: " + out));
    }

    @Test
    void conv1OnB512UsesTheDriversChoiceUnlessNoAugment() throws IOException {
        Path layer = tmp.resolve("conv1.json");
        Files.writeString(layer, CONV1);

        String fastest = dse("--layer", layer.toString(), "--max-macs", "256");
        assertTrue(fastest.contains("each layer on its fastest lowering"), fastest);
        List<String> b512 = presetRow(fastest, "B512");
        assertEquals("502,510", b512.get(2), fastest);
        assertEquals("augmented", b512.get(5), fastest);

        String direct = dse("--layer", layer.toString(), "--max-macs", "256", "--no-augment");
        assertTrue(direct.contains("every layer as written (--no-augment)"), direct);
        List<String> b512Direct = presetRow(direct, "B512");
        assertEquals("1,255,150", b512Direct.get(2), direct);
        assertEquals("direct", b512Direct.get(5), direct);
    }

    @Test
    void withDdrTheWholeProgramModelAddsTheMemoryTime() throws IOException {
        Path layer = tmp.resolve("conv1.json");
        Files.writeString(layer, CONV1);
        String out = dse("--layer", layer.toString(), "--max-macs", "256", "--top", "1", "--ddr");
        assertTrue(out.contains("with DDR"), out);
        List<String> b512 = presetRow(out, "B512");
        long compute = Long.parseLong(b512.get(2).replace(",", ""));
        long withDdr = Long.parseLong(b512.get(5).replace(",", ""));
        // The program waits for its first loads and its last saves: more than compute, but the loads of the
        // next tiles overlap the current one, so not by much on this compute-bound layer.
        assertTrue(withDdr > compute && withDdr < compute * 1.1, out);
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", (double) withDdr / compute), b512.get(6), out);
    }

    @Test
    void presetsALayerDoesNotFitAreNamedWithTheReason() throws IOException {
        // 768 input channels, 12x12 dilated by 3 over 40x40: one output pixel reads a 34x34 window of a slice
        // of 14 channel groups on ICP 8 (144 taps x 14 groups fit a weight bank), 16,184 words, more than the
        // 2,048 of one activation bank (PP 1); on B4096 a slice of 12 groups of 16, 13,872 of 16,384.
        Path layer = tmp.resolve("wide.json");
        Files.writeString(layer, CONV1.replace("\"c\": 3", "\"c\": 768").replace("224", "40")
                .replace("\"kernel\": [5, 5]", "\"kernel\": [12, 12]").replace("\"dilation\": [1, 1]", "\"dilation\": [3, 3]"));
        String out = dse("--layer", layer.toString(), "--top", "2");
        presetRow(out, "B4096");
        String left = out.substring(out.indexOf("\nleft out (a layer does not fit the configuration):"));
        assertTrue(left.contains(layer + ": one output pixel reads 16184 input words but the activation buffer holds 2048"),
                out);
        assertTrue(left.matches("(?s).*\n  \\d+ other configurations, e\\.g\\. 1x2x2: .*"), out);
        assertFalse(left.contains("B4096"), out);
    }

    @Test
    void aBudgetBeyondTheLargestConfigurationIsAUsageProblem() {
        CliCapture.Result r = CliCapture.run(new DseCommand(), "--max-macs", "9216");
        assertEquals(2, r.exit(), r.err());
        assertEquals("dse: --max-macs must be in 1..8192 (the most multipliers a configuration may have), got 9216"
                + System.lineSeparator(), r.err());
    }

    @Test
    void theDefaultNetworkAugmentsOnlyItsFirstLayerAndRanksByThoseCycles() {
        String out = dse("--top", "5");
        assertEquals("augmented,direct,direct", presetRow(out, "B512").get(5), out);
        List<Long> ranked = out.substring(out.indexOf("\nfastest "), out.indexOf("\npresets")).lines().skip(2)
                .filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.trim().split("\\s+")[2].replace(",", ""))).toList();
        assertEquals(5, ranked.size(), out);
        for (int i = 1; i < ranked.size(); i++) assertTrue(ranked.get(i - 1) <= ranked.get(i), out);
    }
}
