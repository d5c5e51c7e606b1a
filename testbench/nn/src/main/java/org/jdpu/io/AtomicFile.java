package org.jdpu.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written all-or-nothing: the contents go to a hidden sibling ({@link TempNames}), which is
 * then renamed over the target. A reader never sees half a file, and a failed write leaves the old
 * file, if any, as it was. The rename is atomic where the file system allows it.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Writes the contents to a stream; the stream is closed by {@link #write}. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code file} from {@code contents}. A failure to create the hidden sibling names the
     * directory: missing, not a directory, or not writable ({@link IoErrors#cannotCreateIn});
     * {@link IoErrors#describe} of the exception is the text to show.
     */
    public static void write(Path file, Contents contents) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp;
        try {
            tmp = TempNames.createFile(dir, file.getFileName().toString());
        } catch (IOException e) {
            String why = Files.isDirectory(dir) ? IoErrors.cannotCreateIn(dir, e)
                    : Files.exists(dir) ? dir + " is not a directory" : "directory " + dir + " does not exist";
            throw new IOException(why, e);
        }
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                contents.writeTo(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }

    /**
     * Why {@code file} could not be written, to check before a long run; null when it can: it is a
     * directory, or its directory is missing, not a directory or not writable.
     */
    public static String problem(Path file) {
        if (file.toString().isEmpty()) return "the path is empty";
        if (Files.isDirectory(file)) return "it is a directory";
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) return Files.exists(dir) ? dir + " is not a directory" : "directory " + dir + " does not exist";
        if (!Files.isWritable(dir)) return "directory " + dir + " is not writable";
        return null;
    }

    /** Writes {@code bytes} to {@code file}. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** As {@link #write(Path, Contents)}, a failure being a {@link UserError} naming the file and the reason. */
    public static void writeOrFail(Path file, Contents contents) {
        try {
            write(file, contents);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + IoErrors.describe(e), e);
        }
    }
}
