package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.importer.onnx.OnnxModelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dpu accuracy} on the committed, trained residual/depthwise model (the small one: its import
 * takes well under a second) over the first 50 test images through ONNX Runtime and the golden model,
 * and its messages for bad input.
 */
class AccuracyCommandTest {
    private static final Path MODELS = Path.of("").toAbsolutePath().getParent().getParent().resolve("testbench/models");
    private static final Pattern LINE = Pattern.compile(
            "ACCURACY model=resdw28 float=(\\d\\.\\d{4}) int8=(\\d\\.\\d{4}) rtl=n/a rtl_images=0 rtl_mismatches=0");

    @TempDir
    Path tmp;

    @Test
    void theTrainedModelIsAccurateInFloatAndInt8() {
        Result r = CliCapture.run(new AccuracyCommand(), "--model", MODELS.resolve("resdw28.onnx").toString(),
                "--dataset", "fashion-mnist", "--images", "50");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("MODEL model=resdw28 input=[1,1,28,28] layers="), r.out());
        Matcher m = LINE.matcher(r.out());
        assertTrue(m.find(), r.out());
        System.out.println(m.group());
        double fl = Double.parseDouble(m.group(1)), q = Double.parseDouble(m.group(2));
        // Ten classes: a broken flow scores about 0.1; the trained model over 50 images well above 0.6.
        assertTrue(fl >= 0.6, "float top-1 " + fl);
        assertTrue(q >= 0.6 && Math.abs(q - fl) <= 0.1, "int8 top-1 " + q + " against float " + fl);
    }

    /**
     * The engine part on a network it runs today (two strided convolutions and a dense layer that
     * becomes a 7x7 convolution, random weights): every layer of two images bit-exact on B512's RTL,
     * the engine's classes the golden model's, and a cycle-model frame rate.
     */
    @Test
    void theEngineRunsTheImportedNetworkBitExact() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(5).input("image", -1, 1, 28, 28);
        String t = b.relu(b.conv("image", 1, 8, 5, 2, 2, 1));
        t = b.relu(b.conv(t, 8, 16, 5, 2, 2, 1));
        t = b.node("Flatten", new String[] {t});
        b.output(b.gemm(t, 16 * 7 * 7, 10));
        Path model = b.write(tmp.resolve("convs.onnx"));
        Result r = CliCapture.run(new AccuracyCommand(), "--model", model.toString(), "--dataset", "fashion-mnist",
                "--images", "2", "--rtl-images", "2", "--arch", "B512", "--cycle-model", "B512");
        assertEquals(0, r.exit(), r.err());
        Matcher m = Pattern.compile("ACCURACY model=convs float=(\\S+) int8=(\\S+) rtl=(\\S+) rtl_images=2 rtl_mismatches=0")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        // The same two images: the engine's classes are the golden model's when every layer is bit-exact.
        assertEquals(m.group(2), m.group(3), r.out());
        assertTrue(Pattern.compile("PERF model=convs arch=B512 cycles=\\d+ fps_300mhz=\\d").matcher(r.out()).find(), r.out());
    }

    /**
     * The trained residual/depthwise model through the engine: its depthwise layer runs on the core
     * as a block-diagonal convolution, and every layer of two images is bit-exact on B512's RTL.
     */
    @Test
    void theTrainedDepthwiseModelRunsOnTheEngineBitExact() {
        Result r = CliCapture.run(new AccuracyCommand(), "--model", MODELS.resolve("resdw28.onnx").toString(),
                "--dataset", "fashion-mnist", "--images", "2", "--rtl-images", "2", "--arch", "B512");
        assertEquals(0, r.exit(), r.err());
        Matcher m = Pattern.compile("ACCURACY model=resdw28 float=(\\S+) int8=(\\S+) rtl=(\\S+) rtl_images=2 rtl_mismatches=0")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(m.group(2), m.group(3), r.out());
    }

    @Test
    void badInputIsOneLine() throws Exception {
        Path model = MODELS.resolve("resdw28.onnx");
        assertError("--dataset must be one of [fashion-mnist], got 'mnist'",
                "--model", model.toString(), "--dataset", "mnist");
        assertError("--images must be in 1..10000, got 0", "--model", model.toString(), "--dataset", "fashion-mnist",
                "--images", "0");
        assertError("--rtl-images must be in 0..10000, got -1", "--model", model.toString(), "--dataset", "fashion-mnist",
                "--rtl-images", "-1");
        Path missing = tmp.resolve("none.onnx");
        assertError(missing + ": no such file", "--model", missing.toString(), "--dataset", "fashion-mnist");
        Path tflite = Files.writeString(tmp.resolve("m.tflite"), "x");
        assertError(tflite + ": --model takes a float ONNX model (.onnx)", "--model", tflite.toString(),
                "--dataset", "fashion-mnist");
        Path net = Files.writeString(tmp.resolve("network.json"), "[]");
        assertError(net + ": no model-edge.json beside it", "--network", net.toString(), "--dataset", "fashion-mnist");
        assertError("'B7'", "--model", model.toString(), "--dataset", "fashion-mnist", "--arch", "B7");
    }

    private static void assertError(String expected, String... args) {
        Result r = CliCapture.run(new AccuracyCommand(), args);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }
}
