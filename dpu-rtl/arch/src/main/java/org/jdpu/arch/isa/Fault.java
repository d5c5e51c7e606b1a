package org.jdpu.arch.isa;

/**
 * The error status: why the engine stopped a program. The first fault wins; the engine then stops
 * fetching, lets nothing more reach DDR or the buffers, and raises done and the interrupt with the
 * error bit set. The code is in bits 7:0 of the FAULT register.
 */
public enum Fault {
    NONE(0, "no fault"),
    BAD_OPCODE(1, "an instruction has an unknown opcode"),
    BAD_REGISTER(2, "a CONFIG writes a register that is not an engine descriptor register, its count is outside 1..6,"
            + " or a value outside Register.allowed (KERNEL_H/W 1..16, a loop count 1..2^width-1); or a CONV"
            + " starts before every kernel size and loop count has been written since reset"),
    BANK_RANGE(3, "a LOAD or SAVE addresses past a bank (or a buffer the target does not have)"),
    REGION_BOUNDS(4, "a LOAD or SAVE touches DDR outside its region's bounds"),
    AXI_RESPONSE(5, "DDR answered a read or write with an error response"),
    TOKEN_OVERFLOW(6, "a queue received more than 255 unused tokens"),
    DEADLOCK(7, "every queue waits for a token no other queue can give"),
    FETCH_BOUNDS(8, "the program ran past INSTR_COUNT without an END, or INSTR_ADDR is not 32-byte aligned");

    private final int code;
    private final String description;

    Fault(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The fault with this code, or null. */
    public static Fault ofCode(long code) {
        for (Fault f : values()) {
            if (f.code == code) return f;
        }
        return null;
    }
}
