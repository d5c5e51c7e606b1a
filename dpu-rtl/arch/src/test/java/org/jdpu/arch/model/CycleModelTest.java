package org.jdpu.arch.model;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.ActivationKind;
import org.jdpu.arch.PostProcessing;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunDescriptor;
import org.jdpu.arch.plan.RunPlan;
import org.jdpu.arch.plan.RunPlanner;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CycleModelTest {

    @Test
    void tilesStreamBackToBackSoFillAndDrainArePaidOncePerRun() {
        DpuConfig c = Preset.B1024.config();
        long one = CycleModel.runCycles(c, 1, 72);
        long many = CycleModel.runCycles(c, 1024, 72);
        assertEquals(1023L * 72, many - one);
    }

    @Test
    void shortTilesAreStretchedToTheDrainTime() {
        DpuConfig c = Preset.B1024.config();
        assertEquals(9L * 8, CycleModel.runCycles(c, 10, 1) - CycleModel.runCycles(c, 1, 1));
    }

    @Test
    void alignedThreeByThreeLayerIsAbove95Percent() {
        var est = CycleModel.estimate(Preset.B1024.config(), ConvGeometry.square(32, 32, 64, 64, 3, 1, 1));
        assertEquals(73728.0, est.idealCycles());
        assertTrue(est.utilization() >= 0.95, "utilisation " + est.utilization());
    }

    @Test
    void totalCyclesCountEveryBusOperationOfEveryRun() {
        DpuConfig c = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=16");
        ConvGeometry g = ConvGeometry.square(12, 12, 9, 20, 3, 1, 1);
        RunPlan plan = RunPlanner.plan(c, g);
        assertTrue(plan.runs().size() > 2, "the small buffers split the layer: " + plan.runs().size());
        PostProcessing post = PostProcessing.shift(0, 0, 0, 0, ActivationKind.RELU, -128, 127);
        long total = 0;
        Run previous = null;
        for (int i = 0; i < plan.runs().size(); i++) {
            Run r = plan.runs().get(i);
            CycleModel.RunCost cost = CycleModel.runCost(plan, i);
            assertEquals(RunDescriptor.of(c, g, r, post).writes().size(), cost.registerWrites());
            long loads = (r.sameInput(previous) ? 0 : (long) r.inRows() * r.inCols() * 2)
                    + (r.sameChannels(previous) ? 0 : (long) r.ocGroups() * 7 * 9 * 2 + r.ocGroups() * 7L);
            assertEquals(loads, cost.loadWords(), "run " + i);
            assertEquals((long) r.outRows() * r.outCols() * r.ocGroups(), cost.readWords());
            assertEquals(CycleModel.runCycles(plan, r), cost.computeCycles());
            total += loads + cost.registerWrites() + 1 + cost.computeCycles() + cost.readWords();
            previous = r;
        }
        assertEquals(total, CycleModel.totalCycles(plan));
        assertEquals(total, CycleModel.estimate(c, g).totalCycles());
        assertEquals(26 + 3 * 5, RunDescriptor.writeCount(Preset.B512.config(), ConvGeometry.square(9, 9, 1, 1, 5, 1, 2)));
    }
}
