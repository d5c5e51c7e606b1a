package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.Fault;
import org.jdpu.compiler.net.TestNets.Net;
import org.jdpu.iss.NetIss;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolSpec;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Residual networks (adds whose operand B is an earlier layer or the input) compiled and run on the
 * instruction-set simulator equal the golden model at every layer, with and without workspace reuse.
 */
class AddNetIssTest {
    static final DpuConfig[] CONFIGS = {PoolNetIssTest.ODD, NetworkCompilerTest.SMALL, NetworkCompilerTest.TIGHT, NetworkCompilerTest.B512,
            DpuConfig.parse("B1152:act=256,wgt=256,out=256,bias=32")};

    static void assertIssEqualsGolden(DpuConfig c, Net net, String context) {
        List<Int8Tensor> want = net.reference();
        for (NetworkCompiler.Workspace policy : NetworkCompiler.Workspace.values()) {
            NetProgram p = NetworkCompiler.compile(c, net.spec(), net.input(), net.tensors(), policy);
            NetIss.Outcome o = NetIss.run(p);
            assertEquals(Fault.NONE, o.result().fault(), context + ": " + o.result().summary());
            int from = policy == NetworkCompiler.Workspace.KEEP_ALL ? 0 : want.size() - 1;
            for (int i = from; i < want.size(); i++) {
                assertArrayEquals(want.get(i).data(), o.layerOutputs().get(i).data(),
                        context + " " + policy + ": layer " + p.layers().get(i).name() + " differs from the golden model");
            }
        }
    }

    /**
     * stem conv; block: conv, conv, add(stem); maxpool; block: conv, add(pool) with relu; and an
     * add of the input to a same-shaped conv of it. Fix points differ between the operands.
     */
    static Net residual(long seed, int h, int w, int c) {
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        FeatureShape in = new FeatureShape(h, w, c);
        Conv2dSpec stem = PoolNetIssTest.conv(in, 10, 3, 4);
        layers.add(layer("stem", stem, null));
        Conv2dSpec b1 = PoolNetIssTest.conv(stem.output(), 10, 3, 4);
        layers.add(layer("b1", b1, null));
        Conv2dSpec b2 = new Conv2dSpec(b1.output(), 10, new org.jdpu.spec.Window(1, 1, 1, 1, 1, 1, Padding.NONE),
                new org.jdpu.spec.Quant.ShiftQuant(4, 7, 9, 6), Activation.NONE);
        layers.add(layer("b2", b2, null));
        layers.add(layer("res1", new AddSpec(b2.output(), new AddSpec.AddQuant(6, 4, 4), Activation.RELU), "stem"));
        PoolSpec pool = PoolNetIssTest.pool(PoolSpec.Kind.MAX, b2.output(), 2, 2, 2, 2, Padding.NONE, Activation.NONE);
        layers.add(layer("pool", pool, null));
        Conv2dSpec b3 = PoolNetIssTest.conv(pool.output(), 10, 3, 4);
        layers.add(layer("b3", b3, null));
        layers.add(layer("res2", new AddSpec(b3.output(), new AddSpec.AddQuant(4, 4, 3), Activation.LEAKY_RELU), "pool"));
        return TestNets.of(layers, seed);
    }

    static Net inputResidual(long seed, int h, int w, int c) {
        FeatureShape in = new FeatureShape(h, w, c);
        Conv2dSpec conv = PoolNetIssTest.conv(in, c, 3, 4);
        return TestNets.of(List.of(layer("conv", conv, null),
                layer("res", new AddSpec(conv.output(), new AddSpec.AddQuant(4, 2, 3), new Activation.Clamp(-50, 60)),
                        NetworkSpec.INPUT)), seed);
    }

    static NetworkSpec.Layer layer(String name, LayerSpec spec, String inputB) {
        return new NetworkSpec.Layer(name, spec, null, null, inputB);
    }

    @Test
    void residualBlocksOnEveryConfiguration() {
        for (DpuConfig c : CONFIGS) {
            assertIssEqualsGolden(c, residual(4, 12, 11, 5), c.name());
            assertIssEqualsGolden(c, inputResidual(5, 9, 10, 7), c.name() + " input residual");
        }
    }

    /**
     * An inception-like graph: stem, a max-pool branch and a conv branch concatenated by placement,
     * a head conv, and an add of the head with the pool branch (operand B a concat source).
     */
    static Net pooledConcat(long seed, int h, int w) {
        FeatureShape in = new FeatureShape(h, w, 8);
        Conv2dSpec stem = PoolNetIssTest.conv(in, 16, 3, 4);
        PoolSpec pool = PoolNetIssTest.pool(PoolSpec.Kind.MAX, stem.output(), 3, 3, 1, 1, new Padding(1, 1, 1, 1),
                Activation.NONE);
        Conv2dSpec branch = PoolNetIssTest.conv(stem.output(), 16, 1, 4);
        org.jdpu.spec.ConcatSpec cat = new org.jdpu.spec.ConcatSpec(List.of(pool.output(), branch.output()));
        Conv2dSpec head = PoolNetIssTest.conv(cat.output(), 16, 3, 4);
        AddSpec res = new AddSpec(head.output(), new AddSpec.AddQuant(4, 4, 4), Activation.RELU);
        return TestNets.of(List.of(
                new NetworkSpec.Layer("stem", stem, null, null, List.of(), false),
                new NetworkSpec.Layer("pool", pool, null, null, List.of("stem"), false),
                new NetworkSpec.Layer("branch", branch, null, null, List.of("stem"), false),
                new NetworkSpec.Layer("cat", cat, null, null, List.of("pool", "branch"), false),
                new NetworkSpec.Layer("head", head, null, null, List.of("cat"), false),
                new NetworkSpec.Layer("res", res, null, null, List.of("head", "pool"), false)), seed);
    }

    @Test
    void poolsAndAddsInAGraphWithAConcat() {
        for (DpuConfig c : new DpuConfig[] {NetworkCompilerTest.B512, DpuConfig.parse("4x4x4:act=256,wgt=256,out=128,bias=32")}) {
            assertIssEqualsGolden(c, pooledConcat(9, 9, 11), c.name());
        }
        Net net = pooledConcat(9, 9, 11);
        org.jdpu.arch.UnsupportedByEngineException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.jdpu.arch.UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(DpuConfig.parse("2x4x8"), net.spec(), net.input(), net.tensors()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("inside a concat is not supported"), e.getMessage());
    }

    @Test
    void randomResidualShapes() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("AddNetIssTest.randomResidualShapes seed " + base);
        for (int t = 0; t < 12; t++) {
            Random rnd = new Random(base + t);
            DpuConfig c = CONFIGS[rnd.nextInt(CONFIGS.length)];
            Net net = rnd.nextBoolean() ? residual(base + t, 4 + rnd.nextInt(12), 4 + rnd.nextInt(14), 1 + rnd.nextInt(12))
                    : inputResidual(base + t, 3 + rnd.nextInt(12), 3 + rnd.nextInt(14), 1 + rnd.nextInt(8));
            assertIssEqualsGolden(c, net, "seed " + (base + t) + " on " + c.name());
        }
    }
}
