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
        // An empty path resolves to the working directory, which must never be replaced by accident.
        if (target.toString().isEmpty()) throw new UserError("the output directory is an empty path; name a directory");
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) throw new UserError(target + " exists and is not a directory");
            if (marker != null && !isEmpty(abs) && !Files.exists(abs.resolve(marker))) {
                throw new UserError("refusing to replace " + target + ": it exists, is not empty and holds no "
                        + marker + " (choose another output directory or remove it)");
            }
        }
        Path parent = abs.getParent();
        requireDirectories(target, parent);
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UserError("cannot create " + target + ": " + IoErrors.describe(e), e);
        }
        try {
            return new OutputDirectory(abs, TempNames.createDirectory(parent, abs.getFileName().toString(), "tmp"));
        } catch (IOException e) {
            throw new UserError("cannot create " + target + ": " + IoErrors.cannotCreateIn(parent, e), e);
        }
    }

    /** Fails when an existing ancestor of {@code dir} is a file, where creating it would say "already exists". */
    private static void requireDirectories(Path target, Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) throw new UserError("cannot create " + target + ": " + p + " is not a directory");
                return;
            }
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
                old = TempNames.createDirectory(target.getParent(), target.getFileName().toString(), "old");
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
