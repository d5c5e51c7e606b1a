package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.junit.jupiter.api.Test;

/**
 * Layers that keep one buffer whole while the others alternate halves (an input that fits only the
 * whole activation buffer, weights that fit only the whole banks) run on the RTL bit-exactly at every
 * layer and in the cycles the whole-program model predicts, also under DDR stress.
 */
class KeptWholeCosimTest {
    static final DpuConfig SMALL = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32");

    @Test
    void anInputKeptWholeThenAHalvedLayer() {
        OperatorCosimTest.check(SMALL, NetCosimTest.chain(3, 6, 6, 20, new int[][] {{56, 2, 2, 0}, {14, 1, 1, 0}}));
    }

    @Test
    void weightsKeptWholeAcrossBands() {
        OperatorCosimTest.check(SMALL, NetCosimTest.chain(5, 24, 3, 50, new int[][] {{35, 1, 1, 0}, {21, 3, 1, 1}}));
    }
}
