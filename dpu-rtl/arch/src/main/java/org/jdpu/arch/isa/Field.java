package org.jdpu.arch.isa;

import java.util.Locale;

/**
 * Every field of the instruction format: which 32-bit word of the {@value Instruction#WORDS}-word
 * instruction it is in, its bit position and width. The encoder, the decoder, the hardware's decoder
 * and the README's tables all read the layout from here. Fields of opcodes that share a layout
 * (LOAD and SAVE) share the entries.
 */
public enum Field {
    OPCODE(0, 28, 4, "operation, see the opcode table"),
    WAIT(0, 24, 4, "queues whose tokens the instruction takes before it starts (bit 3 LOAD, 2 SAVE, 1 CONV, 0 MISC)"),
    SIGNAL(0, 20, 4, "queues that receive a token when the instruction has finished"),
    TARGET(0, 18, 2, "LOAD: on-chip buffer written (0 activations, 1 weights, 2 bias)"),
    REGION(0, 15, 3, "LOAD/SAVE: base-address register the DDR offset is relative to (0..7)"),
    OFFSET(1, 0, 32, "LOAD/SAVE: byte offset of element (0, 0) in the region"),
    INDEX(2, 0, 32, "LOAD: buffer index of element (0, 0); SAVE: output-buffer address of element (0, 0)"),
    N0(3, 0, 16, "LOAD/SAVE: elements of the inner loop"),
    N1(3, 16, 16, "LOAD/SAVE: iterations of the outer loop"),
    S0(4, 0, 32, "LOAD/SAVE: DDR byte step of the inner loop (two's complement)"),
    S1(5, 0, 32, "LOAD/SAVE: DDR byte step of the outer loop (two's complement)"),
    D0(6, 0, 32, "LOAD/SAVE: buffer index step of the inner loop"),
    D1(7, 0, 32, "LOAD/SAVE: buffer index step of the outer loop"),
    REG(0, 0, 8, "CONFIG: engine register written by VALUE0 (VALUE1 goes to REG+1, ...)"),
    COUNT(0, 8, 3, "CONFIG: registers written, 1..6"),
    VALUE0(1, 0, 32, "CONFIG: value of register REG"),
    VALUE1(2, 0, 32, "CONFIG: value of register REG+1"),
    VALUE2(3, 0, 32, "CONFIG: value of register REG+2"),
    VALUE3(4, 0, 32, "CONFIG: value of register REG+3"),
    VALUE4(5, 0, 32, "CONFIG: value of register REG+4"),
    VALUE5(6, 0, 32, "CONFIG: value of register REG+5");

    /** The CONFIG value fields, in register order. */
    public static final Field[] VALUES = {VALUE0, VALUE1, VALUE2, VALUE3, VALUE4, VALUE5};

    private final int word, lsb, width;
    private final String description;

    Field(int word, int lsb, int width, String description) {
        this.word = word;
        this.lsb = lsb;
        this.width = width;
        this.description = description;
    }

    /** Which 32-bit word (0 first in memory). */
    public int word() {
        return word;
    }

    /** Lowest bit inside the word. */
    public int lsb() {
        return lsb;
    }

    public int width() {
        return width;
    }

    /** Highest bit inside the word. */
    public int msb() {
        return lsb + width - 1;
    }

    /** Lowest bit inside the whole instruction, word 0 being bits 31:0. */
    public int instructionLsb() {
        return 32 * word + lsb;
    }

    public long mask() {
        return width == 64 ? -1L : (1L << width) - 1;
    }

    public String description() {
        return description;
    }

    /** Lower-case name, as in listings. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    long get(int[] words) {
        return (Integer.toUnsignedLong(words[word]) >>> lsb) & mask();
    }

    void put(int[] words, long value) {
        long v = value & mask();
        words[word] = (int) ((Integer.toUnsignedLong(words[word]) & ~(mask() << lsb)) | (v << lsb));
    }
}
