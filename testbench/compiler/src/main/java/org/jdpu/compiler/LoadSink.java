package org.jdpu.compiler;

/**
 * Where a run's load-port words go, one at a time and in order: straight into a simulator's
 * input rows, into a testbench's vector list, or into a counter. The words are produced while the
 * run executes, so no more than one of them exists at a time.
 */
@FunctionalInterface
public interface LoadSink {
    /**
     * One word for buffer {@code select} ({@code ld_sel}), bank and address.
     *
     * @param limbs the data as little-endian 64-bit limbs (byte i of the word in bits 8i..8i+7);
     *              the array is reused for the next word, so copy it to keep it
     */
    void word(int select, int bank, int address, long[] limbs);
}
