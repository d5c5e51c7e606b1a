package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.cases.RandomNetworks;
import org.jdpu.cases.RandomOperatorNetworks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The regression's random chains of convolutions, pools and residual adds, compiled and run on the ISS, equal the golden model. */
class RandomOperatorNetworksIssTest {
    @Test
    void randomOperatorChains() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("RandomOperatorNetworksIssTest seed " + base);
        DpuConfig[] configs = {NetworkCompilerTest.B512, DpuConfig.parse("3x5x7:act=256,wgt=256,out=256,bias=32"),
                DpuConfig.parse("B1152:act=256,wgt=256,out=256,bias=32")};
        int ran = 0, pools = 0, adds = 0;
        for (int t = 0; t < 24; t++) {
            long seed = base + t;
            RandomNetworks r = RandomOperatorNetworks.draw(seed);
            DpuConfig c = configs[t % configs.length];
            for (var l : r.spec().layers()) {
                if (l.spec() instanceof org.jdpu.spec.PoolSpec) pools++;
                if (l.spec() instanceof org.jdpu.spec.AddSpec) adds++;
            }
            try {
                NetIssTest.assertIssEqualsGolden(c, new TestNets.Net(r.spec(), r.input(), LayerTensors.of(r.operands())),
                        "seed " + seed + " on " + c.name());
                ran++;
            } catch (UnsupportedByEngineException e) {
                // a stage too large for the small buffers
            }
        }
        assertTrue(ran >= 18 && pools > 0 && adds > 0, ran + " of 24 ran, " + pools + " pools, " + adds + " adds");
    }
}
