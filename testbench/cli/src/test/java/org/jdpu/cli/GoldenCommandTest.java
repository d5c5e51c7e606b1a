package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.golden.Golden;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.spec.NetworkFixture;
import org.jdpu.spec.SpecParser;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dpu golden} end to end: outputs, exit codes, one-line errors, and no output file on failure. */
class GoldenCommandTest {
    @TempDir
    Path tmp;

    private static Result golden(String... args) {
        return CliCapture.run(new GoldenCommand(), args);
    }

    private String p(String name) {
        return tmp.resolve(name).toString();
    }

    private void assertFailsCleanly(Result r, String... fragments) throws IOException {
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one line on stderr: " + r.err());
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        for (String f : fragments) assertTrue(err.contains(f), "'" + err + "' lacks '" + f + "'");
        assertFalse(Files.exists(tmp.resolve("y.npy")), "no output file on failure");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(q -> q.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void runsOneLayer() {
        NetworkFixture f = new NetworkFixture(tmp);
        Result r = golden("--layer", p("conv.json"), "--input", p("x.npy"), "--weights", p("conv_w.npy"),
                "--bias", p("conv_b.npy"), "--out", p("y.npy"));
        assertEquals(0, r.exit(), r.err());
        Tensor expected = Golden.run(SpecParser.parseLayer(tmp.resolve("conv.json")), f.input, f.convWeights, f.convBias);
        assertEquals(expected, Npy.read(tmp.resolve("y.npy")));
        assertTrue(r.out().contains("int8[1, 6, 6, 4]"), r.out());
    }

    @Test
    void runsANetwork() {
        NetworkFixture f = new NetworkFixture(tmp);
        Result r = golden("--network", p("net.json"), "--input", p("x.npy"), "--out", p("y.npy"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(NetworkRunner.run(SpecParser.parseNetwork(f.network), f.input), Npy.read(tmp.resolve("y.npy")));
    }

    @Test
    void runsDenseGlobalPoolUpsampleAndSoftmaxLayers() throws IOException {
        NetworkFixture f = new NetworkFixture(tmp); // x.npy is [1, 6, 6, 3]
        String[][] layers = {
                {"global.json", """
                    {"op": "global_avgpool", "input": {"h": 6, "w": 6, "c": 3}}""", "int8[1, 1, 1, 3]"},
                {"up.json", """
                    {"op": "upsample", "input": {"h": 6, "w": 6, "c": 3}, "factor": [2, 2]}""", "int8[1, 12, 12, 3]"},
                {"softmax.json", """
                    {"op": "softmax", "input": {"h": 6, "w": 6, "c": 3},
                     "quant": {"mode": "multiplier", "input_multiplier": 1717986918, "input_left_shift": 23}}""",
                        "int8[1, 6, 6, 3]"}};
        for (String[] l : layers) {
            Files.writeString(tmp.resolve(l[0]), l[1]);
            Result r = golden("--layer", p(l[0]), "--input", p("x.npy"), "--out", p("y.npy"));
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains(l[2]), r.out());
            assertEquals(Golden.run(SpecParser.parseLayer(tmp.resolve(l[0])), f.input, null, null), Npy.read(tmp.resolve("y.npy")));
            Files.delete(tmp.resolve("y.npy"));
        }
        Files.writeString(tmp.resolve("dense.json"), """
                {"op": "dense", "input": {"h": 6, "w": 6, "c": 3}, "output_channels": 5,
                 "quant": {"mode": "shift", "fp_input": 4, "fp_weights": 7, "fp_bias": 6, "fp_output": 2}}""");
        byte[] w = new byte[5 * 108];
        for (int i = 0; i < w.length; i++) w[i] = (byte) (i * 37);
        Int8Tensor weights = new Int8Tensor(new int[] {5, 108}, w);
        Npy.write(tmp.resolve("dense_w.npy"), weights);
        Result r = golden("--layer", p("dense.json"), "--input", p("x.npy"), "--weights", p("dense_w.npy"), "--out", p("y.npy"));
        assertEquals(0, r.exit(), r.err());
        assertEquals(Golden.run(SpecParser.parseLayer(tmp.resolve("dense.json")), f.input, weights, null),
                Npy.read(tmp.resolve("y.npy")));
        Files.delete(tmp.resolve("y.npy"));
        assertFailsCleanly(golden("--layer", p("dense.json"), "--input", p("x.npy"), "--weights", p("conv_w.npy"),
                "--out", p("y.npy")), "conv_w.npy", "expected [5, 108] = [output_channels, input.h * input.w * input.c]");
    }

    @Test
    void runsAddAndPoolLayersAndModeNone() throws IOException {
        new NetworkFixture(tmp);
        Files.writeString(tmp.resolve("add.json"), NetworkFixture.ADD.replace("\"c\": 4", "\"c\": 3"));
        Result r = golden("--layer", p("add.json"), "--input", p("x.npy"), "--input-b", p("x.npy"), "--out", p("y.npy"));
        assertEquals(0, r.exit(), r.err());
        Files.writeString(tmp.resolve("pool.json"), NetworkFixture.POOL.replace("\"c\": 4", "\"c\": 3"));
        r = golden("--layer", p("pool.json"), "--input", p("x.npy"), "--out", p("y.npy"));
        assertEquals(0, r.exit(), r.err());
        Files.writeString(tmp.resolve("none.json"), """
                {"op": "conv2d", "input": {"h": 6, "w": 6, "c": 3}, "output_channels": 4, "kernel": [3, 3],
                 "quant": {"mode": "none", "input_zero_point": 3}}""");
        r = golden("--layer", p("none.json"), "--input", p("x.npy"), "--weights", p("conv_w.npy"), "--out", p("y.npy"));
        assertEquals(0, r.exit(), r.err());
        assertEquals("int32[1, 4, 4, 4]", Npy.read(tmp.resolve("y.npy")).describe());
        assertTrue(Npy.read(tmp.resolve("y.npy")) instanceof Int32Tensor);
    }

    @Test
    void badSpec() throws IOException {
        new NetworkFixture(tmp);
        Files.writeString(tmp.resolve("bad.json"), NetworkFixture.CONV.replace("\"kernel\": [3, 3]", "\"kernel\": [3, 30]"));
        assertFailsCleanly(golden("--layer", p("bad.json"), "--input", p("x.npy"), "--weights", p("conv_w.npy"),
                "--out", p("y.npy")), "bad.json: $.kernel[1]: kernel width must be in 1..16, got 30");
        Files.writeString(tmp.resolve("bad.json"), "{not json");
        assertFailsCleanly(golden("--layer", p("bad.json"), "--input", p("x.npy"), "--out", p("y.npy")), "not valid JSON");
    }

    @Test
    void badTensors() throws IOException {
        new NetworkFixture(tmp);
        String[] base = {"--layer", p("conv.json"), "--input", p("x.npy"), "--out", p("y.npy")};
        assertFailsCleanly(golden(cat(base, "--weights", p("dw_w.npy"))),
                "dw_w.npy: weights shape [1, 3, 3, 4] does not match the layer: expected [4, 3, 3, 3]");
        assertFailsCleanly(golden(cat(base, "--weights", p("conv_b.npy"))), "conv_b.npy: dtype is int32");
        assertFailsCleanly(golden(cat(base, "--weights", p("conv_w.npy"), "--bias", p("dw_w.npy"))), "dw_w.npy: dtype is int8");
        assertFailsCleanly(golden(cat(base, "--weights", p("conv_w.npy"), "--bias", p("missing.npy"))), "missing.npy: no such file");
        Files.write(tmp.resolve("trunc.npy"), Arrays.copyOf(Files.readAllBytes(tmp.resolve("conv_w.npy")), 100));
        assertFailsCleanly(golden(cat(base, "--weights", p("trunc.npy"))), "trunc.npy: truncated");
        assertFailsCleanly(golden(base), "conv2d layer", "needs --weights");
        assertFailsCleanly(golden("--layer", p("conv.json"), "--input", p("conv_w.npy"), "--weights", p("conv_w.npy"),
                "--out", p("y.npy")), "conv_w.npy: input shape [4, 3, 3, 3] does not match the layer: expected [1, 6, 6, 3]");
    }

    @Test
    void badOptionCombinations() throws IOException {
        new NetworkFixture(tmp);
        Files.writeString(tmp.resolve("pool.json"), NetworkFixture.POOL.replace("\"c\": 4", "\"c\": 3"));
        assertFailsCleanly(golden("--layer", p("pool.json"), "--input", p("x.npy"), "--weights", p("conv_w.npy"),
                "--out", p("y.npy")), "maxpool layer", "takes no --weights");
        assertFailsCleanly(golden("--network", p("net.json"), "--input", p("x.npy"), "--weights", p("conv_w.npy"),
                "--out", p("y.npy")), "--network takes its tensors from the network file");
        assertFailsCleanly(golden("--network", p("net.json"), "--input", p("conv_w.npy"), "--out", p("y.npy")),
                "conv_w.npy: shape [4, 3, 3, 3] does not match the network input [1, 6, 6, 3]");
        Files.writeString(tmp.resolve("add.json"), NetworkFixture.ADD.replace("\"c\": 4", "\"c\": 3"));
        assertFailsCleanly(golden("--layer", p("add.json"), "--input", p("x.npy"), "--out", p("y.npy")), "needs --input-b");
        assertFailsCleanly(golden("--layer", p("add.json"), "--input", p("x.npy"), "--input-b", p("conv_w.npy"),
                "--out", p("y.npy")), "conv_w.npy: input_b shape");
    }

    @Test
    void picocliUsageErrorsAreOneLineAndNonZero() {
        Result r = golden("--layer", p("a.json"), "--network", p("b.json"), "--input", p("x.npy"), "--out", p("y.npy"));
        assertTrue(r.exit() != 0);
        assertTrue(r.err().contains("mutually exclusive"), r.err());
        r = golden("--input", p("x.npy"), "--out", p("y.npy"));
        assertTrue(r.exit() != 0);
        assertFalse(Files.exists(tmp.resolve("y.npy")));
    }

    @Test
    void anUnwritableOutputIsAUserError() {
        new NetworkFixture(tmp);
        Result r = golden("--layer", p("conv.json"), "--input", p("x.npy"), "--weights", p("conv_w.npy"),
                "--out", p("no/such/dir/y.npy"));
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().contains("cannot write"), r.err());
    }

    private static String[] cat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
