package org.jdpu.dse;

import org.jdpu.arch.DpuConfig;

/**
 * Block RAM of a configuration from its buffers' shapes, as Yosys's {@code memory_libmap} maps
 * them for UltraScale+: every buffer of the core is one simple-dual-port memory (activation banks,
 * weight banks, the output buffer, the bias buffer), the network engine adds none. A memory takes
 * the cheapest tiling by one primitive shape: RAMB36E2 at 32Kx1 .. 1Kx36, 512x72 (simple dual
 * port) or RAMB18E2 (half a block) at 16Kx1 .. 512x36; a memory of at most 512 words is mapped
 * to RAMB36E2s only. This reproduces every synthesized preset's count exactly (see ResourceModelTest).
 */
public final class BlockRamModel {
    private BlockRamModel() {}

    /** Widths of RAMB36E2 at depths 512, 1K, 2K, .. 32K (512x72 is the simple-dual-port shape). */
    private static final int[] RAMB36_WIDTHS = {72, 36, 18, 9, 4, 2, 1};
    /** Widths of RAMB18E2 at depths 512, 1K, .. 16K. */
    private static final int[] RAMB18_WIDTHS = {36, 18, 9, 4, 2, 1};

    /** BRAM36 blocks of the core's buffers on {@code c} (RAMB18s count half). */
    public static double bram36(DpuConfig c) {
        int icpBits = 8 * c.icp(), ocpBits = 8 * c.ocp();
        return c.actBanks() * memory(c.actBankDepth(), icpBits)
                + c.ocp() * memory(c.weightBankDepth(), icpBits)
                + memory(c.outputDepth(), ocpBits)
                + memory(c.biasDepth(), 32 * c.ocp());
    }

    /** Blocks of one memory of {@code depth} words of {@code bits}. */
    static double memory(long depth, int bits) {
        double best = tiles(depth, bits, RAMB36_WIDTHS, 1.0);
        if (depth > 512) best = Math.min(best, tiles(depth, bits, RAMB18_WIDTHS, 0.5));
        return best;
    }

    private static double tiles(long depth, int bits, int[] widths, double blocks) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < widths.length; i++) {
            long words = 512L << i;
            long n = ceil(depth, words) * ceil(bits, widths[i]);
            best = Math.min(best, n * blocks);
        }
        return best;
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
