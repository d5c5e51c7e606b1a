package org.jdpu.cli;

import org.jdpu.io.OutputDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A command's scratch directory under the system's temporary directory, removed when the command ends. */
final class ScratchDirectory {
    private ScratchDirectory() {}

    /** A new empty directory named after {@code prefix}. */
    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes {@code dir}; a failure is reported on stderr, never thrown (the command's result stands). */
    static void delete(Path dir) {
        try {
            OutputDirectory.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
