package org.jdpu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdpu.cli.CliCapture.Result;
import org.jdpu.compiler.net.Listing;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.spec.NetworkFixture;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dpu compile} and {@code dpu disasm} end to end. */
class CompileCommandTest {
    @TempDir
    Path tmp;

    private static final String ARCH = "3x5x7:act=64,wgt=64,out=64,bias=32";

    private static String conv(int c, int oc, int k, int pad, int fpIn, int fpOut) {
        return ("{\"op\": \"conv2d\", \"input\": {\"h\": 6, \"w\": 7, \"c\": %d}, \"output_channels\": %d, \"kernel\": [%d, %d],"
                + " \"padding\": [%d, %d, %d, %d], \"quant\": {\"mode\": \"shift\", \"fp_input\": %d, \"fp_weights\": 7,"
                + " \"fp_bias\": 6, \"fp_output\": %d}, \"activation\": {\"type\": \"relu\"}}")
                .formatted(c, oc, k, k, pad, pad, pad, pad, fpIn, fpOut);
    }

    private Path network() throws IOException {
        Random rnd = new Random(5);
        Files.writeString(tmp.resolve("net.json"), """
                [
                  {"name": "first", "layer": %s, "weights": "w1.npy", "bias": "b1.npy"},
                  {"name": "second", "layer": %s, "weights": "w2.npy"},
                  {"name": "third", "layer": %s, "weights": "w3.npy", "bias": "b3.npy"}
                ]""".formatted(conv(3, 8, 3, 1, 4, 3), conv(8, 6, 3, 1, 3, 3), conv(6, 4, 1, 0, 3, 2)));
        Npy.write(tmp.resolve("w1.npy"), int8(rnd, 8, 3, 3, 3));
        Npy.write(tmp.resolve("b1.npy"), new Int32Tensor(new int[] {8}, rnd.ints(8, -2000, 2000).toArray()));
        Npy.write(tmp.resolve("w2.npy"), int8(rnd, 6, 3, 3, 8));
        Npy.write(tmp.resolve("w3.npy"), int8(rnd, 4, 1, 1, 6));
        Npy.write(tmp.resolve("b3.npy"), new Int32Tensor(new int[] {4}, rnd.ints(4, -2000, 2000).toArray()));
        Npy.write(tmp.resolve("x.npy"), int8(rnd, 1, 6, 7, 3));
        return tmp.resolve("net.json");
    }

    private static Int8Tensor int8(Random rnd, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return new Int8Tensor(shape, b);
    }

