package org.jdpu.runtime;

import org.jdpu.io.UserError;

/** The simulated engine never signalled done: a hardware bug, reported with the cycle counts. */
public final class EngineHangException extends UserError {
    public EngineHangException(String message) {
        super(message);
    }
}
