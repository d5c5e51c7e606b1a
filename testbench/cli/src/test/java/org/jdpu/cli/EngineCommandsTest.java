package org.jdpu.cli;

import org.jdpu.cases.LayerCase;

import org.jdpu.cli.CliCapture;
import org.jdpu.cli.CliCapture.Result;
import org.jdpu.cli.CliRunner;
import org.jdpu.cli.CosimCommand;
import org.jdpu.cli.GenerateCommand;
import org.jdpu.golden.Golden;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.SpecParser;
import org.jdpu.cases.DenseHeads;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.spec.Activation;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.spec.SoftmaxSpec;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dpu cosim} and {@code dpu generate} end to end: output, RESULT line, exit codes, one-line errors. */
class EngineCommandsTest {
    @TempDir
    Path tmp;

    private static Result run(Object command, String... args) {
        return CliCapture.run(command, args);
    }

    private Path layer(String json) throws IOException {
        Path p = tmp.resolve("layer.json");
        Files.writeString(p, json);
        return p;
    }

    private static final String CONV = """
            {"op": "conv2d", "input": {"h": 7, "w": 9, "c": 10}, "output_channels": 11,
             "kernel": [3, 3], "stride": [1, 2], "dilation": [1, 1], "padding": [1, 0, 1, 2],
             "quant": {"mode": "shift", "fp_input": 4, "fp_weights": 7, "fp_bias": 6, "fp_output": 4},
             "activation": {"type": "leaky_relu"}}""";

    @Test
    void cosimWritesTheEngineOutputAndPrintsTheResultLine() throws IOException {
        Path l = layer(CONV);
        Conv2dSpec spec = (Conv2dSpec) SpecParser.parseLayer(l);
        LayerCase c = LayerCase.draw("cli", 3, spec, LayerCase.Weights.REALISTIC);
        Npy.write(tmp.resolve("x.npy"), c.operands().input());
        Npy.write(tmp.resolve("w.npy"), c.operands().weights());
        Npy.write(tmp.resolve("b.npy"), c.operands().bias());
        Result r = run(new CosimCommand(), "--core", "--arch", "B512", "--layer", l.toString(),
                "--input", tmp.resolve("x.npy").toString(), "--weights", tmp.resolve("w.npy").toString(),
                "--bias", tmp.resolve("b.npy").toString(), "--out", tmp.resolve("y.npy").toString());
        assertEquals(0, r.exit(), r.err());
        // 10 input channels on ICP 8: 3*3*2 = 18 steps as written, 3*ceil(30/8) = 12 augmented
        assertTrue(r.out().matches("(?s)RESULT arch=B512 cycles=\\d+ total_cycles=\\d+ ideal_cycles=\\d+ "
                + "utilization=0\\.\\d{4} mismatches=0 lowering=augmented\\R"), r.out());
        Tensor golden = Golden.run(spec, c.operands().input(), c.operands().weights(), c.operands().bias());
        assertEquals(golden, Npy.read(tmp.resolve("y.npy")));

        Result direct = run(new CosimCommand(), "--core", "--arch", "B512", "--layer", l.toString(),
                "--input", tmp.resolve("x.npy").toString(), "--weights", tmp.resolve("w.npy").toString(),
                "--bias", tmp.resolve("b.npy").toString(), "--out", tmp.resolve("y2.npy").toString(), "--no-augment");
        assertEquals(0, direct.exit(), direct.err());
        assertTrue(direct.out().matches("(?s)RESULT .* mismatches=0 lowering=direct\\R"), direct.out());
        assertEquals(golden, Npy.read(tmp.resolve("y2.npy")));
        assertTrue(cycles(r.out()) < cycles(direct.out()), r.out() + direct.out());
    }

