package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theFullCustomNetIsWrittenWithItsPoolsAndTensors() {
        Path out = tmp.resolve("cn");
        Result r = CliCapture.run(new DpuCli(), "example", "customnet", "--out", out.toString(), "--size", "64");
        assertEquals(0, r.exit(), r.err());
        NetworkSpec net = SpecParser.parseNetwork(out.resolve("network.json"));
        assertEquals(8, net.layers().size());
        assertEquals(3, net.layers().stream().filter(l -> l.spec() instanceof PoolSpec).count());
        assertEquals(10, net.layers().getLast().spec().outputChannels());
        assertTrue(Files.exists(out.resolve("input.npy")) && Files.exists(out.resolve("dense2_w.npy")));
    }

    @Test
    void aCustomNetTooSmallForItsPoolsIsRefusedInOneLine() {
        Path out = tmp.resolve("small");
        Result r = CliCapture.run(new DpuCli(), "example", "customnet", "--out", out.toString(), "--size", "48");
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        assertTrue(r.err().contains("--size must be at least 64"), r.err());
        assertFalse(Files.exists(out));
    }
}
