package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.plan.Run;
import org.jdpu.spec.Activation;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Window;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a padded TFLite average pool's group is split into starts of one divisor: every output of
 * the run is written last by a start whose tap count is that output's in-image taps.
 */
class PaddedPoolStartsTest {
    static final DpuConfig C = DpuConfig.parse("B512+tflite");

    static PoolSpec avg(int h, int w, int k, int s, Padding pad, PoolQuant q) {
        return new PoolSpec(PoolSpec.Kind.AVG, new FeatureShape(h, w, 8), new Window(k, k, s, s, 1, 1, pad), q, Activation.NONE);
    }

    /** The taps each output of {@code run} ends with, from the starts in order (later ones overwrite). */
    static int[][] written(PoolLowering low, Run run) {
        int[][] taps = new int[run.outRows()][run.outCols()];
        for (PoolLowering.Start s : low.starts(run)) {
            for (int r = s.r0(); r < s.r0() + s.rows(); r++) {
                for (int x = s.c0(); x < s.c0() + s.cols(); x++) taps[r][x] = s.taps();
            }
        }
        return taps;
    }

    static int inImage(int o, int stride, int pad, int size, int k) {
        int first = o * stride - pad;
        return Math.min(size, first + k) - Math.max(0, first);
    }

    @Test
    void everyOutputEndsWithItsInImageTapCount() {
        int h = 9, w = 11;
        for (Padding pad : List.of(new Padding(1, 1, 1, 1), new Padding(0, 2, 2, 0), new Padding(2, 0, 1, 2))) {
            PoolLowering low = PoolLowering.of(C, avg(h, w, 3, 2, pad, new PoolQuant.TflitePool(-5)));
            assertTrue(low.dividesByInImageTaps());
            int oh = low.geometry().outH(), ow = low.geometry().outW();
            // a run of the middle rows and the right columns, as a tiled plan makes
            Run run = new Run(1, oh, 2, ow, 0, 1, 0, h, 0, w);
            int[][] taps = written(low, run);
            for (int r = 0; r < run.outRows(); r++) {
                for (int x = 0; x < run.outCols(); x++) {
                    assertEquals(inImage(run.oy0() + r, 2, pad.top(), h, 3) * inImage(run.ox0() + x, 2, pad.left(), w, 3), taps[r][x],
                            pad + " output " + (run.oy0() + r) + "," + (run.ox0() + x));
                }
            }
        }
    }

    @Test
    void threeByThreePadOneIsThreeRowBandsAndTwoEdgeColumnsPerRow() {
        PoolLowering low = PoolLowering.of(C, avg(6, 7, 3, 1, new Padding(1, 1, 1, 1), new PoolQuant.TflitePool(0)));
        Run run = new Run(0, 6, 0, 7, 0, 1, 0, 6, 0, 7);
        assertEquals(3 + 6 * 2, low.starts(run).size());
    }

    @Test
    void unpaddedAndShiftModePoolsKeepOneStart() {
        PoolLowering valid = PoolLowering.of(C, avg(6, 7, 3, 1, Padding.NONE, new PoolQuant.TflitePool(0)));
        PoolLowering shift = PoolLowering.of(C, avg(6, 7, 3, 1, new Padding(1, 1, 1, 1), PoolQuant.SHIFT));
        assertFalse(valid.dividesByInImageTaps());
        assertFalse(shift.dividesByInImageTaps());
        Run run = new Run(0, 4, 0, 5, 0, 1, 0, 6, 0, 7);
        assertEquals(1, valid.starts(run).size());
        assertEquals(1, shift.starts(new Run(0, 6, 0, 7, 0, 1, 0, 6, 0, 7)).size());
    }
}
