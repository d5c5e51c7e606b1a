package org.jdpu.flow;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An external program the flow runs (Yosys, Verilator, Icarus Verilog), looked up on {@code PATH}.
 * When it is missing the error names the {@code make} target that installs it.
 *
 * @param command    the executable name
 * @param makeTarget the Makefile target that installs it ({@code deps}, {@code deps-synth}, ...)
 */
public record ExternalTool(String command, String makeTarget) {

    /** How often a long run reports progress. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);

    /** Called periodically while a tool runs. */
    @FunctionalInterface
    public interface Progress {
        void update(Duration elapsed, Path log);
    }

    public static final ExternalTool YOSYS = new ExternalTool("yosys", "deps-synth");
    public static final ExternalTool VERILATOR = new ExternalTool("verilator", "deps");
    public static final ExternalTool IVERILOG = new ExternalTool("iverilog", "deps-iverilog");
    public static final ExternalTool VVP = new ExternalTool("vvp", "deps-iverilog");

    /** The executable's path, if it is on {@code PATH}. */
    public Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The executable's path; a {@link FlowException} saying how to install it when missing. */
    public Path require() {
        return find().orElseThrow(() -> new FlowException(command + " is not installed (not found on PATH); run 'make "
                + makeTarget + "' (as root it installs " + command + ", otherwise it prints the apt-get command)"));
    }

    /**
     * Runs the tool with {@code args} in {@code workDir}, writing stdout and stderr together to
     * {@code log}. A run longer than {@code timeout} is killed and reported as a {@link FlowException}.
     */
    public ToolRun run(Path workDir, Path log, Duration timeout, List<String> args) {
        return run(workDir, log, timeout, args, null);
    }

    /**
     * As {@link #run(Path, Path, Duration, List)}; while the tool runs, {@code progress} (if not null)
     * is called every {@link #PROGRESS_INTERVAL} with the elapsed time and the log so far, so long
     * runs can show what they are doing.
     */
    public ToolRun run(Path workDir, Path log, Duration timeout, List<String> args, Progress progress) {
        List<String> cmd = new ArrayList<>();
        cmd.add(require().toString());
        cmd.addAll(args);
        return execute(cmd, workDir, log, timeout, progress);
    }

    /** Runs an executable that is not on {@code PATH} (one the flow just built), without arguments. */
    public static ToolRun runBuilt(Path executable, Path workDir, Path log, Duration timeout) {
        if (!Files.isExecutable(executable)) throw new FlowException(executable + " was not built");
        return execute(List.of(executable.toAbsolutePath().toString()), workDir, log, timeout, null);
    }

    private static ToolRun execute(List<String> cmd, Path workDir, Path log, Duration timeout, Progress progress) {
        String command = Path.of(cmd.getFirst()).getFileName().toString();
        long start = System.nanoTime();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            long deadline = start + timeout.toNanos();
            boolean done = false;
            while (!done && System.nanoTime() < deadline) {
                long wait = Math.min(PROGRESS_INTERVAL.toNanos(), deadline - System.nanoTime());
                done = p.waitFor(Math.max(1, wait), TimeUnit.NANOSECONDS);
                if (!done && progress != null) {
                    progress.update(Duration.ofNanos(System.nanoTime() - start), log);
                }
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                throw new FlowException(command + " did not finish within " + timeout.toSeconds() + " s; see " + log);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            return new ToolRun(command, p.exitValue(), out, log, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new FlowException("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowException(command + " was interrupted", e);
        }
    }
}
