package org.jdpu.cli;

import org.jdpu.io.UserError;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Runs a picocli command so that user errors end as one line on stderr and a non-zero exit.
 *
 * <p>{@link UserErrors} decides what is a user error; anything else is a bug and keeps its stack
 * trace (set {@code JDPU_DEBUG=1} to see traces for user errors too). A malformed command line
 * gets the problem and a pointer to {@code --help}, not the whole usage text, which would bury it.
 */
public final class CliRunner {
    private CliRunner() {}

    /** Exit code for bad input or a failed check the user must act on. */
    public static final int EXIT_USER_ERROR = UserError.EXIT_CODE;

    public static int run(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** The configured command line behind {@link #run}, for callers that redirect its output. */
    static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        // Subcommands offer -V too; without this they would print an empty line.
        String[] version = cl.getCommandSpec().version();
        cl.getSubcommands().values().stream().map(CommandLine::getCommandSpec)
                .filter(sub -> sub.version().length == 0).forEach(sub -> sub.version(version));
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            UserError ue = UserErrors.of(ex);
            if (ue == null) throw ex;
            if (System.getenv("JDPU_DEBUG") != null) ex.printStackTrace();
            line.getErr().println(line.getCommandName() + ": " + ue.getMessage());
            return ue.exitCode();
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            line.getErr().println(line.getCommandName() + ": " + ex.getMessage() + "; see '"
                    + line.getCommandSpec().qualifiedName() + " --help'");
            return EXIT_USER_ERROR;
        });
        cl.setErr(new PrintWriter(System.err, true));
        return cl;
    }
}
