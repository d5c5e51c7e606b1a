package org.jdpu.flow;

import org.jdpu.io.UserError;

/**
 * A problem in the FPGA flow that the user must fix or look at: a missing tool, a design that does
 * not lint or synthesize cleanly, a bad file list. The message is one readable line (plus, where it
 * helps, a few lines of the tool's own output); the CLI prints it without a stack trace.
 */
public class FlowException extends UserError {
    public FlowException(String message) {
        super(message);
    }

    public FlowException(String message, Throwable cause) {
        super(message, cause);
    }
}
