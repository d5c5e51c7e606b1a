package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.cases.RandomMixedNetworks;
import org.jdpu.cases.RandomNetworks;
import org.jdpu.compiler.net.LayerTensors;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random chains mixing every operator ({@link RandomMixedNetworks}: convolutions, depthwise,
 * upsample, pools, residual adds, global average pool, dense) through the Verilated network engine
 * on B512 and on an odd configuration with small buffers, in shift mode and (on {@code +tflite}
 * engines) in TFLite's multiplier mode: every layer bit-exact with the golden model and the ISS,
 * cycles equal to the whole-program cycle model, and the first of each set again under DDR stress.
 */
class MixedNetworkCosimTest {
    private static void randomNetworksOn(DpuConfig c) {
        randomNetworksOn(c, RandomMixedNetworks::draw, 3);
    }

    private static void randomNetworksOn(DpuConfig c, java.util.function.LongFunction<RandomNetworks> draw, int networks) {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        System.out.println("MixedNetworkCosimTest on " + c.name() + " seed " + base);
        Set<String> ops = new TreeSet<>();
        int ran = 0;
        for (long seed = base; ran < networks && seed < base + 4L * networks; seed++) {
            RandomNetworks r = draw.apply(seed);
            NetCosimTest.Net net = new NetCosimTest.Net(r.spec(), r.input(), LayerTensors.of(r.operands()));
            try {
                org.jdpu.compiler.net.NetworkCompiler.compile(c, net.spec(), net.input(), net.tensors());
            } catch (UnsupportedByEngineException e) {
                System.out.println("  seed " + seed + " refused: " + e.getMessage());
                continue;
            }
            System.out.println("  seed " + seed + ": " + r.spec().layers().stream().map(l -> l.spec().op()).toList());
            // The first network also under DDR stress; the others calm, which keeps make test short.
            if (ran == 0) {
                OperatorCosimTest.check(c, net);
            } else {
                NetCosimTest.checkCalm(c, net, "seed " + seed + ": ");
            }
            r.spec().layers().forEach(l -> ops.add(l.spec().op()));
            ran++;
        }
        assertTrue(ran == networks, "only " + ran + " networks compiled from seed " + base);
        assertTrue(ops.size() >= 3, "operators covered: " + ops);
    }

    @Test
    void randomMixedNetworksOnB512() {
        randomNetworksOn(DpuConfig.parse("B512"));
    }

    @Test
    void randomMixedNetworksOnAnOddConfigurationWithSmallBuffers() {
        randomNetworksOn(DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32"));
    }

    @Test
    void randomMultiplierModeNetworksOnB512AndAnOddConfiguration() {
        randomNetworksOn(DpuConfig.parse("B512+tflite"), RandomMixedNetworks::drawTflite, 2);
        randomNetworksOn(DpuConfig.parse("3x5x7+tflite:act=64,wgt=64,out=64,bias=16"), RandomMixedNetworks::drawTflite, 2);
    }
}
