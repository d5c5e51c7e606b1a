package org.jdpu.arch.model;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Pipeline;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunDescriptor;
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
 *
 * <p>The total cycles of a layer are what the host spends driving it, one clock edge per bus
 * operation, as {@code EngineSession} does: per run one cycle per load-port word (only what changed
 * since the previous run is loaded), one per descriptor register write, one for the start write,
 * the compute cycles, and one per output word read back. Channel augmentation is chosen on them.
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
        return runCycles(plan.config(), run.tiles(plan.config().pp()), run.steps(plan.config(), plan.geometry()));
    }

    /** Compute cycles of a planned layer: the sum over its runs. */
    public static long computeCycles(RunPlan plan) {
        long sum = 0;
        for (Run r : plan.runs()) sum += runCycles(plan, r);
        return sum;
    }

    /** Load-port words of the stored input of {@code run}: ICP channels of one pixel each. */
    public static long activationWords(DpuConfig c, ConvGeometry g, Run run) {
        return RunDescriptor.layoutOf(c, g, run).words();
    }

    /** Load-port words of the weights of {@code run}'s channel groups: one per bank, group and step. */
    public static long weightWords(DpuConfig c, ConvGeometry g, Run run) {
        return (long) run.ocGroups() * c.ocp() * run.steps(c, g);
    }

    /**
     * Load-port words of the biases of {@code run}'s channel groups: one int32 per column and group;
     * a {@code +tflite} engine also loads each channel's multiplier and shift (zeros for a shift-mode
     * layer), so that the load traffic does not depend on the layer's mode.
     */
    public static long biasWords(DpuConfig c, Run run) {
        return (long) run.ocGroups() * c.ocp() * (c.tflite() ? 3 : 1);
    }

    /** Output words {@code run} leaves in the output buffer: OCP bytes per pixel and channel group. */
    public static long readWords(Run run) {
        return (long) run.outRows() * run.outCols() * run.ocGroups();
    }

    /**
     * Load-port words before {@code run} when {@code previous} ran last (null for the first run):
     * the input unless it is the same, the weights and biases unless the channel groups are.
     */
    public static long loadWords(DpuConfig c, ConvGeometry g, Run run, Run previous) {
        long words = run.sameInput(previous) ? 0 : activationWords(c, g, run);
        if (!run.sameChannels(previous)) words += weightWords(c, g, run) + biasWords(c, run);
        return words;
    }

    /** Every cycle the host spends on one run, by what it spends them on. */
    public record RunCost(long loadWords, int registerWrites, long computeCycles, long readWords) {
        /** The start write ({@code CTRL}) that follows the descriptor. */
        public static final int START_CYCLES = 1;

        public long totalCycles() {
            return loadWords + registerWrites + START_CYCLES + computeCycles + readWords;
        }
    }

    /** The cost of run {@code index} of {@code plan}, the runs before it having run in order. */
    public static RunCost runCost(RunPlan plan, int index) {
        DpuConfig c = plan.config();
        ConvGeometry g = plan.geometry();
        Run run = plan.runs().get(index);
        Run previous = index == 0 ? null : plan.runs().get(index - 1);
        return new RunCost(loadWords(c, g, run, previous), RunDescriptor.writeCount(c, g, run), runCycles(plan, run),
                readWords(run));
    }

    /** Total cycles of a planned layer: loads, register writes, starts, compute and read-back of every run. */
    public static long totalCycles(RunPlan plan) {
        long sum = 0;
        for (int i = 0; i < plan.runs().size(); i++) sum += runCost(plan, i).totalCycles();
        return sum;
    }

    /** Plans the layer and predicts it. */
    public static LayerEstimate estimate(DpuConfig c, ConvGeometry g) {
        RunPlan plan = RunPlanner.plan(c, g);
        return new LayerEstimate(plan, computeCycles(plan), totalCycles(plan), plan.idealCycles());
    }

    /**
     * A layer's predicted cycles next to its ideal.
     *
     * @param computeCycles what the CYCLES register adds up to over the runs
     * @param totalCycles   every cycle the host spends on the layer ({@link #totalCycles(RunPlan)})
     */
    public record LayerEstimate(RunPlan plan, long computeCycles, long totalCycles, double idealCycles) {
        public double utilization() {
            return idealCycles / computeCycles;
        }

        /** Frames (passes of this layer alone) per second at {@code clockMhz}. */
        public double framesPerSecond(double clockMhz) {
            return clockMhz * 1e6 / computeCycles;
        }
    }
}
