package org.jdpu.compiler;

import org.jdpu.io.UserError;

/** A program file that cannot be read: missing, not a program, another format version, truncated or corrupt. */
public final class ProgramFormatException extends UserError {
    public ProgramFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
