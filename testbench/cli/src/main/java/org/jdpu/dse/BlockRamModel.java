package org.jdpu.dse;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;

/**
 * Block RAM of a configuration from its buffers' shapes, as Yosys's {@code memory_libmap} maps
 * them for UltraScale+: the activation banks, the OCP weight banks, the output buffer and, per
 * output column, a bias bank, a partial-sum bank ({@link DpuConfig#psumDepth} int32) and on
 * {@code +tflite} engines a multiplier bank (31 bits); each column's 6-bit shift bank goes to
 * distributed RAM, as do the network engine's FIFOs. A memory takes the cheapest tiling by one
 * primitive shape: RAMB36E2 at 32Kx1 .. 1Kx36, 512x72 (simple dual port) or RAMB18E2 (half a
 * block) at 16Kx1 .. 512x36; a memory of at most 512 words takes RAMB36E2s at 512x72, or one
 * RAMB18E2 when it is at most 36 bits wide. This reproduces every synthesis of the sample exactly
 * (see ResourceModelTest).
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
        double column = memory(c.biasDepth(), EngineWidths.BIAS) + memory(c.psumDepth(), EngineWidths.ACC)
                + (c.tflite() ? memory(c.biasDepth(), EngineWidths.BIAS - 1) : 0);
        return c.actBanks() * memory(c.actBankDepth(), icpBits)
                + c.ocp() * memory(c.weightBankDepth(), icpBits)
                + memory(c.outputDepth(), ocpBits)
                + c.ocp() * column;
    }


    /** Blocks of one memory of {@code depth} words of {@code bits}. */
    static double memory(long depth, int bits) {
        double best = tiles(depth, bits, RAMB36_WIDTHS, 1.0);
        if (depth > 512) best = Math.min(best, tiles(depth, bits, RAMB18_WIDTHS, 0.5));
        else if (bits <= RAMB18_WIDTHS[0]) best = Math.min(best, 0.5);
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
