package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.compiler.Lowering;
import org.jdpu.compiler.Program;
import org.jdpu.arch.DpuConfig;
import org.jdpu.tensor.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dpu cosim} with buffer depths in the architecture string, {@code --save-tensors} (a seeded
 * run repeated from the saved files gives the same result) and {@code --save-program}.
 */
class CosimSaveOptionsTest {
    @TempDir
    Path tmp;

    private static final String SMALL_BUFFERS = "3x5x7:act=64,wgt=64,out=64,bias=16";

    private static final String CONV = """
            {"op": "conv2d", "input": {"h": 9, "w": 11, "c": 6}, "output_channels": 10,
             "kernel": [3, 3], "stride": [1, 1], "dilation": [1, 1], "padding": [1, 1, 1, 1],
             "quant": {"mode": "shift", "fp_input": 4, "fp_weights": 7, "fp_bias": 6, "fp_output": 2},
             "activation": {"type": "relu"}}""";

    @Test
    void seededRunOnSmallBuffersIsRepeatedExactlyFromTheSavedTensors() throws IOException {
        Path layer = tmp.resolve("conv.json");
        Files.writeString(layer, CONV);
        Path saved = tmp.resolve("saved/tensors");
        Path program = tmp.resolve("conv.dpuprog");
        Result seeded = CliCapture.run(new CosimCommand(), "--core", "--arch", SMALL_BUFFERS, "--layer", layer.toString(),
                "--seed", "42", "--save-tensors", saved.toString(), "--save-program", program.toString(),
                "--out", tmp.resolve("y1.npy").toString());
        assertEquals(0, seeded.exit(), seeded.err());
        assertTrue(seeded.out().startsWith("RESULT arch=" + SMALL_BUFFERS + " "), seeded.out());
        assertTrue(seeded.out().contains(" mismatches=0 "), seeded.out());
        for (String f : new String[] {"input.npy", "weights.npy", "bias.npy", "layer.json"}) {
            assertTrue(Files.isRegularFile(saved.resolve(f)), f);
        }
        assertEquals(CONV, Files.readString(saved.resolve("layer.json")));

        Result again = CliCapture.run(new CosimCommand(), "--core", "--arch", SMALL_BUFFERS,
                "--layer", saved.resolve("layer.json").toString(), "--input", saved.resolve("input.npy").toString(),
                "--weights", saved.resolve("weights.npy").toString(), "--bias", saved.resolve("bias.npy").toString(),
                "--out", tmp.resolve("y2.npy").toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(seeded.out(), again.out());
        assertEquals(Npy.read(tmp.resolve("y1.npy")), Npy.read(tmp.resolve("y2.npy")));
        Result otherSeed = CliCapture.run(new CosimCommand(), "--core", "--arch", SMALL_BUFFERS, "--layer", layer.toString(),
                "--seed", "43", "--out", tmp.resolve("y3.npy").toString());
        assertEquals(0, otherSeed.exit(), otherSeed.err());
        assertTrue(!Npy.read(tmp.resolve("y1.npy")).equals(Npy.read(tmp.resolve("y3.npy"))),
                "another seed draws other tensors");

        Program p = Program.read(program);
        assertEquals(DpuConfig.parse(SMALL_BUFFERS), p.config());
        assertTrue(p.runs().size() > 1, "the small buffers split the layer: " + p.runs().size());
        assertTrue(seeded.out().contains(" total_cycles=" + p.predictedTotalCycles() + " "), seeded.out());
        assertTrue(seeded.out().contains(" lowering=" + p.lowering().label()), seeded.out());
        assertEquals(Lowering.AUGMENTED, p.lowering());
    }

    @Test
    void badBufferDepthIsAOneLineErrorNamingTheField() throws IOException {
        Path layer = tmp.resolve("conv.json");
        Files.writeString(layer, CONV);
        Result r = CliCapture.run(new CosimCommand(), "--core", "--arch", "3x5x7:act=100", "--layer", layer.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("act=100") && r.err().contains("activation bank depth"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
