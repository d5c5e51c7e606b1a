package org.jdpu.arch.isa;

import org.jdpu.arch.DpuConfig;

/**
 * The read-only FEATURES control register ({@link ControlRegister#FEATURES}): what host software
 * needs to know about an engine beyond its {@link org.jdpu.arch.IdWord ID} to place a program.
 * Bits 4:0 log2 activation bank depth, 9:5 log2 weight bank depth, 14:10 log2 output depth,
 * 19:15 log2 bias depth, 20 DSP packing, 23:21 log2(AXI data bytes / 4), 31:24 burst beats - 1.
 * The hardware builds the constant from {@link #of}, software reads it back with the accessors.
 */
public final class FeatureWord {
    private FeatureWord() {}

    /** Width of each log2-depth field. */
    public static final int DEPTH_BITS = 5;
    public static final int ACT_LSB = 0, WEIGHT_LSB = 5, OUTPUT_LSB = 10, BIAS_LSB = 15, PACKING_BIT = 20;
    public static final int DATA_LSB = 21, DATA_BITS = 3, BURST_LSB = 24, BURST_BITS = 8;

    /** The FEATURES value of an engine of configuration {@code c} with AXI masters {@code a}. */
    public static long of(DpuConfig c, AxiConfig a) {
        return (long) log2(c.actBankDepth()) << ACT_LSB
                | (long) log2(c.weightBankDepth()) << WEIGHT_LSB
                | (long) log2(c.outputDepth()) << OUTPUT_LSB
                | (long) log2(c.biasDepth()) << BIAS_LSB
                | (c.dspPacking() ? 1L : 0L) << PACKING_BIT
                | (long) log2(a.dataBytes() / 4) << DATA_LSB
                | (long) (a.burstBeats() - 1) << BURST_LSB;
    }

    public static int actBankDepth(long features) {
        return 1 << field(features, ACT_LSB, DEPTH_BITS);
    }

    public static int weightBankDepth(long features) {
        return 1 << field(features, WEIGHT_LSB, DEPTH_BITS);
    }

    public static int outputDepth(long features) {
        return 1 << field(features, OUTPUT_LSB, DEPTH_BITS);
    }

    public static int biasDepth(long features) {
        return 1 << field(features, BIAS_LSB, DEPTH_BITS);
    }

    public static boolean dspPacking(long features) {
        return field(features, PACKING_BIT, 1) != 0;
    }

    /** The AXI masters' data width in bytes. */
    public static int axiDataBytes(long features) {
        return 4 << field(features, DATA_LSB, DATA_BITS);
    }

    public static int burstBeats(long features) {
        return field(features, BURST_LSB, BURST_BITS) + 1;
    }

    private static int field(long word, int lsb, int bits) {
        return (int) (word >>> lsb & ((1L << bits) - 1));
    }

    private static int log2(int powerOfTwo) {
        return Integer.numberOfTrailingZeros(powerOfTwo);
    }
}
