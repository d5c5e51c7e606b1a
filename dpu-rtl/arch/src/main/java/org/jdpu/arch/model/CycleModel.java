package org.jdpu.arch.model;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Pipeline;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunPlan;
import org.jdpu.arch.plan.RunPlanner;

/**
 * Predicts the engine's compute cycles (start to last output write, what the CYCLES register
 * counts) for any layer on any configuration, from the same pipeline depths the generator builds.
 *
 * <p>A run of {@code n} tiles of {@code K} steps issues one step per cycle, a new tile every
 * {@code P = max(K, PP)} cycles (PP is the time each output column needs to drain a tile's
 * accumulators). The last tile's results leave after the fill and drain latency:
 * {@code cycles = (n-1)*P + K - 1 + FRONT + PE + 1 + 2*(PP-1) + POST + (OCP-1) + 1}, where PE depends
 * on ICP (the adder tree's registers).
 */
public final class CycleModel {
    private CycleModel() {}

    /** Cycles a tile's last step needs to become an output write, beyond the issue of its first step. */
    public static int latency(DpuConfig c) {
        return Pipeline.FRONT          // operands reach processing element (0,0)
                + Pipeline.pe(c.icp()) // product, adder tree, accumulate
                + 1                    // the accumulator moves into its column's output chain
                + 2 * (c.pp() - 1)     // the last pixel's result waits and walks down PP-1 rows
                + Pipeline.POST        // requantisation
                + (c.ocp() - 1)        // deskew: column 0 waits for column OCP-1
                + 1;                   // the cycle of the write itself
    }

    /** Compute cycles of one run of {@code tiles} tiles with {@code steps} reduction steps each. */
    public static long runCycles(DpuConfig c, long tiles, int steps) {
        if (tiles < 1 || steps < 1) throw new IllegalArgumentException("a run has at least one tile and step");
        int period = Math.max(steps, c.pp());
        return (tiles - 1) * period + steps - 1 + latency(c);
    }

    public static long runCycles(RunPlan plan, Run run) {
        return runCycles(plan.config(), run.tiles(plan.config().pp()), plan.stepsPerTile());
    }

    /** Compute cycles of a planned layer: the sum over its runs. */
    public static long computeCycles(RunPlan plan) {
        long sum = 0;
        for (Run r : plan.runs()) sum += runCycles(plan, r);
        return sum;
    }

    /** Plans the layer and predicts it. */
    public static LayerEstimate estimate(DpuConfig c, ConvGeometry g) {
        RunPlan plan = RunPlanner.plan(c, g);
        return new LayerEstimate(plan, computeCycles(plan), plan.idealCycles());
    }

    /** A layer's predicted cycles next to its ideal. */
    public record LayerEstimate(RunPlan plan, long computeCycles, double idealCycles) {
        public double utilization() {
            return idealCycles / computeCycles;
        }

        /** Frames (passes of this layer alone) per second at {@code clockMhz}. */
        public double framesPerSecond(double clockMhz) {
            return clockMhz * 1e6 / computeCycles;
        }
    }
}
