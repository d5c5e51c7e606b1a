package org.jdpu.cosim;

import org.jdpu.runtime.DriverResult;
import org.jdpu.arch.DpuConfig;
import org.jdpu.tensor.Int8Tensor;

import java.util.Locale;

/**
 * One layer through the engine next to the golden model: every output byte compared, the compute
 * cycles compared with the cycle model.
 *
 * @param layer      a name for the layer in messages (a file name, or a generated description)
 * @param origin     how to reproduce it (the seed, or the input files)
 * @param config     the configuration it ran on
 * @param run        what the engine produced
 * @param expected   the golden model's output
 * @param mismatches output bytes that differ
 * @param first      the first of them (row-major order), or null
 */
public record CosimResult(String layer, String origin, DpuConfig config, DriverResult run, Int8Tensor expected,
                          long mismatches, Mismatch first) {

    /** Bit-exact and cycle-exact. */
    public boolean passed() {
        return mismatches == 0 && cyclesMatch();
    }

    public boolean cyclesMatch() {
        return run.firstCycleMismatch() < 0;
    }

    /** The one-line summary the {@code cosim} command prints. */
    public String resultLine() {
        return String.format(Locale.ROOT,
                "RESULT arch=%s cycles=%d total_cycles=%d ideal_cycles=%d utilization=%.4f mismatches=%d lowering=%s",
                config.name(), run.computeCycles(), run.totalCycles(), Math.round(run.idealCycles()),
                run.utilization(), mismatches, run.lowering().label());
    }

    /** Why it failed, with everything needed to reproduce it; empty when it passed. */
    public String failure() {
        StringBuilder sb = new StringBuilder();
        if (mismatches > 0) {
            sb.append(mismatches).append(" output bytes differ from the golden model; ").append(first);
        }
        int bad = run.firstCycleMismatch();
        if (bad >= 0) {
            if (!sb.isEmpty()) sb.append("; ");
            sb.append("run ").append(bad).append(" took ").append(run.runCycles().get(bad))
                    .append(" cycles, the cycle model predicts ").append(run.predictedCycles().get(bad));
        }
        if (sb.isEmpty()) return "";
        return sb.append(" [layer ").append(layer).append(", arch ").append(config.describe()).append(", ")
                .append(origin).append("]").toString();
    }
}
