package org.jdpu.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs an external command to completion with stdout and stderr merged, never reading stdin. */
final class ProcessRunner {
    private ProcessRunner() {}

    /** Commands running now, so a shutdown can stop them; also the lock that orders starts against that. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

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
        Process p = null;
        try {
            synchronized (RUNNING) {
                // after killAll nothing may start again: it would write into directories being deleted
                if (Cleanup.shuttingDown()) {
                    throw new VerilatorException("not running '" + command.get(0) + "': the JVM is shutting down");
                }
                p = pb.start();
                RUNNING.add(p);
            }
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            return new Result(code, new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VerilatorException("cannot run '" + command.get(0) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerilatorException("interrupted while running '" + command.get(0) + "'", e);
        } finally {
            if (p != null) RUNNING.remove(p);
        }
    }

    /**
     * Kills every command still running, with all its descendants (make's compilers), and waits
     * for them to end, so none writes into a build directory after it is deleted. Called once the
     * JVM is shutting down, when {@link #run} starts nothing new.
     */
    static void killAll() {
        List<ProcessHandle> killed = new ArrayList<>();
        synchronized (RUNNING) {
            for (Process p : RUNNING) {
                // the tree first: once the parent is gone its children are no longer its descendants
                p.descendants().forEach(killed::add);
                killed.add(p.toHandle());
            }
        }
        for (ProcessHandle h : killed) h.destroyForcibly();
        for (ProcessHandle h : killed) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException ignored) {
                // gone, or stuck beyond a SIGKILL: nothing more to do
            }
        }
    }
}
