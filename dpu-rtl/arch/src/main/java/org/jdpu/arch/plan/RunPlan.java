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

    /** Reduction steps of one tile (kernel taps x input-channel groups). */
    public int stepsPerTile() {
        return geometry.stepsPerTile(config);
    }

    /** Cycles between the first steps of consecutive tiles: at least PP, the output drain time. */
    public int tilePeriod() {
        return Math.max(stepsPerTile(), config.pp());
    }

    /** Ideal cycles: the layer's MACs at PP*ICP*OCP per cycle. */
    public double idealCycles() {
        return (double) geometry.macs() / config.macsPerCycle();
    }
}
