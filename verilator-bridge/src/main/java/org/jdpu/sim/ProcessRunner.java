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

    /**
     * util-linux's setsid, when the machine has it: each command then leads its own process group,
     * so a shutdown kills the whole tree with one signal to the group. Walking the tree instead
     * races with it: a compiler driver forks its cc1plus after the walk, survives as an orphan and
     * writes into a build directory already deleted.
     */
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final boolean GROUPS = java.nio.file.Files.isExecutable(SETSID);

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
        List<String> argv = new ArrayList<>();
        if (GROUPS) argv.add(SETSID.toString());
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
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
            if (GROUPS) for (Process p : RUNNING) killGroup(p.pid());
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

    /** SIGKILL to every process of the group {@code pgid}; the kernel lets no member fork past it. */
    private static void killGroup(long pgid) {
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): the tree walk below still stops what it finds
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
