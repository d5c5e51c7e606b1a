package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.cases.RandomMixedNetworks;
import org.jdpu.cases.RandomNetworks;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The regression's random chains mixing every operator (convolutions, depthwise, upsample, pools,
 * residual adds, global average pool, dense), compiled and run on the ISS, equal the golden model
 * on B512 and two configurations with small buffers.
 */
class RandomMixedNetworksIssTest {
    @Test
    void randomMixedChains() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("RandomMixedNetworksIssTest seed " + base);
        DpuConfig[] configs = {NetworkCompilerTest.B512, DpuConfig.parse("3x5x7:act=256,wgt=256,out=256,bias=32"),
                DpuConfig.parse("2x4x8:act=128,wgt=128,out=128,bias=32")};
        int ran = 0;
        Map<String, Integer> ops = new TreeMap<>();
        for (int t = 0; t < 30; t++) {
            long seed = base + t;
            RandomNetworks r = RandomMixedNetworks.draw(seed);
            DpuConfig c = configs[t % configs.length];
            try {
                NetIssTest.assertIssEqualsGolden(c, new TestNets.Net(r.spec(), r.input(), LayerTensors.of(r.operands())),
                        "seed " + seed + " on " + c.name());
                ran++;
                for (var l : r.spec().layers()) ops.merge(l.spec().op(), 1, Integer::sum);
            } catch (UnsupportedByEngineException e) {
                System.out.println("  seed " + seed + " on " + c.name() + " refused: " + e.getMessage());
            }
        }
        System.out.println("  ran " + ran + " of 30; layers by operator: " + ops);
        assertTrue(ran >= 20, ran + " of 30 ran");
        for (String op : new String[] {"conv2d", "depthwise_conv2d", "upsample", "add", "dense"}) {
            assertTrue(ops.getOrDefault(op, 0) > 0, "no " + op + " among the networks that ran: " + ops);
        }
    }

    @Test
    void randomMultiplierModeChains() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("RandomMixedNetworksIssTest.randomMultiplierModeChains seed " + base);
        DpuConfig[] configs = {DpuConfig.parse("B512+tflite"), DpuConfig.parse("3x5x7+tflite:act=256,wgt=256,out=256,bias=32")};
        int ran = 0;
        Map<String, Integer> ops = new TreeMap<>();
        for (int t = 0; t < 20; t++) {
            long seed = base + t;
            RandomNetworks r = RandomMixedNetworks.drawTflite(seed);
            DpuConfig c = configs[t % configs.length];
            try {
                NetIssTest.assertIssEqualsGolden(c, new TestNets.Net(r.spec(), r.input(), LayerTensors.of(r.operands())),
                        "seed " + seed + " on " + c.name());
                ran++;
                for (var l : r.spec().layers()) ops.merge(l.spec().op(), 1, Integer::sum);
            } catch (UnsupportedByEngineException e) {
                System.out.println("  seed " + seed + " on " + c.name() + " refused: " + e.getMessage());
            }
        }
        System.out.println("  ran " + ran + " of 20; layers by operator: " + ops);
        assertTrue(ran >= 12, ran + " of 20 ran");
        for (String op : new String[] {"conv2d", "depthwise_conv2d", "upsample"}) {
            assertTrue(ops.getOrDefault(op, 0) > 0, "no " + op + " among the networks that ran: " + ops);
        }
    }
}