    @Test
    void aLayerRunsAsAOneLayerNetworkOnTheNetworkEngineByDefault() throws IOException {
        Path l = layer(CONV);
        Conv2dSpec spec = (Conv2dSpec) SpecParser.parseLayer(l);
        LayerCase c = LayerCase.draw("cli", 3, spec, LayerCase.Weights.REALISTIC);
        Npy.write(tmp.resolve("x.npy"), c.operands().input());
        Npy.write(tmp.resolve("w.npy"), c.operands().weights());
        Npy.write(tmp.resolve("b.npy"), c.operands().bias());
        Result r = run(new CosimCommand(), "--arch", "B512", "--layer", l.toString(),
                "--input", tmp.resolve("x.npy").toString(), "--weights", tmp.resolve("w.npy").toString(),
                "--bias", tmp.resolve("b.npy").toString(), "--out", tmp.resolve("y.npy").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s)LAYER .*\\RQUEUES .*\\RRESULT arch=B512 layers=1 cycles=(\\d+) predicted=\\1 .* "
                + "mismatches=0 fault=none protocol=clean lowering=augmented\\R"), r.out());
        Tensor golden = Golden.run(spec, c.operands().input(), c.operands().weights(), c.operands().bias());
        assertEquals(golden, Npy.read(tmp.resolve("y.npy")));
        java.nio.file.Files.delete(tmp.resolve("y.npy"));
        Result refused = run(new CosimCommand(), "--arch", "B512", "--layer", l.toString(), "--no-augment");
        assertFailsCleanly(refused, "add --core");
    }

    private static long cycles(String resultLine) {
        var m = Pattern.compile(" cycles=(\\d+) ").matcher(resultLine);
        assertTrue(m.find(), resultLine);
        return Long.parseLong(m.group(1));
    }

    @Test
    void aNetworkEndingInASoftmaxRunsItsEngineLayersAndTheSoftmaxOnTheHost() throws IOException {
        // A dense layer on a 20x18 map (read as one pixel of the map's bytes), then the host's softmax.
        FeatureShape in = new FeatureShape(20, 18, 2);
        DenseSpec dense = new DenseSpec(in, 6, DenseHeads.quant(in, 4), Activation.NONE);
        Random rnd = new Random(7);
        byte[] w = new byte[6 * 20 * 18 * 2], x = new byte[20 * 18 * 2];
        rnd.nextBytes(w);
        rnd.nextBytes(x);
        Path net = tmp.resolve("net");
        NetworkWriter.write(net, List.of(
                new NetworkWriter.Entry("fc", dense, new Int8Tensor(new int[] {6, 720}, w), null),
                new NetworkWriter.Entry("softmax", new SoftmaxSpec(dense.output(), 1717986918, 23), null, null)));
        Npy.write(tmp.resolve("x.npy"), new Int8Tensor(new int[] {1, 20, 18, 2}, x));
        Result r = run(new CosimCommand(), "--arch", "B512", "--network", net.resolve("network.json").toString(),
                "--input", tmp.resolve("x.npy").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("host layers (run by the golden model on the engine's outputs, as a DPU leaves them "
                + "to the CPU): softmax (softmax)"), r.err());
        assertTrue(r.out().contains("mismatches=0"), r.out());
        assertTrue(r.out().contains("HOST softmax      softmax on the engine's fc: equal to the golden model"), r.out());
        NetworkSpec spec = SpecParser.parseNetwork(net.resolve("network.json"));
        Tensor want = NetworkRunner.run(spec, new Int8Tensor(new int[] {1, 20, 18, 2}, x));
        assertEquals(want, Npy.read(tmp.resolve("out").resolve("softmax.npy")));
        assertTrue(Files.exists(tmp.resolve("out").resolve("fc.npy")));
    }

    @Test
    void refusedLayersAndBadArchitecturesFailWithOneLine() throws IOException {
        Path l = layer(CONV.replace("\"conv2d\"", "\"depthwise_conv2d\"").replace("\"output_channels\": 11",
                "\"depth_multiplier\": 1"));
        Result r = run(new CosimCommand(), "--core", "--arch", "B512", "--layer", l.toString(), "--seed", "1");
        assertFailsCleanly(r, "not supported by the engine yet");
        r = run(new CosimCommand(), "--core", "--arch", "5x0x5", "--layer", layer(CONV).toString());
        assertFailsCleanly(r, "architecture '5x0x5'");
        r = run(new CosimCommand(), "--core", "--arch", "B512", "--layer", layer(CONV).toString(),
                "--input", tmp.resolve("missing.npy").toString());
        assertFailsCleanly(r, "--weights");
    }

    @Test
    void aLayerWithTensorsTooLargeToHoldIsRefusedBeforeAllocating() throws IOException {
        // Every field is within its own limit; the input alone has 2^40 elements.
        Path l = layer(CONV.replace("\"h\": 7, \"w\": 9, \"c\": 10", "\"h\": 16384, \"w\": 16384, \"c\": 4096"));
        Result r = run(new CosimCommand(), "--core", "--arch", "B512", "--layer", l.toString());
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        assertEquals("cosim: " + l + ": $: the layer is too large: its input tensor [1, 16384, 16384, 4096] has "
                + "1,099,511,627,776 elements, more than the 2,147,483,639 one tensor can hold" + System.lineSeparator(), r.err());
    }

    @Test
    void generateWritesTheVerilogWithItsFilelist() throws IOException {
        Path dir = tmp.resolve("gen");
        Result r = run(new GenerateCommand(), "--arch", "2x3x4", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(dir.resolve("dpu_top.v")).contains("module dpu_top"));
        for (String f : Files.readAllLines(dir.resolve("filelist.f"))) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
    }

    @Test
    void generateNamesTheJavaFileByDefaultAndTheLineOnRequest() throws IOException {
        Path files = tmp.resolve("gen-file");
        assertEquals(0, run(new GenerateCommand(), "--arch", "2x3x4", "--out", files.toString()).exit());
        String pe = Files.readString(files.resolve("dpu_pe_top.v"));
        assertTrue(pe.contains("  // @[ProcessingElement.java]\n") && !pe.contains("ProcessingElement.java:"), pe);
        Path lines = tmp.resolve("gen-line");
        Result r = run(new GenerateCommand(), "--arch", "2x3x4", "--out", lines.toString(), "--locations", "file-line");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(lines.resolve("dpu_pe_top.v")).contains("// @[ProcessingElement.java:"));
        Path none = tmp.resolve("gen-none");
        assertEquals(0, run(new GenerateCommand(), "--arch", "2x3x4", "--out", none.toString(), "--locations", "none")
                .exit());
        assertFalse(Files.readString(none.resolve("dpu_pe_top.v")).contains("// @["));
        assertFailsCleanly(run(new GenerateCommand(), "--arch", "2x3x4", "--out", tmp.resolve("gen-bad").toString(),
                "--locations", "lines"), "--locations must be file-line, file or none");
    }

    private void assertFailsCleanly(Result r, String fragment) throws IOException {
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        String err = r.err().lines().filter(s -> !s.startsWith("verilating") && !s.startsWith("engine ")).reduce("",
                (a, b) -> a + b + "\n").strip();
        assertEquals(1, err.lines().count(), "one line on stderr: " + r.err());
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertTrue(err.contains(fragment), "'" + err + "' lacks '" + fragment + "'");
        assertFalse(Files.exists(tmp.resolve("y.npy")), "no output file on failure");
    }
}
