package org.jdpu.cli;

/**
 * A problem the user must fix (bad input file, impossible configuration, missing tool); the CLI
 * prints its message as one line and exits with {@link #exitCode()}, never with a stack trace.
 */
public class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message) {
        this(message, CliRunner.EXIT_USER_ERROR, null);
    }

    public UserError(String message, Throwable cause) {
        this(message, CliRunner.EXIT_USER_ERROR, cause);
    }

    public UserError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
