package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.dataset.FashionMnist;
import org.jdpu.dataset.LabelledImages;
import org.jdpu.importer.accuracy.GoldenClassifier;
import org.jdpu.importer.accuracy.Top1;
import org.jdpu.spec.NetworkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dpu demo}: bad options are refused before any work, and the trained CustomNet goes through
 * import, the golden model and the network engine with every layer checked.
 */
class DemoCommandTest {
    private static final Path MODEL = Path.of("").toAbsolutePath().getParent().getParent()
            .resolve(DemoCommand.DEFAULT_MODEL);

    @TempDir
    Path tmp;

    private static void assertRefused(String message, String... args) {
        Result r = CliCapture.run(new DemoCommand(), args);
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        assertEquals("demo: " + message + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void badOptionsAreRefusedUpFront() {
        assertRefused("--images must be in 1..100, got 0", "--model", MODEL.toString(), "--images", "0");
        assertRefused("--test-images must be in 1..10000, got 10001", "--model", MODEL.toString(), "--test-images", "10001");
        Path missing = tmp.resolve("none.onnx");
        assertRefused(missing + ": no such file", "--model", missing.toString());
        assertRefused(tmp.resolve("m.tflite") + ": --model takes a float ONNX model (.onnx)",
                "--model", tmp.resolve("m.tflite").toString());
        Result r = CliCapture.run(new DemoCommand(), "--model", MODEL.toString(), "--arch", "B9999");
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void theTrainedCustomNetRunsOnTheEngineBitExact() {
        Path out = tmp.resolve("network");
        Result r = CliCapture.run(new DemoCommand(), "--model", MODEL.toString(), "--images", "1",
                "--test-images", "300", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Matcher m = Pattern.compile("(?m)^DEMO model=customnet28 arch=B512 int8_top1=(\\d\\.\\d{4}) test_images=300 "
                + "rtl_images=1 rtl_correct=(\\d) rtl_agrees_with_golden=1 mismatches=0 cycles=(\\d+) fps_300mhz=\\S+$")
                .matcher(r.out());
        assertTrue(m.find(), r.out());

        // The top-1 printed is the golden model's on the network the demo kept, over the same images.
        LabelledImages test = FashionMnist.test(300);
        GoldenClassifier golden = GoldenClassifier.load(out.resolve(NetworkWriter.NETWORK_FILE), test.pixelsPerImage());
        assertEquals(Top1.of(golden.predict(test, 300), test).format(), m.group(1));
        assertTrue(Double.parseDouble(m.group(1)) > 0.7, "a trained model scores far above chance: " + m.group(1));

        for (int i = 0; i < 1; i++) {
            assertTrue(Pattern.compile("(?m)^ +image " + i + ": label .* 7 of 7 layers bit-exact; [\\d,]+ cycles, as the "
                    + "cycle model predicts").matcher(r.out()).find(), r.out());
        }
        for (var l : golden.network().layers()) {
            assertTrue(Pattern.compile("(?m)^ +" + Pattern.quote(l.name()) + " .* bit-exact$").matcher(r.out()).find(), r.out());
            assertTrue(Pattern.compile("(?m)^ +" + Pattern.quote(l.name()) + " .* modelled$").matcher(r.out()).find(), r.out());
        }
        assertTrue(r.out().contains("B4096 by the model: "), r.out());
        assertTrue(Files.isRegularFile(out.resolve("model-edge.json")), "the imported network is kept in --out");
    }
}
