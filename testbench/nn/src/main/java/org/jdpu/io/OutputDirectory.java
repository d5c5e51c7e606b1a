package org.jdpu.io;


import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output directory written all-or-nothing: files go to a hidden staging directory beside the
 * target, and {@link #commit()} swaps it in with a rename. If the work fails (or is never
 * committed), {@link #close()} removes the staging directory and the old target stays untouched,
 * so a failed run never leaves a half-written directory behind.
 *
 * <p>An existing target is only replaced when it is empty or holds {@code marker} (a file every
 * directory of that kind contains), so a mistyped {@code --out} cannot wipe an unrelated directory.
 */
public final class OutputDirectory implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    private OutputDirectory(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Stages a replacement for {@code target}; {@code marker} guards an existing one (null: none). */
    public static OutputDirectory replacing(Path target, String marker) {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) throw new UserError(target + " exists and is not a directory");
            if (marker != null && !isEmpty(abs) && !Files.exists(abs.resolve(marker))) {
                throw new UserError("refusing to replace " + target + ": it exists, is not empty and holds no "
                        + marker + " (choose another output directory or remove it)");
            }
        }
        try {
            Files.createDirectories(abs.getParent());
            Path staging = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
            return new OutputDirectory(abs, staging);
        } catch (IOException e) {
            throw new UserError("cannot create output directory next to " + target + ": " + IoErrors.describe(e), e);
        }
    }

    /** Stages a replacement for {@code target}, which may be replaced whatever it holds. */
    public static OutputDirectory replacing(Path target) {
        return replacing(target, null);
    }

    /** Where to write the files. */
    public Path staging() {
        return staging;
    }

    public Path target() {
        return target;
    }

    /** Puts the staged files in place of the target. */
    public void commit() {
        try {
            Path old = null;
            if (Files.exists(target)) {
                old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                Files.delete(old);
                move(target, old);
            }
            move(staging, target);
            committed = true;
            if (old != null) deleteTree(old);
        } catch (IOException e) {
            throw new UserError("cannot move the output into " + target + ": " + IoErrors.describe(e), e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                deleteTree(staging);
            } catch (IOException e) {
                // Leaving a hidden staging directory behind is harmless; the target is intact.
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a directory tree (used for staging and replaced directories only). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