    private static void assertOneLineError(Result r, String... fragments) {
        assertEquals(2, r.exit(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        for (String f : fragments) assertTrue(err.contains(f), "'" + err + "' lacks '" + f + "'");
    }

    @Test
    void compilesAndDisassembles() throws IOException {
        Path net = network();
        Path out = tmp.resolve("build/net");
        Result r = CliCapture.run(new CompileCommand(), "--network", net.toString(), "--arch", ARCH, "--out", out.toString(),
                "--input", tmp.resolve("x.npy").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("wrote " + out + ": "), r.out());

        NetProgram p = NetProgram.read(out.resolve("network.dpunet"));
        assertArrayEquals(p.binary(), Files.readAllBytes(out.resolve("program.bin")));
        String listing = Files.readString(out.resolve("program.lst"));
        assertEquals(Listing.of(p), listing);
        assertTrue(listing.contains("; second"), "the listing names the layers");

        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(ARCH, s.get("arch").asText());
        assertEquals(tmp.resolve("x.npy").toString(), s.get("input").asText());
        assertEquals(3, s.get("layers").size());
        long cycles = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode l = s.get("layers").get(i);
            assertEquals(p.layers().get(i).name(), l.get("name").asText());
            assertEquals(p.layers().get(i).instructions(), l.get("instructions").asInt());
            assertEquals(p.layers().get(i).bytesLoaded(), l.get("bytes_loaded").asLong());
            assertTrue(l.get("compute_cycles").asLong() > 0);
            cycles += l.get("compute_cycles").asLong();
        }
        assertEquals(cycles, s.get("total").get("compute_cycles").asLong());
        assertEquals(p.instructions().size(), s.get("total").get("instructions").asInt());
        assertEquals("output", s.get("layers").get(2).get("output").get("region").asText());

        Result d = CliCapture.run(new DisasmCommand(), out.resolve("program.bin").toString(), "--layers",
                out.resolve("network.dpunet").toString());
        assertEquals(0, d.exit(), d.err());
        assertEquals(listing, d.out());
        Result d2 = CliCapture.run(new DisasmCommand(), out.resolve("network.dpunet").toString());
        assertEquals(listing, d2.out());
        Result bare = CliCapture.run(new DisasmCommand(), out.resolve("program.bin").toString());
        assertEquals(0, bare.exit(), bare.err());
        assertFalse(bare.out().contains(";"), "no layer column without a layer table");
        assertEquals(listing.lines().count(), bare.out().lines().count());

        // Compiling again replaces the directory; without --input the summary says the input is random.
        Result again = CliCapture.run(new CompileCommand(), "--network", net.toString(), "--arch", ARCH, "--out", out.toString(),
                "--seed", "9");
        assertEquals(0, again.exit(), again.err());
        assertEquals("random, seed 9", new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("input").asText());
    }

    @Test
    void compilesAGraphWithAConcatAndTwoOutputs() throws IOException {
        Path ex = tmp.resolve("graph");
        Result w = CliCapture.run(new ExampleCommand(), "branch-concat", "--out", ex.toString(), "--size", "16");
        assertEquals(0, w.exit(), w.err());
        Path out = tmp.resolve("build/graph");
        Result r = CliCapture.run(new CompileCommand(), "--network", ex.resolve("network.json").toString(), "--arch", "B512",
                "--out", out.toString(), "--input", ex.resolve("input.npy").toString());
        assertEquals(0, r.exit(), r.err());
        NetProgram p = NetProgram.read(out.resolve("network.dpunet"));
        assertEquals(java.util.List.of("stem", "a", "b", "cat", "side", "head"),
                p.layers().stream().map(NetProgram.LayerInfo::name).toList());
        JsonNode cat = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("layers").get(3);
        assertEquals("cat", cat.get("name").asText());
        assertEquals(0, cat.get("runs").asInt());
        assertEquals(0, cat.get("instructions").asInt());
        assertEquals(p.layers().get(1).output().offset(), cat.get("output").get("offset").asLong(), "a is the concat's first slice");
        assertEquals("output", new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("layers").get(4)
                .get("output").get("region").asText(), "side is a network output");
        Result d = CliCapture.run(new DisasmCommand(), out.resolve("network.dpunet").toString());
        assertEquals(Files.readString(out.resolve("program.lst")), d.out());

        Path refused = tmp.resolve("build/b800");
        assertOneLineError(CliCapture.run(new CompileCommand(), "--network", ex.resolve("network.json").toString(), "--arch",
                "B800", "--out", refused.toString()), "layer \"a\" ($[1]) has 48 channels, not a multiple of 10",
                "concat \"cat\"");
        assertFalse(Files.exists(refused), "nothing written");
    }

    @Test
    void refusesUnsupportedLayersAndBadInputWithOneLineAndNoOutput() throws IOException {
        new NetworkFixture(tmp);
        Path out = tmp.resolve("out");
        // Its depthwise layer maps on ICP <= OCP only: a group of ICP channels must fit an output word.
        assertOneLineError(CliCapture.run(new CompileCommand(), "--network", tmp.resolve("net.json").toString(), "--arch", "2x8x3",
                "--out", out.toString()), "layer \"dw\"", "not supported by the engine yet");
        assertFalse(Files.exists(out), "nothing written");

        Path net = network();
        assertOneLineError(CliCapture.run(new CompileCommand(), "--network", net.toString(), "--arch", ARCH, "--out",
                out.toString(), "--input", tmp.resolve("w1.npy").toString()), "w1.npy: shape [8, 3, 3, 3] does not match the network input");
        assertFalse(Files.exists(out), "nothing written");
        // Weights beyond a 16-word bank are no refusal: the input channels are sliced with partial sums.
        Result sliced = CliCapture.run(new CompileCommand(), "--network", net.toString(), "--arch", "3x5x7:wgt=16",
                "--out", out.toString());
        assertEquals(0, sliced.exit(), sliced.err());
        assertTrue(Files.exists(out.resolve("program.bin")));

        Files.write(tmp.resolve("bad.bin"), new byte[33]);
        assertOneLineError(CliCapture.run(new DisasmCommand(), tmp.resolve("bad.bin").toString()),
                "33 bytes is not a whole number of 32-byte instructions");
        assertOneLineError(CliCapture.run(new DisasmCommand(), tmp.resolve("missing.bin").toString()), "no such file");
    }
}
