package org.jdpu.dse;

import java.util.List;

/** A candidate either evaluated on the network or refused by the compiler, with the reason. */
public sealed interface Outcome {
    Candidate candidate();

    /**
     * Timed and sized by the resource model.
     *
     * @param utilization MACs of the network over the multipliers' cycles
     * @param layers      per layer; empty for a candidate read back from a shard's CSV
     * @param exact       true when timed by the whole-program cycle model, false when only by the
     *                    {@link AnalyticScreen} (cycles, frames/s, utilization and layers are then estimates)
     */
    record Evaluated(Candidate candidate, long cycles, double framesPerSecond, double utilization, ResourceEstimate resources,
                     List<LayerFigures> layers, boolean exact) implements Outcome {
        /** The CSV's status of this row: {@code evaluated} (exact) or {@code screened}. */
        public String status() {
            return exact ? "evaluated" : "screened";
        }
    }

    /** The network compiler's refusal (a layer does not fit, an operator it lacks on this configuration). */
    record Refused(Candidate candidate, String reason) implements Outcome {}
}
