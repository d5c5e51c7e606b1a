package org.jdpu.arch.plan;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a layer into runs that fit the configuration's buffers.
 *
 * <p>All input-channel groups of a tile are always reduced in one run (the engine keeps no partial
 * sums), so the weights of one output-channel group must fit a weight bank. Within that, the
 * planner prefers whole output rows (column bands only when a single row of input does not fit),
 * then as many output-channel groups and output rows per run as the weight, bias, output and
 * activation buffers allow. Runs go band by band (inside a band, channel chunk by chunk, so a
 * band's input is loaded once) or chunk by chunk (a chunk's weights loaded once), whichever loads
 * fewer words.
 */
public final class RunPlanner {
    private RunPlanner() {}

    public static RunPlan plan(DpuConfig c, ConvGeometry g) {
        return plan(c, g, g.icGroups(c));
    }

    /**
     * A plan for a layer whose output-channel groups each hold weights for only {@code weightGroups}
     * input-channel groups (1 for a depthwise convolution, whose output group reads one input group),
     * while every input group is stored.
     */
    public static RunPlan plan(DpuConfig c, ConvGeometry g, int weightGroups) {
        int steps = g.kh() * g.kw() * weightGroups;
        if (steps > c.weightBankDepth()) {
            throw new UnsupportedByEngineException("the weights of one output-channel group need " + steps
                    + " words per bank (kernel " + g.kh() + "x" + g.kw() + " x " + weightGroups
                    + " input-channel groups) but a weight bank holds " + c.weightBankDepth());
        }
        int ocgTotal = g.ocGroups(c);
        int ocgByWeights = Math.min(c.weightBankDepth() / steps, c.biasDepth());

        int cols = widestBand(c, g);
        int ocgPerRun = Math.min(ocgTotal, Math.min(ocgByWeights, c.outputDepth() / cols));
        int rows = 1;
        while (rows < g.outH() && fits(c, g, rows + 1, cols, ocgPerRun)) rows++;

        // Band by band, each band's input loaded once and the channel chunks' weights reloaded per band; or
        // chunk by chunk, each chunk's weights loaded once and the input reloaded per chunk: whichever loads less.
        List<Run> bandMajor = new ArrayList<>(), chunkMajor = new ArrayList<>();
        for (int oy0 = 0; oy0 < g.outH(); oy0 += rows) {
            int oy1 = Math.min(g.outH(), oy0 + rows);
            int[] in = g.inputRows(oy0, oy1);
            for (int ox0 = 0; ox0 < g.outW(); ox0 += cols) {
                int ox1 = Math.min(g.outW(), ox0 + cols);
                int[] ic = g.inputCols(ox0, ox1);
                for (int ocg0 = 0; ocg0 < ocgTotal; ocg0 += ocgPerRun) {
                    bandMajor.add(new Run(oy0, oy1, ox0, ox1, ocg0, Math.min(ocgTotal, ocg0 + ocgPerRun),
                            in[0], in[1], ic[0], ic[1]));
                }
            }
        }
        for (int ocg0 = 0; ocg0 < ocgTotal; ocg0 += ocgPerRun) {
            for (Run r : bandMajor) {
                if (r.ocg0() == ocg0) chunkMajor.add(r);
            }
        }
        List<Run> runs = RunPlan.loadWords(c, g, chunkMajor) < RunPlan.loadWords(c, g, bandMajor) ? chunkMajor : bandMajor;
        return new RunPlan(c, g, runs);
    }

    /**
     * Output columns per band: the whole row if one output row's input fits, else a multiple of PP
     * (where one fits), as even as the number of bands allows.
     */
    private static int widestBand(DpuConfig c, ConvGeometry g) {
        if (fits(c, g, 1, g.outW(), 1)) return g.outW();
        int best = 0;
        for (int cols = 1; cols < g.outW() && fits(c, g, 1, cols, 1); cols++) best = cols;
        if (best == 0) {
            throw new UnsupportedByEngineException("one output pixel reads " + inputWords(c, g, 1, 1)
                    + " input words but the activation buffer holds " + c.actCapacityWords());
        }
        int widest = best >= c.pp() ? best - best % c.pp() : best;
        // As many bands as the widest fit needs, but of even widths: a narrow last band would be a short
        // run, too short to hide the loads of the next one behind it.
        int bands = (g.outW() + widest - 1) / widest;
        int even = (g.outW() + bands - 1) / bands;
        if (even >= c.pp()) even = (even + c.pp() - 1) / c.pp() * c.pp();
        return Math.min(widest, even);
    }

    private static boolean fits(DpuConfig c, ConvGeometry g, int rows, int cols, int ocgs) {
        return inputWords(c, g, rows, cols) <= c.actCapacityWords()
                && (long) rows * cols * ocgs <= c.outputDepth();
    }

    /** Worst-case stored words of a band of rows x cols outputs (before clipping to the image). */
    private static long inputWords(DpuConfig c, ConvGeometry g, int rows, int cols) {
        long inRows = Math.min(g.inH(), (long) (rows - 1) * g.sh() + (long) (g.kh() - 1) * g.dh() + 1);
        long inCols = Math.min(g.inW(), (long) (cols - 1) * g.sw() + (long) (g.kw() - 1) * g.dw() + 1);
        long rowWidth = (inCols + g.sw() - 1) / g.sw() * g.sw(); // phases padded to equal length (ActivationLayout)
        return inRows * rowWidth * g.icGroups(c);
    }
}
