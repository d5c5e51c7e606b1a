package org.jdpu.arch.plan;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a layer into runs that fit the configuration's buffers.
 *
 * <p>All input-channel groups of a tile are reduced in one run when the weights of one
 * output-channel group fit a weight bank. Otherwise the input channels are split into the fewest
 * even slices whose weights fit, and each output region runs once per slice, back to back: the
 * core keeps the int32 sums of the earlier slices on chip (PSUM_MODE, one entry per pixel lane
 * and channel group in each column's {@link DpuConfig#psumDepth} bank) and the last slice adds
 * them and requantises, so a sliced region is also limited by the partial-sum banks. Within that, the
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
     * input-channel groups (1 for a depthwise convolution, whose output group reads one input group;
     * 2 for an elementwise add, whose output group reads one group of each operand; never sliced),
     * while every input group is stored.
     */
    public static RunPlan plan(DpuConfig c, ConvGeometry g, int weightGroups) {
        return plan(c, g, weightGroups, false);
    }

    /**
     * A plan for a layer whose output groups all share one weight image of {@code weightGroups}
     * input-channel groups, loaded once per layer (an elementwise add's two diagonals): nothing is
     * reloaded per band, so the runs always go band by band and each band's input is loaded once.
     */
    public static RunPlan planSharedWeights(DpuConfig c, ConvGeometry g, int weightGroups) {
        return plan(c, g, weightGroups, true);
    }

    private static RunPlan plan(DpuConfig c, ConvGeometry g, int weightGroups, boolean sharedWeights) {
        int taps = g.kh() * g.kw(), icgTotal = g.icGroups(c);
        if (taps > c.weightBankDepth()) {
            throw new UnsupportedByEngineException("the weights of one input- and output-channel group need " + taps
                    + " words per bank (kernel " + g.kh() + "x" + g.kw() + ") but a weight bank holds "
                    + c.weightBankDepth());
        }
        Slicing s;
        int steps;
        if (weightGroups < icgTotal) {
            s = new Slicing(false, icgTotal);
            steps = taps * weightGroups;
            if (steps > c.weightBankDepth()) {
                throw new UnsupportedByEngineException("the weights of one output-channel group need " + steps
                        + " words per bank (kernel " + g.kh() + "x" + g.kw() + " x " + weightGroups
                        + " input-channel groups) but a weight bank holds " + c.weightBankDepth());
            }
        } else {
            int slices = (icgTotal + c.weightBankDepth() / taps - 1) / (c.weightBankDepth() / taps);
            int perSlice = (icgTotal + slices - 1) / slices;
            s = new Slicing(slices > 1, perSlice);
            steps = taps * perSlice;
        }
        int ocgTotal = g.ocGroups(c);
        int ocgByWeights = Math.min(c.weightBankDepth() / steps, c.biasDepth());

        int cols = widestBand(c, g, s);
        int ocgPerRun = Math.min(ocgTotal, Math.min(ocgByWeights, c.outputDepth() / cols));
        if (s.sliced()) ocgPerRun = Math.min(ocgPerRun, c.psumDepth() / lanes(c, cols));
        int rows = 1;
        while (rows < g.outH() && fits(c, g, s, rows + 1, cols, ocgPerRun)) rows++;

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
        if (s.sliced()) {
            bandMajor = sliced(bandMajor, icgTotal, s.groups());
            chunkMajor = sliced(chunkMajor, icgTotal, s.groups());
        }
        List<Run> runs = !sharedWeights
                && RunPlan.loadWords(c, g, chunkMajor, weightGroups) < RunPlan.loadWords(c, g, bandMajor, weightGroups)
                ? chunkMajor : bandMajor;
        return new RunPlan(c, g, runs);
    }

    /**
     * A plan for a channel-wise operator (a pool: output group g reads only input group g, as many
     * output as input groups) whose every channel group does not fit the activation buffer at once:
     * each run stores only the input groups of its output groups ({@code icg0..icg1} = its
     * {@code ocg0..ocg1}, see {@link Run}), in chunks of the most groups whose window fits.
     *
     * @throws UnsupportedByEngineException when not even one channel group's window fits
     */
    public static RunPlan planChannelwise(DpuConfig c, ConvGeometry g) {
        int total = g.icGroups(c);
        UnsupportedByEngineException last = null;
        for (int chunk = total; chunk >= 1; chunk = chunk == 1 ? 0 : (chunk + 1) / 2) {
            ConvGeometry part = new ConvGeometry(g.inH(), g.inW(), chunk * c.icp(), chunk * c.ocp(), g.kh(), g.kw(),
                    g.sh(), g.sw(), g.dh(), g.dw(), g.padTop(), g.padLeft(), g.padBottom(), g.padRight());
            RunPlan p;
            try {
                p = plan(c, part);
            } catch (UnsupportedByEngineException e) {
                last = e;
                continue;
            }
            List<Run> runs = new ArrayList<>();
            for (int a = 0; a < total; a += chunk) {
                for (Run r : p.runs()) {
                    int o0 = a + r.ocg0(), o1 = Math.min(total, a + r.ocg1());
                    if (o0 >= o1) continue;
                    runs.add(new Run(r.oy0(), r.oy1(), r.ox0(), r.ox1(), o0, o1, r.iy0(), r.iy1(), r.ix0(), r.ix1(), o0, o1));
                }
            }
            return new RunPlan(c, g, runs);
        }
        throw last;
    }

    /** How the input channels are split: whether at all, and the groups of ICP channels per slice. */
    private record Slicing(boolean sliced, int groups) {}

    /** Each region's runs, one per input-channel slice, back to back (the partial sums stay in the core). */
    private static List<Run> sliced(List<Run> regions, int icgTotal, int perSlice) {
        List<Run> out = new ArrayList<>();
        for (Run r : regions) {
            for (int icg0 = 0; icg0 < icgTotal; icg0 += perSlice) out.add(r.slice(icg0, Math.min(icgTotal, icg0 + perSlice)));
        }
        return out;
    }

    /** Pixel lanes of one output row of {@code cols} columns: whole tiles of PP, tails included. */
    private static int lanes(DpuConfig c, int cols) {
        return (cols + c.pp() - 1) / c.pp() * c.pp();
    }

    /**
     * Output columns per band: the whole row if one output row's input fits, else a multiple of PP
     * (where one fits), as even as the number of bands allows.
     */
    private static int widestBand(DpuConfig c, ConvGeometry g, Slicing s) {
        if (fits(c, g, s, 1, g.outW(), 1)) return g.outW();
        int best = 0;
        for (int cols = 1; cols < g.outW() && fits(c, g, s, 1, cols, 1); cols++) best = cols;
        if (best == 0) {
            throw new UnsupportedByEngineException("one output pixel reads " + inputWords(c, g, s, 1, 1)
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

    private static boolean fits(DpuConfig c, ConvGeometry g, Slicing s, int rows, int cols, int ocgs) {
        return inputWords(c, g, s, rows, cols) <= c.actCapacityWords()
                && (long) rows * cols * ocgs <= c.outputDepth()
                && (!s.sliced() || (long) rows * lanes(c, cols) * ocgs <= c.psumDepth());
    }

    /** Worst-case stored words of a band of rows x cols outputs (before clipping to the image). */
    private static long inputWords(DpuConfig c, ConvGeometry g, Slicing s, int rows, int cols) {
        long inRows = Math.min(g.inH(), (long) (rows - 1) * g.sh() + (long) (g.kh() - 1) * g.dh() + 1);
        long inCols = Math.min(g.inW(), (long) (cols - 1) * g.sw() + (long) (g.kw() - 1) * g.dw() + 1);
        long rowWidth = (inCols + g.sw() - 1) / g.sw() * g.sw(); // phases padded to equal length (ActivationLayout)
        return inRows * rowWidth * s.groups();
    }
}
