package org.jdpu.golden.conformance;

import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.UInt8Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conformance harness on hand-made cases in the external folder layout (no third-party data). */
class ConformanceSuiteTest {
    @TempDir
    Path tmp;

    private static final String TFLITE_CASE = """
            {"op": "conv2d", "groups": 1, "input_layout": "NHWC", "weight_layout": "OHWI", "output_layout": "NHWC",
             "input_dtype": "int8", "weight_dtype": "int8", "output_dtype": "int8",
             "stride": [1, 1], "dilation": [1, 1], "padding": {"top": 0, "left": 0, "bottom": 0, "right": 0},
             "input_zero_point": -2, "weight_zero_point": 0, "output_zero_point": 5,
             "requant": {"kind": "tflite_fixed_point_double_rounding", "multiplier": [1073741824], "shift": [-1]},
             "activation_min": -128, "activation_max": 127}""";

    private Path tfliteCase(String name, int... expected) throws IOException {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve("case.json"), TFLITE_CASE);
        // two images of 1x2 pixels: (10 + 2) * 3 + 4 = 40 -> 20 -> 10 -> 15; (-2 + 2) * 3 + 4 = 4 -> 2 -> 1 -> 6
        Npy.write(d.resolve("input.npy"), Int8Tensor.of(new int[] {2, 1, 2, 1}, 10, -2, -2, 10));
        Npy.write(d.resolve("weights.npy"), Int8Tensor.of(new int[] {1, 1, 1, 1}, 3));
        Npy.write(d.resolve("bias.npy"), new Int32Tensor(new int[] {1}, new int[] {4}));
        Npy.write(d.resolve("expected.npy"), Int8Tensor.of(new int[] {2, 1, 2, 1}, expected));
        return d;
    }

    private Path convIntegerCase() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("convinteger"));
        Files.writeString(d.resolve("case.json"), """
                {"op": "conv2d", "groups": 1, "input_layout": "NCHW", "weight_layout": "OIHW", "output_layout": "NCHW",
                 "input_dtype": "uint8", "weight_dtype": "uint8", "output_dtype": "int32",
                 "stride": [1, 1], "dilation": [1, 1], "padding": {"top": 0, "left": 0, "bottom": 0, "right": 1},
                 "input_zero_point": 200, "weight_zero_point": [0, 1],
                 "requant": {"kind": "none_int32_accumulator"}}""");
        // x (uint8, 1x1x1x2) = 210, 190 -> x - zp = 10, -10; kernel 1x2 with right padding 1
        Npy.write(d.resolve("input.npy"), new UInt8Tensor(new int[] {1, 1, 1, 2}, new byte[] {(byte) 210, (byte) 190}));
        // oc0 weights 250, 3 (zp 0); oc1 weights 1, 255 (zp 1 -> 0, 254)
        Npy.write(d.resolve("weights.npy"), new UInt8Tensor(new int[] {2, 1, 1, 2}, new byte[] {(byte) 250, 3, 1, (byte) 255}));
        // oc0: 10*250 - 10*3 = 2470 then -10*250 = -2500; oc1: 10*0 + -10*254 = -2540 then -10*0 = 0
        Npy.write(d.resolve("expected.npy"), new Int32Tensor(new int[] {1, 2, 1, 2}, new int[] {2470, -2500, -2540, 0}));
        return d;
    }

    private String run(ConformanceSuite.Summary[] summary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        summary[0] = ConformanceSuite.run(tmp, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void matchesMismatchesAndOutOfScopeCases() throws IOException {
        tfliteCase("a_good", 15, 6, 6, 15);
        tfliteCase("b_bad", 15, 6, 6, 16);
        convIntegerCase();
        Path grouped = Files.createDirectories(tmp.resolve("d_grouped"));
        Files.writeString(grouped.resolve("case.json"), "{\"op\": \"conv2d_grouped\", \"groups\": 2}");
        ConformanceSuite.Summary[] s = new ConformanceSuite.Summary[1];
        String report = run(s);
        assertEquals(new ConformanceSuite.Summary(2, 1, 1), s[0], report);
        assertTrue(report.contains("a_good") && report.contains("BIT-EXACT     4 elements"), report);
        assertTrue(report.contains("MISMATCH      1 of 2 elements; first: batch 1 flat index 1: expected 16, got 15"), report);
        assertTrue(report.contains("BIT-EXACT     4 elements"), report);
        assertTrue(report.contains("out of scope  conv2d_grouped (groups 2)"), report);
        assertTrue(report.contains("2/3 in-scope cases bit-exact, 1 out of scope"), report);
    }

    @Test
    void anEmptyFolderIsAnError() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> ConformanceSuite.run(tmp, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("no case folders"), e.getMessage());
    }
}
