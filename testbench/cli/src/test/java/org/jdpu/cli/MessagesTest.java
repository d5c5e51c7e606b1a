package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.spec.NetworkFixture;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Error messages that say what is wrong, once, about the path the user gave. */
class MessagesTest {
    @TempDir
    Path tmp;

    private static Result dpu(String... args) {
        return CliCapture.run(new DpuCli(), args);
    }

    /** The last line on stderr (commands may report progress before failing), after checking the exit status. */
    private static String error(Result r) {
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        return r.err().strip().lines().reduce((a, b) -> b).orElse("");
    }

    @Test
    void anUnsupportedTestbenchNetworkSaysSoOnce() throws IOException {
        Path up = Files.writeString(tmp.resolve("up.json"),
                "[{\"layer\": {\"op\": \"upsample\", \"input\": {\"h\": 4, \"w\": 4, \"c\": 4}, \"factor\": [2, 2]}}]");
        Result r = dpu("export", "--arch", "2x2x2", "--network", up.toString(), "--out", tmp.resolve("b").toString());
        assertEquals("export: upsample is not supported by the engine yet", error(r));
    }

    @Test
    void anEmptyOutputPathIsRejectedAsSuch() {
        assertEquals("generate: the output directory is an empty path; name a directory",
                error(dpu("generate", "--arch", "2x2x2", "--out", "")));
        assertEquals("cosim: the output file is an empty path; name a .npy file",
                error(dpu("cosim", "--arch", "B512", "--layer", "l.json", "--out", "")));
    }

    @Test
    void anOutputInsideAFileSaysNotADirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "");
        Path out = file.resolve("gen");
        assertEquals("generate: cannot create " + out + ": " + file + " is not a directory",
                error(dpu("generate", "--arch", "2x2x2", "--out", out.toString())));
        assertEquals("export: cannot create " + out + ": " + file + " is not a directory",
                error(dpu("export", "--arch", "2x2x2", "--out", out.toString())));
        assertEquals("generate: " + file + " exists and is not a directory",
                error(dpu("generate", "--arch", "2x2x2", "--out", file.toString())));
    }

    @Test
    void anUnwritableDirectoryIsNamedNotTheStagingDirectory() {
        // /proc exists and takes no new files, even for root.
        String err = error(dpu("generate", "--arch", "2x2x2", "--out", "/proc/g"));
        assertEquals("generate: cannot create /proc/g: directory /proc is not writable", err);
        assertFalse(err.contains(".tmp-"), err);
    }

    @Test
    void goldenIntoAnUnwritableDirectorySaysNotWritable() {
        NetworkFixture f = new NetworkFixture(tmp);
        Result r = dpu("golden", "--layer", tmp.resolve("conv.json").toString(), "--input", tmp.resolve("x.npy").toString(),
                "--weights", tmp.resolve("conv_w.npy").toString(), "--out", "/proc/y.npy");
        assertEquals("golden: /proc/y.npy: cannot write: directory /proc is not writable", error(r));
        assertTrue(f.network.toFile().exists());
    }

    @Test
    void aLintErrorIsNotCalledAWarning() throws IOException {
        Path rtl = Files.createDirectories(tmp.resolve("rtl"));
        Files.writeString(rtl.resolve("m.v"), "module m(input wire a, output wire y);\n  assign y = a;\nendmodule\n");
        Files.writeString(rtl.resolve("filelist.f"), "m.v\n");
        Result r = dpu("lint", "--rtl", rtl.toString(), "--top", "nosuch");
        assertEquals("lint: lint failed: errors in " + rtl, error(r));
        assertTrue(r.out().contains("'nosuch' was not found"), r.out());
    }

    @Test
    void aNetworkTensorOfTheWrongTypeNamesItsEntry() {
        NetworkFixture f = new NetworkFixture(tmp);
        Path weights = tmp.resolve("conv_w.npy");
        Npy.write(weights, new Int32Tensor(f.convWeights.shape(), new int[f.convWeights.size()]));
        Result r = dpu("golden", "--network", f.network.toString(), "--input", tmp.resolve("x.npy").toString(),
                "--out", tmp.resolve("y.npy").toString());
        assertEquals("golden: " + f.network + ": $[0].weights: " + weights + ": dtype is int32 ('<i4') but int8 ('|i1') "
                + "is needed", error(r));
    }
}
