package org.jdpu.dse;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.memory.DdrTiming;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Pareto front keeps only the points nothing cheaper beats, the screen's selection those near it; a layer's bound follows its compute and memory time. */
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
    void theMarginKeepsPointsNearAFrontAndTheLimitTheNearest() {
        // DSP costs as above; LUT and BRAM36 all 0, so on those only the fastest is on a front.
        Outcome.Evaluated a = point(1, 100, 10), b = point(2, 90, 20), c = point(3, 200, 20), d = point(4, 150, 40),
                e = point(5, 300, 50);
        List<Outcome.Evaluated> all = List.of(e, d, c, b, a);
        assertEquals(java.util.Set.of(a, c, e), java.util.Set.copyOf(ParetoFront.withinMargin(all, 0, 10)));
        // d is 150 against the 200 of c at less cost: within 40 %, not within 30 %; b is 90 against 200.
        assertEquals(java.util.Set.of(a, c, d, e), java.util.Set.copyOf(ParetoFront.withinMargin(all, 0.4, 10)));
        assertEquals(java.util.Set.of(a, c, e), java.util.Set.copyOf(ParetoFront.withinMargin(all, 0.3, 10)));
        // The limit drops the farthest first: d.
        assertEquals(java.util.Set.of(a, c, e), java.util.Set.copyOf(ParetoFront.withinMargin(all, 0.4, 3)));
    }

    @Test
    void boundIsComputeMemoryOrNeither() {
        assertEquals(LayerFigures.Bound.COMPUTE, NetworkExplorer.bound(100, 80, 50));
        assertEquals(LayerFigures.Bound.MEMORY, NetworkExplorer.bound(100, 40, 70));
        assertEquals(LayerFigures.Bound.MEMORY, NetworkExplorer.bound(100, 60, 90));
        assertEquals(LayerFigures.Bound.MISC, NetworkExplorer.bound(100, 30, 20));
    }
}
