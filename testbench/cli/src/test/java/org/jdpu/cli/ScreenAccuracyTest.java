package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.cases.ModelZoo;
import org.jdpu.dse.DesignSpace;
import org.jdpu.dse.NetworkExplorer;
import org.jdpu.dse.Outcome;
import org.jdpu.dse.ResourceModel;
import org.jdpu.runtime.Progress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analytic screen against the exact whole-program cycle model on ResNet-50's body at 64x64
 * (every block kind of the full network: strided convolutions, projections, adds, the pools), on
 * configurations, AXI widths and DDRs from slow to fast: every candidate timed both ways.
 */
class ScreenAccuracyTest {
    /** The screen's worst relative error allowed, as the README states it. */
    static final double MAX_ERROR = 0.5, MAX_MEAN_ERROR = 0.35;

    @Test
    void screenIsWithinItsBoundOfTheExactModel() {
        ModelZoo.Network n = ModelZoo.RESNET50.build(64, 1);
        DseBench.Body body = DseBench.Body.of(n);
        DesignSpace space = new DesignSpace(List.of(8), List.of(8, 16), List.of(16), List.of(DpuConfig.DEFAULT_ACT_BANK_DEPTH),
                List.of(DpuConfig.DEFAULT_WEIGHT_BANK_DEPTH), List.of(0), List.of(8, 16), List.of(20, 100), List.of(0, 16),
                DpuConfig.MAX_MACS);
        NetworkExplorer explorer = new NetworkExplorer(body.spec(), n.input(), body.tensors(), ResourceModel.committed(), 300, -1, 1);
        NetworkExplorer.Exploration run = explorer.explore(space.candidates(), Progress.NONE);
        System.out.println("ResNet-50 body at 64: " + run.screenError().summary());
        long evaluated = run.outcomes().stream().filter(o -> o instanceof Outcome.Evaluated).count();
        assertTrue(evaluated >= 8, evaluated + " of " + run.outcomes().size() + " candidates map");
        assertEquals(evaluated, run.exact(), "a negative margin times every candidate exactly");
        assertEquals(evaluated, run.screenError().count());
        assertTrue(run.screenError().max() <= MAX_ERROR, run.screenError().summary());
        assertTrue(run.screenError().mean() <= MAX_MEAN_ERROR, run.screenError().summary());
    }
}
