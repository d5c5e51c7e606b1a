package org.jdpu.cli;

import org.jdpu.cli.CliCapture.Result;
import org.jdpu.spec.NetworkFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;

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
        assertEquals(7, checked, "generate, export, synth, demo, regress --wave-dir; golden, cosim");
    }

    @Test
    void generateCreatesMissingParentsOfItsDirectory() {
        Path dir = tmp.resolve("build/gen/2x2x2");
        Result r = run(new GenerateCommand(), "--arch", "2x2x2", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("filelist.f")), r.out());
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
