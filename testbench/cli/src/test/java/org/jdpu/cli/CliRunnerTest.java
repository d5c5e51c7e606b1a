package org.jdpu.cli;

import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.cli.CliCapture.Result;
import org.jdpu.hdl.ElaborationException;
import org.jdpu.io.UserError;
import org.jdpu.runtime.EngineHangException;
import org.jdpu.sim.VerilatorException;
import org.jdpu.spec.SpecException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one mapping from exceptions to what the user sees: a message line and an exit status, or a bug's trace. */
class CliRunnerTest {

    /** Throws the exception {@code --throw} names, as a command deep in the code would. */
    @Command(name = "boom")
    static final class Boom implements Runnable {
        @Option(names = "--throw")
        String what;

        @Option(names = "--count")
        int count;

        @Override
        public void run() {
            throw switch (what) {
                case "spec" -> new SpecException(Path.of("l.json"), "$.kernel[1]", "must be at least 1, got 0");
                case "verilator" -> new VerilatorException("verilator is not installed");
                case "elaboration" -> new ElaborationException("dpu_top", List.of(), List.of());
                case "limit" -> new UnsupportedByEngineException("kernel 9x9: the engine supports 1..8");
                case "op" -> new UnsupportedByEngineException("maxpool is not supported by the engine yet");
                case "hang" -> new EngineHangException("the engine did not finish within 100 cycles");
                case "user" -> new UserError("plain", 1, null);
                default -> new IllegalStateException("a bug");
            };
        }
    }

    private static Result boom(String what) {
        return CliCapture.run(new Boom(), "--throw", what);
    }

    private static void assertError(Result r, int exit, String err) {
        assertEquals(exit, r.exit(), r.err());
        assertEquals(err + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void userErrorsPrintTheirMessageWithTheirExitStatus() {
        assertError(boom("spec"), 2, "boom: l.json: $.kernel[1]: must be at least 1, got 0");
        assertError(boom("user"), 1, "boom: plain");
        assertError(boom("hang"), 1, "boom: the engine did not finish within 100 cycles");
    }

    @Test
    void theBridgeDslAndEngineExceptionsAreAdaptedInTheSamePlace() {
        assertError(boom("verilator"), 2, "boom: verilator is not installed");
        assertError(boom("elaboration"), 2, "boom: elaboration of dpu_top failed with 0 errors:");
        assertError(boom("limit"), 2, "boom: not supported by the engine yet: kernel 9x9: the engine supports 1..8");
        assertError(boom("op"), 2, "boom: maxpool is not supported by the engine yet");
    }

    @Test
    void aBugKeepsItsStackTrace() {
        Result r = boom("bug");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("IllegalStateException: a bug") && r.err().contains("\tat "), r.err());
    }

    @Test
    void aUsageErrorNamesTheProblemAndPointsToHelp() {
        assertError(CliCapture.run(new DpuCli(), "cosim", "--seed", "abc"), 2,
                "cosim: Invalid value for option '--seed': 'abc' is not a long; see 'dpu cosim --help'");
        assertError(CliCapture.run(new DpuCli(), "golden", "--layer", "l.json"), 2,
                "golden: Missing required options: '--input=x.npy', '--out=y.npy'; see 'dpu golden --help'");
        assertError(CliCapture.run(new Boom(), "--count", "x"), 2,
                "boom: Invalid value for option '--count': 'x' is not an int; see 'boom --help'");
    }
}
