package org.jdpu.arch.model;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.plan.ConvGeometry;
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
}
