package org.jdpu.cli;

import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.hdl.ElaborationException;
import org.jdpu.io.UserError;
import org.jdpu.runtime.EngineHangException;
import org.jdpu.sim.VerilatorException;

/**
 * The one place that decides which exceptions reach the user as a message and which are bugs.
 *
 * <p>Every testbench module's domain errors extend {@link UserError}. The bridge, the DSL and the
 * engine contract cannot (they do not depend on the module that defines it), so their user-facing
 * exceptions are adapted here instead of in a catch block per command.
 */
final class UserErrors {
    private UserErrors() {}

    /** The engine's own phrase; added to engine limits that do not say it themselves. */
    static final String UNSUPPORTED = "not supported by the engine yet";

    /** The user-facing error {@code e} stands for, or null when it is a bug that keeps its stack trace. */
    static UserError of(Throwable e) {
        return switch (e) {
            // A hang is the engine failing, not bad input: the exit status of a failed check, as for a mismatch.
            case EngineHangException h -> new UserError(h.getMessage(), 1, h);
            case UserError u -> u;
            case UnsupportedByEngineException u -> new UserError(unsupported(u.getMessage()), u);
            case VerilatorException v -> new UserError(v.getMessage(), v);
            case ElaborationException x -> new UserError(x.getMessage(), x);
            default -> null;
        };
    }

    private static String unsupported(String message) {
        return message.contains(UNSUPPORTED) ? message : UNSUPPORTED + ": " + message;
    }
}
