package org.jdpu.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Runs a picocli command so that user errors end as one line on stderr and a non-zero exit.
 *
 * <p>Subcommands signal a user-facing problem by throwing {@link UserError}; anything else is a
 * bug and keeps its stack trace (set {@code JDPU_DEBUG=1} to see traces for user errors too).
 */
public final class CliRunner {
    private CliRunner() {}

    /** Exit code for bad input or a failed check the user must act on. */
    public static final int EXIT_USER_ERROR = 2;

    public static int run(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof UserError ue) {
                if (System.getenv("JDPU_DEBUG") != null) ex.printStackTrace();
                line.getErr().println(line.getCommandName() + ": " + ue.getMessage());
                return ue.exitCode();
            }
            throw ex;
        });
        cl.setErr(new PrintWriter(System.err, true));
        return cl.execute(args);
    }
}
