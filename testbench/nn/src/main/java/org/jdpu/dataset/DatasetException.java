package org.jdpu.dataset;

import org.jdpu.io.UserError;

import java.nio.file.Path;

/** A dataset file that is missing, unreadable or malformed; the message names the file and the problem. */
public final class DatasetException extends UserError {
    public DatasetException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public DatasetException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    public DatasetException(String message) {
        super(message);
    }
}
