package org.jdpu.sim;

/**
 * A problem building or driving a Verilated model that the user must act on: a missing tool,
 * Verilog that does not compile, an unknown port, a simulation stopped by {@code $fatal}. The
 * message is complete on its own (first line says what is wrong; tool output, if any, follows).
 */
public class VerilatorException extends RuntimeException {
    public VerilatorException(String message) {
        super(message);
    }

    public VerilatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
