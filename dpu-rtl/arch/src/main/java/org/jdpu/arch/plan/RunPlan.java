package org.jdpu.arch.plan;

import org.jdpu.arch.DpuConfig;

import java.util.List;

/**
 * How one layer runs on one configuration: the runs in execution order. Runs that share their
 * stored input or their output-channel groups with the previous run reuse the loaded buffers.
 */
public record RunPlan(DpuConfig config, ConvGeometry geometry, List<Run> runs) {

    public RunPlan {
        runs = List.copyOf(runs);
    }

    /** Reduction steps of one tile (kernel taps x input-channel groups); a sliced run has {@link Run#steps}. */
    public int stepsPerTile() {
        return geometry.stepsPerTile(config);
    }

    /** Cycles between the first steps of consecutive tiles: at least PP, the output drain time. */
    public int tilePeriod() {
        return Math.max(stepsPerTile(), config.pp());
    }

    /**
     * Load-port words of {@code runs} executed in order: each run's stored input unless it is the
     * previous run's, its weights and biases unless its channels are the previous run's.
     */
    public static long loadWords(DpuConfig c, ConvGeometry g, List<Run> runs) {
        return loadWords(c, g, runs, g.icGroups(c));
    }

    /**
     * The same for a layer whose output-channel groups each hold the weights of only
     * {@code weightGroups} input-channel groups (see {@link RunPlanner#plan(DpuConfig, ConvGeometry, int)}):
     * an unsliced run's weights are {@code kernel taps x weightGroups} rows per output group.
     */
    public static long loadWords(DpuConfig c, ConvGeometry g, List<Run> runs, int weightGroups) {
        long words = 0;
        Run previous = null;
        for (Run r : runs) {
            if (!r.sameInput(previous)) words += RunDescriptor.layoutOf(c, g, r).words();
            int steps = r.sliced() ? r.steps(c, g) : g.kh() * g.kw() * Math.min(weightGroups, g.icGroups(c));
            if (!r.sameChannels(previous)) words += (long) r.ocGroups() * c.ocp() * (steps + 1);
            previous = r;
        }
        return words;
    }

    /** True when the layer's input channels are split into slices with partial sums kept on chip. */
    public boolean sliced() {
        return runs.stream().anyMatch(Run::sliced);
    }

    /** Ideal cycles: the layer's MACs at PP*ICP*OCP per cycle. */
    public double idealCycles() {
        return (double) geometry.macs() / config.macsPerCycle();
    }
}
