package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;
import org.jdpu.compiler.EngineLayer;

import java.util.List;

/**
 * A layer that is not a plain convolution but runs on the core as a convolution walk planned like
 * one, started once per output-channel group of each run with that group's registers.
 *
 * <p>Its output groups are input groups: group g reads ICP channels and writes them to the first
 * ICP bytes of its OCP-byte output words (the rest are zero). With ICP < OCP the SAVE of group g
 * therefore also writes OCP - ICP bytes of group g + 1's channels, which that group's SAVE, later in
 * the same queue, overwrites; the output map's channel stride leaves room for the last group's
 * overhang ({@link #outputMap}). ICP > OCP is refused (a group would not fit an output word).
 */
public sealed interface OperatorLowering permits PoolLowering, AddLowering, DepthwiseLowering, UpsampleLowering {
    /** The convolution walk: its geometry (what the planner and the LOADs see) and post-processing. */
    EngineLayer layer();

    /** The register writes of group {@code group} of {@code run}, from the run's convolution descriptor. */
    List<RegisterWrite> groupWrites(DpuConfig c, List<RegisterWrite> conv, Run run, int group);

    /**
     * The starts of group {@code group} of {@code run}, in queue order, each its register writes:
     * one start (the group's writes, {@link #groupWrites}) unless the operator splits a group into
     * several, as a TFLite average pool with padding does (one divisor per start) and a TFLite add
     * (three).
     */
    default List<List<RegisterWrite>> groupStarts(DpuConfig c, List<RegisterWrite> conv, Run run, int group) {
        return List.of(groupWrites(c, conv, run, group));
    }

    /**
     * The run plan of the layer from the planner's: unchanged by default; a TFLite add splits runs
     * whose sums would not fit a partial-sum bank.
     */
    default org.jdpu.arch.plan.RunPlan fitted(DpuConfig c, org.jdpu.arch.plan.RunPlan plan) {
        return plan;
    }

    /** The core's cycles for {@code run}: the sum over its group starts. */
    long runCycles(DpuConfig c, Run run);

    /** True when a start of this operator leaves POOL_MODE set, so the next convolution must clear it. */
    boolean setsPoolMode();

    /** Channels of the output (the spec's). */
    int outputChannels();

    /**
     * The one small weight image every group of the layer uses (loaded by its first run only), or
     * null when the layer's weights are per group (a depthwise convolution) or absent (a pool).
     */
    default SharedWeights sharedWeights() {
        return null;
    }

    /**
     * A weight image: its geometry (usually one output group) and OHWI bytes, with the biases of its
     * output channels (null: zero) and, for the multiplier mode, their multipliers then shifts
     * ({@code [2, outC]} flat, null for none).
     */
    record SharedWeights(ConvGeometry params, byte[] weights, int[] bias, int[] requant) {
        /** Weights whose bias is zero, without multipliers. */
        public SharedWeights(ConvGeometry params, byte[] weights) {
            this(params, weights, null, null);
        }
    }

    /** {@code rw} with the value {@code v}, refused when {@code v} does not fit the engine's register. */
    static RegisterWrite rewritten(RegisterWrite rw, long v, EngineWidths wd) {
        if (!rw.register().fits(v, wd)) {
            throw new UnsupportedByEngineException(rw.register() + " = " + v + " does not fit the engine's register");
        }
        return new RegisterWrite(rw.register(), rw.index(), v);
    }

    /** Channels each output group writes: ICP. */
    static int groupChannels(DpuConfig c) {
        return c.icp();
    }

    /**
     * The output map's layout on {@code c} at (region, offset): the compiler's usual one, its channel
     * stride widened for the last group's overhang when ICP < OCP.
     */
    static FeatureMap outputMap(DpuConfig c, Region region, long offset, int h, int w, int channels) {
        FeatureMap usual = FeatureMap.of(region, offset, h, w, channels, c.icp(), c.ocp());
        if (c.icp() == c.ocp()) return usual;
        int groups = (channels + c.icp() - 1) / c.icp();
        int cs = Math.max(usual.cs(), (groups - 1) * c.icp() + c.ocp());
        return new FeatureMap(region, offset, h, w, channels, cs);
    }

    /** @throws org.jdpu.arch.UnsupportedByEngineException when ICP > OCP */
    static void requireGroupsFit(DpuConfig c, String op) {
        if (c.icp() > c.ocp()) {
            throw new org.jdpu.arch.UnsupportedByEngineException(op + " with ICP > OCP is not supported by the engine yet "
                    + "(a group of ICP channels does not fit an output word); " + c.name() + " has ICP " + c.icp()
                    + " and OCP " + c.ocp());
        }
    }
}
