package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.cases.RandomMixedNetworks;
import org.jdpu.cases.RandomNetworks;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The regression's random chains mixing every operator (convolutions, depthwise, upsample, pools,
 * residual adds, global average pool, dense), compiled and run on the ISS, equal the golden model
 * on B512 and two configurations with small buffers.
 */
class RandomMixedNetworksIssTest {
    @Test
    void randomMixedChains() {
        Map<String, Integer> ops = run("randomMixedChains", RandomMixedNetworks::draw, 30, 20, NetworkCompilerTest.B512,
                DpuConfig.parse("3x5x7:act=256,wgt=256,out=256,bias=32"), DpuConfig.parse("2x4x8:act=128,wgt=128,out=128,bias=32"));
        for (String op : new String[] {"conv2d", "depthwise_conv2d", "upsample", "add", "dense"}) {
            assertTrue(ops.getOrDefault(op, 0) > 0, "no " + op + " among the networks that ran: " + ops);
        }
    }

    @Test
    void randomMultiplierModeChains() {
        Map<String, Integer> ops = run("randomMultiplierModeChains", RandomMixedNetworks::drawTflite, 20, 12,
                DpuConfig.parse("B512+tflite"), DpuConfig.parse("3x5x7+tflite:act=256,wgt=256,out=256,bias=32"));
        for (String op : new String[] {"conv2d", "depthwise_conv2d", "upsample"}) {
            assertTrue(ops.getOrDefault(op, 0) > 0, "no " + op + " among the networks that ran: " + ops);
        }
    }

    /**
     * {@code count} networks drawn from a printed seed, round robin over {@code configs}, each equal
     * to golden on the ISS; at least {@code atLeast} must compile. Returns the layers that ran by operator.
     */
    private static Map<String, Integer> run(String test, LongFunction<RandomNetworks> draw, int count, int atLeast,
                                            DpuConfig... configs) {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("RandomMixedNetworksIssTest." + test + " seed " + base);
        int ran = 0;
        Map<String, Integer> ops = new TreeMap<>();
        for (int t = 0; t < count; t++) {
            long seed = base + t;
            RandomNetworks r = draw.apply(seed);
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
        System.out.println("  ran " + ran + " of " + count + "; layers by operator: " + ops);
        assertTrue(ran >= atLeast, ran + " of " + count + " ran");
        return ops;
    }
}
