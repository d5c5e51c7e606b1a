package org.jdpu.compiler;

/**
 * One word for the engine's load port: which buffer ({@code ld_sel}), bank and address, and the
 * data as little-endian 64-bit limbs (byte i of the word in bits 8i..8i+7).
 */
public record LoadWord(int select, int bank, int address, long[] data) {

    /** A word of int8 lanes. */
    public static LoadWord ofBytes(int select, int bank, int address, byte[] lanes) {
        long[] limbs = new long[Math.max(1, (lanes.length + 7) / 8)];
        for (int i = 0; i < lanes.length; i++) limbs[i / 8] |= (lanes[i] & 0xFFL) << (8 * (i % 8));
        return new LoadWord(select, bank, address, limbs);
    }

    /** A 32-bit word (a bias). */
    public static LoadWord ofInt(int select, int bank, int address, int value) {
        return new LoadWord(select, bank, address, new long[] {value & 0xFFFFFFFFL});
    }
}
