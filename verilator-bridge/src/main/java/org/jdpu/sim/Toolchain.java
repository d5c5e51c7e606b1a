package org.jdpu.sim;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The external tools a model build runs (verilator, g++, make): finding them on PATH with a
 * clear install hint when absent, and a cheap fingerprint of the installed binaries for the
 * cache key, so that upgrading Verilator or the compiler invalidates cached models without
 * spawning a process on every cache hit.
 */
final class Toolchain {
    private Toolchain() {}

    private static volatile String fingerprint;
    private static volatile String verilatorVersion;

    /** The executable {@code name} on PATH, or a {@link VerilatorException} naming the package to install. */
    static Path require(String name, String what, String aptPackage) {
        Path p = which(name);
        if (p == null) {
            throw new VerilatorException(what + " is not installed (no '" + name + "' on PATH). Install it with "
                    + "'sudo apt-get install " + aptPackage + "', or run 'make deps' as root, which installs it.");
        }
        return p;
    }

    static Path verilator() {
        return require("verilator", "Verilator", "verilator");
    }

    /** Checks every tool a build needs, so a missing one is reported before any work starts. */
    static void requireAll() {
        verilator();
        require("g++", "The C++ compiler g++", "g++");
        require("make", "GNU make", "make");
    }

    static Path which(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        return null;
    }

    /**
     * Identity of the installed toolchain: real path, size and modification time of verilator,
     * verilator_bin, g++ and make, plus VERILATOR_ROOT. A stat per file, no process.
     */
    static String fingerprint() {
        String f = fingerprint;
        if (f != null) return f;
        requireAll();
        List<String> parts = new ArrayList<>();
        Path verilator = verilator();
        parts.add(describe(verilator));
        Path bin = verilator.resolveSibling("verilator_bin");
        if (Files.exists(bin)) parts.add(describe(bin));
        parts.add(describe(which("g++")));
        parts.add(describe(which("make")));
        parts.add("VERILATOR_ROOT=" + System.getenv().getOrDefault("VERILATOR_ROOT", ""));
        f = String.join("\n", parts);
        fingerprint = f;
        return f;
    }

    private static String describe(Path p) {
        try {
            Path real = p.toRealPath();
            return real + " " + Files.size(real) + " " + Files.getLastModifiedTime(real).toMillis();
        } catch (IOException e) {
            return p.toString();
        }
    }

    /** {@code verilator --version}, e.g. "Verilator 5.006 2023-01-22 rev (Debian 5.006-3)"; run once per JVM. */
    static String verilatorVersion() {
        String v = verilatorVersion;
        if (v != null) return v;
        ProcessRunner.Result r = ProcessRunner.run(List.of(verilator().toString(), "--version"), null);
        v = r.output().strip();
        if (r.exitCode() != 0 || v.isEmpty()) {
            throw new VerilatorException("'verilator --version' failed (exit " + r.exitCode() + "): " + v);
        }
        verilatorVersion = v;
        return v;
    }
}
