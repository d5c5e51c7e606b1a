package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.importer.edge.EdgeConversion;
import org.jdpu.importer.edge.ModelEdge;
import org.jdpu.importer.edge.ModelEdgeJson;
import org.jdpu.importer.onnx.OnnxModelBuilder;
import org.jdpu.spec.SpecParser;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dpu import} and {@code dpu golden} on the imported network with the model's own input and
 * output: a float ONNX model built in the test, and TFLite Micro's int8 hello_world; bad models are one line.
 */
class ImportCommandTest {
    @TempDir
    Path tmp;

    private Path model() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(7).input("image", -1, 1, 8, 8);
        String t = b.relu(b.batchNorm(b.conv("image", 1, 4, 3, 1, 1, 1), 4));
        t = b.maxPool(t, 2, 2);
        t = b.node("Flatten", new String[] {t});
        b.output(b.gemm(t, 4 * 4 * 4, 3));
        return b.write(tmp.resolve("small.onnx"));
    }

    private Path floats(String name, int[] shape, long seed) {
        Random r = new Random(seed);
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = r.nextFloat();
        Path f = tmp.resolve(name);
        Npy.writeFloat32(f, new Float32Array(shape, v));
        return f;
    }

    @Test
    void importThenGoldenTakesAndGivesTheModelsTensors() throws Exception {
        Path model = model();
        Path cal = floats("cal.npy", new int[] {16, 1, 8, 8}, 1);
        Path net = tmp.resolve("net");
        Result r = CliCapture.run(new ImportCommand(), "--model", model.toString(), "--calibration", cal.toString(),
                "--out", net.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("imported " + model + ": 3 layers {conv2d=2, maxpool=1}"), r.out());
        assertTrue(Files.exists(net.resolve("network.json")) && Files.exists(net.resolve(ModelEdgeJson.FILE)));

        Path x = floats("x.npy", new int[] {1, 1, 8, 8}, 2);
        Path y = tmp.resolve("y.npy");
        Result g = CliCapture.run(new GoldenCommand(), "--network", net.resolve("network.json").toString(), "--input",
                x.toString(), "--out", y.toString());
        assertEquals(0, g.exit(), g.err());
        assertTrue(g.out().contains("float32[1, 3] (model output"), g.out());
        ModelEdge edge = ModelEdgeJson.read(net.resolve(ModelEdgeJson.FILE));
        Int8Tensor q = EdgeConversion.quantize(edge.input(), Npy.readFloat32(x));
        Int8Tensor expected = (Int8Tensor) NetworkRunner.run(SpecParser.parseNetwork(net.resolve("network.json")), q);
        Float32Array out = Npy.readFloat32(y);
        assertArrayEquals(new int[] {1, 3}, out.shape());
        assertArrayEquals(EdgeConversion.dequantize(edge.outputs().getFirst(), expected).data(), out.data());
    }

    @Test
    void aModelWithTwoOutputsWritesBoth() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(9).input("image", 1, 2, 6, 6);
        String side = b.relu(b.conv("image", 2, 3, 3, 1, 1, 1));
        b.output(side);
        b.output(b.maxPool(b.conv(side, 3, 4, 3, 1, 1, 1), 2, 2));
        Path model = b.write(tmp.resolve("two.onnx"));
        Path net = tmp.resolve("net2");
        Result r = CliCapture.run(new ImportCommand(), "--model", model.toString(), "--calibration",
                floats("cal.npy", new int[] {8, 2, 6, 6}, 3).toString(), "--out", net.toString());
        assertEquals(0, r.exit(), r.err());
        Path y = tmp.resolve("y.npy");
        Result g = CliCapture.run(new GoldenCommand(), "--network", net.resolve("network.json").toString(), "--input",
                floats("x.npy", new int[] {1, 2, 6, 6}, 4).toString(), "--out", y.toString());
        assertEquals(0, g.exit(), g.err());
        assertArrayEquals(new int[] {1, 3, 6, 6}, Npy.readFloat32(y).shape(), "the first model output");
        assertArrayEquals(new int[] {1, 4, 3, 3}, Npy.readFloat32(tmp.resolve("y_1.npy")).shape(), "the second, beside it");
        assertTrue(g.out().contains("y_1.npy: float32[1, 4, 3, 3]"), g.out());
    }

    @Test
    void badModelOrInputIsOneLineExitTwoAndNothingWritten() throws Exception {
        Path bad = Files.write(tmp.resolve("bad.onnx"), new byte[] {8, 1, 18, 3});
        Path net = tmp.resolve("net");
        Result r = CliCapture.run(new ImportCommand(), "--model", bad.toString(), "--calibration", "x.npy", "--out", net.toString());
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("bad.onnx: not"), r.err());
        assertFalse(Files.exists(net));

        Path model = model();
        Path cal = floats("cal.npy", new int[] {4, 1, 8, 8}, 1);
        assertEquals(0, CliCapture.run(new ImportCommand(), "--model", model.toString(), "--calibration", cal.toString(),
                "--out", net.toString()).exit());
        Path x = floats("x.npy", new int[] {1, 8, 8, 1}, 2);
        Result g = CliCapture.run(new GoldenCommand(), "--network", net.resolve("network.json").toString(), "--input",
                x.toString(), "--out", tmp.resolve("y.npy").toString());
        assertEquals(CliRunner.EXIT_USER_ERROR, g.exit());
        assertTrue(g.err().contains("x.npy: shape [1, 8, 8, 1] does not match the model input image [1, 1, 8, 8] (NCHW)"), g.err());
        assertFalse(Files.exists(tmp.resolve("y.npy")));

        // A model-edge.json edited to an output shape the network does not compute.
        Path edge = net.resolve(ModelEdgeJson.FILE);
        Files.writeString(edge, Files.readString(edge).replace("\"shape\" : [ 1, 3 ]", "\"shape\" : [ 1, 5 ]"));
        g = CliCapture.run(new GoldenCommand(), "--network", net.resolve("network.json").toString(), "--input",
                floats("x2.npy", new int[] {1, 1, 8, 8}, 2).toString(), "--out", tmp.resolve("y.npy").toString());
        assertEquals(CliRunner.EXIT_USER_ERROR, g.exit());
        assertTrue(g.err().contains("is [1, 1, 1, 5] in model-edge.json but entry"), g.err());
        assertFalse(Files.exists(tmp.resolve("y.npy")));
    }

    private static Path tfliteMicro() {
        String env = System.getenv("JDPU_MODELS");
        Path dir = (env != null && !env.isBlank() ? Path.of(env) : Path.of("../../../shared/models")).resolve("tflite-micro");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no third-party models in " + dir.toAbsolutePath().normalize()
                    + " (set JDPU_MODELS to the folder that holds tflite-micro/)");
        }
        return dir;
    }

    @Tag("third-party-models")
    @Test
    void importsHelloWorldAndTheGoldenModelRunsIt() {
        Path model = tfliteMicro().resolve("hello_world_int8.tflite");
        Path out = tmp.resolve("hello");
        Result r = CliCapture.run(new ImportCommand(), "--model", model.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("imported " + model + ": 3 layers"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("model-edge.json")));
        ModelEdge edge = ModelEdgeJson.read(out.resolve(ModelEdgeJson.FILE));
        Npy.write(tmp.resolve("x.npy"), Int8Tensor.of(edge.input().shape(), -63));
        Result g = CliCapture.run(new GoldenCommand(), "--network", out.resolve("network.json").toString(),
                "--input", tmp.resolve("x.npy").toString(), "--out", tmp.resolve("y.npy").toString());
        assertEquals(0, g.exit(), g.err());
        Int8Tensor y = Npy.readInt8(tmp.resolve("y.npy"));
        assertEquals(Arrays.toString(edge.outputs().getFirst().shape()), Arrays.toString(y.shape()));
        // x = 1.57: sin x = 1, the output's scale 0.00829 and zero point 5 put it near 126.
        assertTrue(Math.abs((y.intAt(0) - 5) * 0.008290957 - 1.0) < 0.05, "y = " + y.intAt(0));
    }

    @Tag("third-party-models")
    @Test
    void aTruncatedTfliteModelIsOneLineAndNothingIsWritten() throws Exception {
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
