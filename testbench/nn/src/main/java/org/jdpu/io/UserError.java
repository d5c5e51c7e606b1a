package org.jdpu.io;

/**
 * The one type of error a user must fix or look at: a bad input file, an impossible configuration,
 * a missing tool, a design that fails a check. Every jdpu module's domain errors extend it; the
 * command line prints the message as one line and exits with {@link #exitCode()}, never with a
 * stack trace.
 */
public class UserError extends RuntimeException {
    /** The exit status of a user error: the input or the setup is wrong, not jdpu. */
    public static final int EXIT_CODE = 2;

    private final int exitCode;

    public UserError(String message) {
        this(message, EXIT_CODE, null);
    }

    public UserError(String message, Throwable cause) {
        this(message, EXIT_CODE, cause);
    }

    public UserError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
