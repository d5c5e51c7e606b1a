package org.jdpu.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs an external command to completion with stdout and stderr merged, never reading stdin. */
final class ProcessRunner {
    private ProcessRunner() {}

    record Result(int exitCode, String output) {
        /** The first {@code n} lines of the output. */
        String head(int n) {
            List<String> lines = output.lines().toList();
            String s = String.join("\n", lines.subList(0, Math.min(n, lines.size())));
            return lines.size() > n ? s + "\n  ... (" + (lines.size() - n) + " more lines)" : s;
        }
    }

    static Result run(List<String> command, Path dir) {
        return run(command, dir, Map.of());
    }

    static Result run(List<String> command, Path dir, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            return new Result(code, new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VerilatorException("cannot run '" + command.get(0) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerilatorException("interrupted while running '" + command.get(0) + "'", e);
        }
    }
}
