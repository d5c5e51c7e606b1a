package org.jdpu.dse;

import java.util.List;

/** A candidate either evaluated on the network or refused by the compiler, with the reason. */
public sealed interface Outcome {
    Candidate candidate();

    /** Timed by the whole-program cycle model and sized by the resource model. */
    record Evaluated(Candidate candidate, long cycles, double framesPerSecond, ResourceEstimate resources,
                     List<LayerFigures> layers) implements Outcome {
        /** MACs of the network over the multipliers' cycles. */
        public double utilization() {
            long macs = layers.stream().mapToLong(LayerFigures::macs).sum();
            return macs / ((double) cycles * candidate.config().macsPerCycle());
        }
    }

    /** The network compiler's refusal (a layer does not fit, an operator it lacks on this configuration). */
    record Refused(Candidate candidate, String reason) implements Outcome {}
}
