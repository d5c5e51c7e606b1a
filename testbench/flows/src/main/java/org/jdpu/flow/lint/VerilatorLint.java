package org.jdpu.flow.lint;

import org.jdpu.flow.DesignSources;
import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.FlowException;
import org.jdpu.flow.ToolRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verilator --lint-only -Wall} on a design. jdpu's generated Verilog must lint with zero
 * warnings and no waivers, so every message counts.
 */
public final class VerilatorLint {

    private final ExternalTool verilator;

    public VerilatorLint(ExternalTool verilator) {
        this.verilator = verilator;
    }

    /** The outcome: every {@code %Warning} / {@code %Error} message, first line of each. */
    public record Result(DesignSources design, List<String> messages, ToolRun run) {
        public boolean clean() {
            return messages.isEmpty() && run.ok();
        }

        /** At most {@code n} messages and a count of the rest, for error reports. */
        public String describe(int n) {
            List<String> shown = messages.size() > n ? messages.subList(0, n) : messages;
            String more = messages.size() > n ? "\n  ... and " + (messages.size() - n) + " more" : "";
            if (shown.isEmpty() && !run.ok()) return "verilator exited with " + run.exitCode() + ":\n" + run.tail(10);
            return "  " + String.join("\n  ", shown) + more;
        }
    }

    public Result lint(DesignSources design) {
        Path log;
        try {
            log = Files.createTempFile("jdpu-lint-", ".log");
        } catch (IOException e) {
            throw new FlowException("cannot create a temporary file: " + e.getMessage(), e);
        }
        try {
            List<String> args = new ArrayList<>(List.of("--lint-only", "-Wall", "--top-module", design.top()));
            design.files().forEach(f -> args.add(f.toString()));
            ToolRun run = verilator.run(design.directory(), log, Duration.ofMinutes(10), args);
            List<String> messages = run.output().lines()
                    .filter(l -> l.startsWith("%Warning") || l.startsWith("%Error"))
                    .filter(l -> !l.startsWith("%Error: Exiting due to"))
                    .toList();
            return new Result(design, messages, run);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a leftover temp log is harmless
            }
        }
    }
}
