package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;
import org.jdpu.compiler.EngineLayer;

import java.util.List;

/**
 * A layer that is not a plain convolution but runs on the core as a convolution walk planned like
 * one, started once per output-channel group of each run with that group's registers.
 */
public sealed interface OperatorLowering permits PoolLowering, AddLowering {
    /** The convolution walk: its geometry (what the planner and the LOADs see) and post-processing. */
    EngineLayer layer();

    /** The register writes of group {@code group} of {@code run}, from the run's convolution descriptor. */
    List<RegisterWrite> groupWrites(DpuConfig c, List<RegisterWrite> conv, Run run, int group);

    /** The core's cycles for {@code run}: the sum over its group starts. */
    long runCycles(DpuConfig c, Run run);

    /** True when a start of this operator leaves POOL_MODE set, so the next convolution must clear it. */
    boolean setsPoolMode();
}
