package org.jdpu.flow;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The outcome of one external tool invocation: exit code, combined stdout+stderr (also kept in
 * {@code log}) and wall time.
 */
public record ToolRun(String command, int exitCode, String output, Path log, Duration elapsed) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** The last {@code lines} lines of the output, for error messages. */
    public String tail(int lines) {
        String[] all = output.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
