package org.jdpu.dse;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.memory.DdrTiming;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Pareto front keeps only the points nothing cheaper beats; a layer's bound follows its compute and memory time. */
class ParetoAndBoundTest {
    private static Outcome.Evaluated point(int pp, double fps, long dsps) {
        Candidate c = new Candidate(DpuConfig.of(pp, 2, 2), AxiConfig.DEFAULT, DdrTiming.ZCU102_HP);
        return new Outcome.Evaluated(c, 1000, fps, 0.5, new ResourceEstimate(0, 0, dsps, 0, 0), List.of(), true);
    }

    @Test
    void theFrontIsIncreasingInCostAndFramesPerSecond() {
        Outcome.Evaluated a = point(1, 100, 10), b = point(2, 90, 20), c = point(3, 200, 20), d = point(4, 150, 40),
                e = point(5, 300, 50);
        assertEquals(List.of(a, c, e), ParetoFront.of(List.of(e, d, c, b, a), p -> p.resources().dsps()));
    }

    @Test
    void boundIsComputeMemoryOrNeither() {
        assertEquals(LayerFigures.Bound.COMPUTE, NetworkExplorer.bound(100, 80, 50));
        assertEquals(LayerFigures.Bound.MEMORY, NetworkExplorer.bound(100, 40, 70));
        assertEquals(LayerFigures.Bound.MEMORY, NetworkExplorer.bound(100, 60, 90));
        assertEquals(LayerFigures.Bound.MISC, NetworkExplorer.bound(100, 30, 20));
    }
}
