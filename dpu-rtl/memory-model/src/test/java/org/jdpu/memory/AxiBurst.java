package org.jdpu.memory;

import org.jdpu.hdl.lib.Axi4;

/**
 * One burst of a test master: the AW/AR fields, and for a write its beats' data and strobes
 * (whole bus words, lane i = byte i). Beat addresses follow AXI INCR (first beat at addr, then
 * aligned to the size).
 */
record AxiBurst(boolean write, int id, long addr, int len, int size, int burst, byte[][] data, long[] strobes) {

    int beats() {
        return len + 1;
    }

    /** The byte address of beat k. */
    long beatAddr(int k) {
        if (k == 0 || burst == Axi4.BURST_FIXED) {
            return addr;
        }
        long aligned = addr & ~((1L << size) - 1);
        return aligned + ((long) k << size);
    }

    /** The bus lanes beat k addresses: from its address to the end of its 2^size-byte container. */
    long lanes(int k, int dataBytes) {
        long a = beatAddr(k);
        long end = (a & ~((1L << size) - 1)) + (1L << size); // exclusive
        long mask = 0;
        for (long b = a; b < end; b++) {
            mask |= 1L << (b % dataBytes);
        }
        return mask;
    }

    /** First and one-past-last byte the burst can touch. */
    long start() {
        return addr & ~15L & ~((1L << size) - 1);
    }

    long end() {
        return (addr & ~((1L << size) - 1)) + ((long) beats() << size) + 16;
    }
}
