package org.jdpu.arch.isa;

/** An instruction word the engine cannot execute; {@link #fault()} is the status the hardware reports for it. */
public final class InstructionFormatException extends RuntimeException {
    private final Fault fault;

    public InstructionFormatException(Fault fault, String message) {
        super(message);
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }
}
