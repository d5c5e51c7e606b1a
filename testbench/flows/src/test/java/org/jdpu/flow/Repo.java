package org.jdpu.flow;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository the tests run in (Maven runs them in the testbench module directory). */
public final class Repo {
    private Repo() {}

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("generated")) && Files.isRegularFile(p.resolve("Makefile"))) return p;
        }
        throw new IllegalStateException("no repository root (with generated/ and Makefile) above " + dir);
    }

    public static Path generated(String arch) {
        return root().resolve("generated").resolve(arch);
    }
}
