package org.jdpu.cli;

import org.jdpu.golden.NetworkRunner;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.SpecParser;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dpu example} for the model zoo: the folder it writes runs in the golden model, bad sizes and names are one line. */
class ZooExampleTest {
    @TempDir
    Path tmp;

    @Test
    void mobilenetv2AtItsPublishedSizeIsTheCommittedSpecAndRunsEndToEnd() throws IOException {
        Path dir = tmp.resolve("mobilenetv2");
        CliCapture.Result r = CliCapture.run(new ExampleCommand(), "mobilenetv2", "--out", dir.toString(), "--seed", "3");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(Path.of("../examples/zoo/mobilenetv2.json")),
                Files.readString(dir.resolve("network.json")));
        NetworkSpec net = SpecParser.parseNetwork(dir.resolve("network.json"));
        Tensor out = NetworkRunner.run(net, Npy.readInt8(dir.resolve("input.npy")));
        assertArrayEquals(new int[] {1, 1, 1, 1000}, out.shape());
    }

    @Test
    void aSizeTheModelCannotTakeIsRefusedAndNothingIsWritten() {
        Path dir = tmp.resolve("r");
        CliCapture.Result r = CliCapture.run(new ExampleCommand(), "resnet50", "--out", dir.toString(), "--size", "100");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--size for resnet50 must be a multiple of 32 in 32..1024, got 100"), r.err());
        assertFalse(Files.exists(dir));
    }

    @Test
    void anUnknownNameListsTheModels() {
        CliCapture.Result r = CliCapture.run(new ExampleCommand(), "resnet18", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("customnet, resnet50, vgg16, mobilenetv2, yolov3-tiny"), r.err());
    }
}
