package org.jdpu.arch.plan;

import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.Register;

/** One write on the register interface: register (table entry {@code index}) gets {@code value}. */
public record RegisterWrite(Register register, int index, long value) {

    public int address() {
        return register.address(index);
    }

    /** The bits driven on {@code reg_wdata}: the value in two's complement, cut to the register width. */
    public long bits(EngineWidths w) {
        return value & ((1L << register.width(w)) - 1);
    }
}
