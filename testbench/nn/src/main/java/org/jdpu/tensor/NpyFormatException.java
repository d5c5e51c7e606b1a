package org.jdpu.tensor;

import org.jdpu.io.UserError;

import java.nio.file.Path;

/**
 * A {@code .npy} file that cannot be read or written as a jdpu tensor: bad magic or header,
 * unsupported version, dtype, byte order or layout, truncated or oversized data, or an I/O failure.
 * The message names the file and the problem.
 */
public final class NpyFormatException extends UserError {
    private final transient Path file;

    public NpyFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    public NpyFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }
}
