package org.jdpu.arch.isa;

import java.util.Locale;

/**
 * The AXI4-Lite control and status registers of {@code dpu_top}: 32-bit, at byte offsets. Host
 * software writes the instruction address and count, the base address and bound of each region it
 * uses, then START; it waits for the interrupt (or polls STATUS), checks FAULT and reads the
 * counters. Tables ({@link #entries()} > 1) take consecutive addresses {@link #stride()} apart.
 */
public enum ControlRegister {
    ID(0x000, Access.READ, 1, 4, "PP | ICP << 8 | OCP << 16 (the configuration the engine was built for)"),
    FEATURES(0x004, Access.READ, 1, 4,
            "log2 depths: activation bank 4:0, weight bank 9:5, output 14:10, bias 19:15; 20 DSP packing; "
                    + "23:21 log2(AXI data bytes / 4); 31:24 burst beats - 1"),
    CTRL(0x008, Access.WRITE, 1, 4, "bit 0: start the program (ignored while busy); bit 1: clear the interrupt"),
    STATUS(0x00C, Access.READ, 1, 4, "bit 0 busy, bit 1 done, bit 2 fault (done and fault stay until the next start)"),
    FAULT(0x010, Access.READ, 1, 4, "7:0 fault code (see the fault table), 11:8 queue bit of the faulting unit"),
    FAULT_INSTR(0x014, Access.READ, 1, 4, "index of the instruction that faulted"),
    INSTR_ADDR_LO(0x018, Access.READ_WRITE, 1, 4, "address of instruction 0, bits 31:0 (32-byte aligned)"),
    INSTR_ADDR_HI(0x01C, Access.READ_WRITE, 1, 4, "address of instruction 0, bits 63:32"),
    INSTR_COUNT(0x020, Access.READ_WRITE, 1, 4, "instructions the program may fetch (its END included)"),
    BASE_LO(0x040, Access.READ_WRITE, 8, 8, "region n base address, bits 31:0"),
    BASE_HI(0x044, Access.READ_WRITE, 8, 8, "region n base address, bits 63:32"),
    BOUND(0x080, Access.READ_WRITE, 8, 4, "region n size in bytes: LOAD and SAVE may touch offsets 0..BOUND-1 only"),
    DONE_COUNT(0x0A0, Access.READ, Queue.COUNT, 4, "instructions finished by queue n (LOAD, SAVE, CONV, MISC)"),
    BUSY_CYCLES(0x0B0, Access.READ, Queue.COUNT, 4, "cycles queue n was executing an instruction (waits excluded)"),
    CYCLES_LO(0x0C0, Access.READ, 1, 4, "cycles from START to done, bits 31:0"),
    CYCLES_HI(0x0C4, Access.READ, 1, 4, "cycles from START to done, bits 63:32");

    /** How software may access a register. */
    public enum Access { READ, WRITE, READ_WRITE }

    /** Bits of the AXI4-Lite address the registers decode. */
    public static final int ADDRESS_BITS = 12;
    /** The region base-address registers. */
    public static final int REGIONS = 8;

    private final int offset;
    private final Access access;
    private final int entries, stride;
    private final String description;

    ControlRegister(int offset, Access access, int entries, int stride, String description) {
        this.offset = offset;
        this.access = access;
        this.entries = entries;
        this.stride = stride;
        this.description = description;
    }

    /** Byte offset of entry 0. */
    public int offset() {
        return offset;
    }

    /** Byte offset of entry {@code i}. */
    public int offset(int i) {
        if (i < 0 || i >= entries) throw new IndexOutOfBoundsException(name() + "[" + i + "]");
        return offset + i * stride;
    }

    public Access access() {
        return access;
    }

    public int entries() {
        return entries;
    }

    public int stride() {
        return stride;
    }

    public String description() {
        return description;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
