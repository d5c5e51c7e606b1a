package org.jdpu.arch;

/**
 * Bit widths of the engine's counters, addresses and descriptor fields, all derived from a
 * {@link DpuConfig}. The generator sizes its registers from these and the driver checks that every
 * value it writes fits them.
 *
 * @param slot       linear activation slot (wraps modulo the activation capacity)
 * @param actAddr    address inside one activation bank
 * @param index      signed row/column indices (rows and columns of a run, with padding and dilation)
 * @param count      output rows, columns and pixel-group counters of a run
 * @param icGroups   input-channel-group counter
 * @param ocGroups   output-channel-group counter
 * @param weightAddr address inside one weight bank
 * @param outputAddr address of the output buffer
 * @param biasAddr   address of the bias buffer
 * @param kernel     kernel-tap counters (1..16)
 * @param bankSelect load-port bank number
 */
public record EngineWidths(int slot, int actAddr, int index, int count, int icGroups, int ocGroups,
                           int weightAddr, int outputAddr, int biasAddr, int kernel, int bankSelect) {

    /** Accumulators of the processing elements. */
    public static final int ACC = 32;
    /** Bias values as loaded. */
    public static final int BIAS = 32;

    /** Largest kernel height or width the address generator's counters hold. */
    public static final int MAX_KERNEL = 16;

    public static EngineWidths of(DpuConfig c) {
        int slot = log2(c.actCapacityWords());
        int actAddr = log2(c.actBankDepth());
        int out = log2(c.outputDepth());
        int count = out + 1;
        int index = Math.max(16, Math.max(slot, count) + 6);
        int banks = Math.max(c.actBanks(), Math.max(c.ocp(), 2));
        return new EngineWidths(slot, actAddr, index, count, log2(c.weightBankDepth()) + 1,
                log2(c.biasDepth()) + 1, log2(c.weightBankDepth()), out, log2(c.biasDepth()),
                log2(MAX_KERNEL) + 1, bitsFor(banks - 1));
    }

    /** Bits needed to hold values 0..v (at least 1). */
    public static int bitsFor(long v) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(v));
    }

    static int log2(long powerOfTwo) {
        return Long.numberOfTrailingZeros(powerOfTwo);
    }
}
