package org.jdpu.arch.plan;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.UnsupportedByEngineException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunPlannerTest {

    @Test
    void aLayerThatFitsIsOneRun() {
        RunPlan plan = RunPlanner.plan(Preset.B1024.config(), ConvGeometry.square(32, 32, 64, 64, 3, 1, 1));
        assertEquals(1, plan.runs().size());
        Run r = plan.runs().getFirst();
        assertEquals(new Run(0, 32, 0, 32, 0, 8, 0, 32, 0, 32), r);
        assertEquals(72, plan.stepsPerTile());
    }

    @Test
    void runsCoverEveryOutputOnceAndFitTheBuffers() {
        DpuConfig small = DpuConfig.of(3, 5, 7).withBuffers(64, 64, 64, 16);
        ConvGeometry[] layers = {
                ConvGeometry.square(20, 23, 9, 30, 3, 1, 1),
                new ConvGeometry(17, 40, 4, 8, 5, 3, 2, 3, 1, 2, 2, 0, 1, 3),
                ConvGeometry.square(9, 100, 5, 7, 1, 1, 0),
        };
        for (ConvGeometry g : layers) {
            RunPlan plan = RunPlanner.plan(small, g);
            int[][][] hits = new int[g.outH()][g.outW()][g.ocGroups(small)];
            for (Run r : plan.runs()) {
                assertTrue(RunDescriptor.layoutOf(small, g, r).span() <= small.actCapacityWords(), r::toString);
                assertTrue((long) r.outRows() * r.outCols() * r.ocGroups() <= small.outputDepth(), r::toString);
                assertTrue((long) r.ocGroups() * r.steps(small, g) <= small.weightBankDepth(), r::toString);
                for (int y = r.oy0(); y < r.oy1(); y++)
                    for (int x = r.ox0(); x < r.ox1(); x++)
                        for (int g2 = r.ocg0(); g2 < r.ocg1(); g2++) hits[y][x][g2]++;
            }
            for (int[][] row : hits) for (int[] px : row) for (int h : px) assertEquals(1, h, g.toString());
        }
    }

    @Test
    void theTapsOfOneChannelGroupMustFitABank() {
        DpuConfig tiny = DpuConfig.of(2, 2, 2).withBuffers(1024, 16, 1024, 16);
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> RunPlanner.plan(tiny, ConvGeometry.square(8, 8, 4, 4, 5, 1, 2)));
        assertTrue(e.getMessage().contains("weight bank holds 16"), e.getMessage());
    }

    @Test
    void largerWeightsAreSplitIntoInputChannelSlices() {
        DpuConfig tiny = DpuConfig.of(2, 2, 2).withBuffers(1024, 16, 1024, 16);
        ConvGeometry g = ConvGeometry.square(8, 8, 7, 4, 3, 1, 1); // 4 channel groups x 9 taps = 36 > 16
        RunPlan plan = RunPlanner.plan(tiny, g);
        assertTrue(plan.sliced());
        int[][][] hits = new int[8][8][g.ocGroups(tiny) * g.icGroups(tiny)];
        for (Run r : plan.runs()) {
            assertTrue(r.steps(tiny, g) * r.ocGroups() <= 16, r::toString);
            assertTrue((long) r.outRows() * r.pixelGroups(2) * 2 * r.ocGroups() <= tiny.psumDepth(), r::toString);
            assertEquals(r.icg0() > 0, r.addsSums(), r::toString);
            assertEquals(r.icg1() < 4, r.keepsSums(tiny, g), r::toString);
            for (int y = r.oy0(); y < r.oy1(); y++)
                for (int x = r.ox0(); x < r.ox1(); x++)
                    for (int o = r.ocg0(); o < r.ocg1(); o++)
                        for (int i = r.icg0(); i < r.icg1(); i++) hits[y][x][o * 4 + i]++;
        }
        for (int[][] row : hits) for (int[] px : row) for (int h : px) assertEquals(1, h, "every output x input group once");
    }
}
