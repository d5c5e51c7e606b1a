package org.jdpu.driver;

/** The simulated engine never signalled done: a hardware bug, reported with the cycle counts. */
public final class EngineHangException extends RuntimeException {
    public EngineHangException(String message) {
        super(message);
    }
}
