package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.spec.NetworkFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The output-path rule: directories are created with their parents, a file's directory must exist, and --help says so. */
class OutputPathsTest {
    @TempDir
    Path tmp;

    private static Result run(Object command, String... args) {
        return CliCapture.run(command, args);
    }

    @Test
    void everyOutHelpStatesTheRuleForItsKind() {
        int checked = 0;
        for (var e : CliRunner.commandLine(new DpuCli()).getSubcommands().entrySet()) {
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                if (!o.longestName().equals("--out") && !o.longestName().equals("--wave-dir")) continue;
                String help = String.join(" ", o.description());
                String rule = o.paramLabel().equals("DIR") ? OutputHelp.DIRECTORY : OutputHelp.FILE;
                assertTrue(help.contains(rule), e.getKey() + " " + o.longestName() + ": '" + help + "' lacks '" + rule + "'");
                checked++;
            }
        }
        assertEquals(11, checked, "generate, export, synth, demo, demo-convs, compile, example, import, regress --wave-dir; golden, cosim");
    }

    @Test
    void generateCreatesMissingParentsOfItsDirectory() {
        Path dir = tmp.resolve("build/gen/2x2x2");
        Result r = run(new GenerateCommand(), "--arch", "2x2x2", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("filelist.f")), r.out());
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void generatedAndExportedDirectoriesFollowTheUmask() throws IOException {
        // What the umask gives a plain new directory and file here is what every output must get.
        String dirMode = mode(Files.createDirectory(tmp.resolve("plain-dir")));
        String fileMode = mode(Files.createFile(tmp.resolve("plain-file")));
        Path gen = tmp.resolve("gen");
        assertEquals(0, run(new GenerateCommand(), "--arch", "2x2x2", "--out", gen.toString()).exit());
        assertEquals(dirMode, mode(gen));
        assertEquals(fileMode, mode(gen.resolve("filelist.f")));
        Path bundle = tmp.resolve("bundle");
        Result r = run(new ExportCommand(), "--arch", "2x2x2", "--out", bundle.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(dirMode, mode(bundle));
        assertEquals(dirMode, mode(bundle.resolve("constraints")));
    }

    @Test
    void goldenOutputsFollowTheUmask() throws IOException {
        new NetworkFixture(tmp);
        String fileMode = mode(Files.createFile(tmp.resolve("plain-file")));
        Path out = tmp.resolve("y.npy");
        Result r = run(new GoldenCommand(), "--layer", tmp.resolve("conv.json").toString(),
                "--input", tmp.resolve("x.npy").toString(), "--weights", tmp.resolve("conv_w.npy").toString(),
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(fileMode, mode(out));
    }

    @Test
    void goldenRefusesAFileInAMissingDirectory() {
        new NetworkFixture(tmp);
        Path out = tmp.resolve("no/such/y.npy");
        Result r = run(new GoldenCommand(), "--layer", tmp.resolve("conv.json").toString(),
                "--input", tmp.resolve("x.npy").toString(), "--weights", tmp.resolve("conv_w.npy").toString(),
                "--out", out.toString());
        assertEquals(CliRunner.EXIT_USER_ERROR, r.exit(), r.err());
        assertTrue(r.err().contains("does not exist"), r.err());
        assertFalse(Files.exists(tmp.resolve("no")));
    }
}
