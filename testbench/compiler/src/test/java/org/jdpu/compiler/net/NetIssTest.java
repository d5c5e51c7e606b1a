package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.isa.Fault;
import org.jdpu.cases.RandomNetworks;
import org.jdpu.compiler.net.TestNets.Net;
import org.jdpu.iss.NetIss;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiled networks executed by the instruction-set simulator equal the golden model layer by
 * layer: the compiler is tested without Verilator, and the simulator's data movement and
 * convolution semantics are tested on whole programs.
 */
class NetIssTest {
    static final DpuConfig[] CONFIGS = {NetworkCompilerTest.SMALL, NetworkCompilerTest.TIGHT,
            DpuConfig.parse("2x8x3:act=128,wgt=64,out=128,bias=32"), NetworkCompilerTest.B512,
            DpuConfig.parse("B1152:act=256,wgt=256,out=256,bias=32")};

    static void assertIssEqualsGolden(DpuConfig c, Net net, String context) {
        List<Int8Tensor> want = net.reference();
        // Every layer's output survives to the end only without workspace reuse; with reuse, the last one does.
        NetProgram kept = NetworkCompiler.compile(c, net.spec(), net.input(), net.tensors(), NetworkCompiler.Workspace.KEEP_ALL);
        NetIss.Outcome o = NetIss.run(kept);
        assertEquals(Fault.NONE, o.result().fault(), context + ": " + o.result().summary());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).data(), o.layerOutputs().get(i).data(),
                    context + ": layer " + kept.layers().get(i).name() + " differs from the golden model");
        }
        NetProgram reused = NetworkCompiler.compile(c, net.spec(), net.input(), net.tensors());
        NetIss.Outcome r = NetIss.run(reused);
        assertEquals(Fault.NONE, r.result().fault(), context + ": " + r.result().summary());
        for (org.jdpu.spec.NetworkSpec.Layer out : net.spec().outputs()) {
            int i = net.spec().layers().indexOf(out);
            assertEquals(Region.OUTPUT, reused.layers().get(i).output().region(), context + ": output " + out.name());
            assertArrayEquals(want.get(i).data(), r.layerOutputs().get(i).data(),
                    context + ": network output " + out.name() + " differs from the golden model with workspace reuse");
        }
    }

    @Test
    void branchesAndConcatOnEveryConfiguration() {
        for (DpuConfig c : CONFIGS) {
            Net net = NetworkCompilerTest.branchAndConcat(31, NetworkCompiler.concatChannelGroup(c));
            assertIssEqualsGolden(c, net, c.name());
        }
    }

    @Test
    void randomGraphs() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("NetIssTest.randomGraphs seed " + base);
        int ran = 0;
        for (int t = 0; t < 30; t++) {
            long seed = base + t;
            DpuConfig c = NetworkCompilerTest.RANDOM_GRAPH_CONFIGS[(int) Math.floorMod(seed,
                    (long) NetworkCompilerTest.RANDOM_GRAPH_CONFIGS.length)];
            RandomNetworks r = RandomNetworks.drawGraph(seed, NetworkCompiler.concatChannelGroup(c));
            Net net = new Net(r.spec(), r.input(), LayerTensors.of(r.operands()));
            try {
                assertIssEqualsGolden(c, net, "graph seed " + seed + " on " + c.name());
                ran++;
            } catch (UnsupportedByEngineException e) {
                assertTrue(e.getMessage().startsWith("layer \""), e.getMessage());
            }
        }
        assertTrue(ran >= 20, "only " + ran + " of 30 random graphs compiled");
    }

    @Test
    void fourLayerChainOnEveryConfiguration() {
        for (DpuConfig c : CONFIGS) assertIssEqualsGolden(c, NetworkCompilerTest.fourLayers(11), c.name());
    }

    @Test
    void randomNetworks() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("NetIssTest.randomNetworks seed " + base);
        int ran = 0;
        for (int t = 0; t < 40; t++) {
            long seed = base + t;
            Random rnd = new Random(seed);
            TestNets.RandomChain chain = TestNets.randomChain(rnd);
            DpuConfig c = CONFIGS[rnd.nextInt(CONFIGS.length)];
            Net net = TestNets.chain(seed, chain.h(), chain.w(), 1 + rnd.nextInt(12), chain.shapes());
            try {
                assertIssEqualsGolden(c, net, "seed " + seed + " on " + c.name());
                ran++;
            } catch (UnsupportedByEngineException e) {
                assertTrue(e.getMessage().startsWith("layer \"conv"), e.getMessage());
            }
        }
        assertTrue(ran >= 30, "only " + ran + " of 40 random networks compiled");
    }
}
