package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dpu import} of a TFLite model, then {@code dpu golden --network} on what it wrote; a bad model is one line. */
class ImportCommandTest {
    @TempDir
    Path tmp;

    private static Path tfliteMicro() {
        String env = System.getenv("JDPU_MODELS");
        Path dir = (env != null && !env.isBlank() ? Path.of(env) : Path.of("../../../shared/models")).resolve("tflite-micro");
        Assumptions.assumeTrue(Files.isDirectory(dir), "assumes the third-party models in " + dir.toAbsolutePath().normalize()
                + " (set JDPU_MODELS to the models folder); skipped without them");
        return dir;
    }

    @Test
    void importsHelloWorldAndTheGoldenModelRunsIt() {
        Path model = tfliteMicro().resolve("hello_world_int8.tflite");
        Path out = tmp.resolve("hello");
        Result r = CliCapture.run(new ImportCommand(), "--model", model.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote " + out + ": 3 layers"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("model-edge.json")));
        Npy.write(tmp.resolve("x.npy"), Int8Tensor.of(new int[] {1, 1, 1, 1}, -63));
        Result g = CliCapture.run(new GoldenCommand(), "--network", out.resolve("network.json").toString(),
                "--input", tmp.resolve("x.npy").toString(), "--out", tmp.resolve("y.npy").toString());
        assertEquals(0, g.exit(), g.err());
        Int8Tensor y = Npy.readInt8(tmp.resolve("y.npy"));
        assertEquals("[1, 1, 1, 1]", Arrays.toString(y.shape()));
        // x = 1.57: sin x = 1, the output's scale 0.00829 and zero point 5 put it near 126.
        assertTrue(Math.abs((y.intAt(0) - 5) * 0.008290957 - 1.0) < 0.05, "y = " + y.intAt(0));
    }

    @Test
    void aTruncatedModelIsOneLineAndNothingIsWritten() throws IOException {
        byte[] full = Files.readAllBytes(tfliteMicro().resolve("person_detect.tflite"));
        Path model = tmp.resolve("cut.tflite");
        Files.write(model, Arrays.copyOf(full, 1000));
        Path out = tmp.resolve("net");
        Result r = CliCapture.run(new ImportCommand(), "--model", model.toString(), "--out", out.toString());
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().strip().endsWith(model + ": truncated or malformed model: model.operator_codes: the vector starts outside the file"), r.err());
        assertFalse(Files.exists(out));
    }
}
