package org.jdpu.flow.lint;

import org.jdpu.flow.DesignSources;
import org.jdpu.flow.ExternalTool;
import org.jdpu.flow.FlowException;
import org.jdpu.flow.ToolRun;
import org.jdpu.io.IoErrors;
import org.jdpu.io.OutputDirectory;

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
    private final Path scratchParent;

    public VerilatorLint(ExternalTool verilator) {
        this(verilator, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Lints with {@code verilator}, keeping each run's log in a directory under {@code scratchParent}. */
    public VerilatorLint(ExternalTool verilator, Path scratchParent) {
        this.verilator = verilator;
        this.scratchParent = scratchParent;
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

    /** Lints {@code design}; the run's scratch directory is gone afterwards, whether it succeeded or threw. */
    public Result lint(DesignSources design) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory(scratchParent, "jdpu-lint-");
        } catch (IOException e) {
            throw new FlowException("cannot create a scratch directory: " + IoErrors.describe(e), e);
        }
        try {
            List<String> args = new ArrayList<>(List.of("--lint-only", "-Wall", "--top-module", design.top()));
            design.files().forEach(f -> args.add(f.toString()));
            ToolRun run = verilator.run(design.directory(), scratch.resolve("lint.log"), Duration.ofMinutes(10), args);
            List<String> messages = run.output().lines()
                    .filter(l -> l.startsWith("%Warning") || l.startsWith("%Error"))
                    .filter(l -> !l.startsWith("%Error: Exiting due to"))
                    .toList();
            return new Result(design, messages, run);
        } finally {
            try {
                OutputDirectory.deleteTree(scratch);
            } catch (IOException e) {
                // the lint's own result or error matters more than a leftover log
            }
        }
    }
}
