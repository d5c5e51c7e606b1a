package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Max and average pools (the core's pool unit) and residual adds (diagonal convolutions) on the
 * RTL, inside networks with convolutions: bit-exact with the golden model and the ISS at every layer, cycles equal to the whole-program
 * cycle model, with and without DDR stress.
 */
class OperatorCosimTest {
    /** conv 3x3, maxpool 3x3/2 pad 1, conv 3x3, avgpool 2x2/2 with relu, global average pool (the DPU's 1/n). */
    static NetCosimTest.Net net(long seed, int h, int w, int c) {
        Random rnd = new Random(seed);
        List<LayerSpec> specs = new ArrayList<>();
        FeatureShape in = new FeatureShape(h, w, c);
        Conv2dSpec c1 = conv(in, 10);
        PoolSpec p1 = pool(PoolSpec.Kind.MAX, c1.output(), 3, 2, new Padding(1, 1, 1, 1), Activation.NONE);
        Conv2dSpec c2 = conv(p1.output(), 9);
        PoolSpec p2 = pool(PoolSpec.Kind.AVG, c2.output(), 2, 2, Padding.NONE, Activation.RELU);
        GlobalAvgPoolSpec p3 = new GlobalAvgPoolSpec(p2.output(), PoolQuant.SHIFT, Activation.NONE);
        specs.addAll(List.of(c1, p1, c2, p2, p3));
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec s = specs.get(i);
            layers.add(new NetworkSpec.Layer("l" + i + "_" + s.op(), s, null, null, null));
            tensors.add(s instanceof Conv2dSpec k ? new LayerTensors(NetCosimTest.int8(rnd, k.weightShape()),
                    NetCosimTest.int32(rnd, k.outputChannels())) : new LayerTensors(null, null));
        }
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, h, w, c), tensors);
    }

    static Conv2dSpec conv(FeatureShape in, int oc) {
        return new Conv2dSpec(in, oc, new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1)),
                new Quant.ShiftQuant(4, 7, 9, 4), Activation.RELU);
    }

    static PoolSpec pool(PoolSpec.Kind kind, FeatureShape in, int k, int s, Padding pad, Activation act) {
        return new PoolSpec(kind, in, new Window(k, k, s, s, 1, 1, pad), act);
    }

    static void check(DpuConfig c, NetCosimTest.Net net) {
        NetCosimResult r = NetCosimTest.run(c, net, NetCosim.Options.defaults());
        assertTrue(r.passed(), r.resultLine());
        assertEquals(r.predictedCycles(), r.run().cycles(), "the cycle model");
        long seed = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        System.out.println("OperatorCosimTest on " + c.name() + " stress seed " + seed);
        NetCosimResult s = NetCosimTest.run(c, net, NetCosim.Options.defaults().withStress(seed));
        assertTrue(s.passed(), "stress seed " + seed + ": " + s.resultLine());
    }

    /** A residual block: conv, conv, add of the first conv with relu, then an add of the network input. */
    static NetCosimTest.Net residual(long seed, int h, int w, int c) {
        Random rnd = new Random(seed);
        FeatureShape in = new FeatureShape(h, w, c);
        Conv2dSpec c1 = conv(in, c), c2 = conv(c1.output(), c);
        List<NetworkSpec.Layer> layers = List.of(
                new NetworkSpec.Layer("c1", c1, null, null, null),
                new NetworkSpec.Layer("c2", c2, null, null, null),
                new NetworkSpec.Layer("res1", new AddSpec(c2.output(), new AddSpec.AddQuant(4, 4, 3), Activation.RELU), null,
                        null, "c1"),
                new NetworkSpec.Layer("res2", new AddSpec(c2.output(), new AddSpec.AddQuant(3, 4, 4), Activation.NONE), null,
                        null, NetworkSpec.INPUT));
        List<LayerTensors> tensors = new ArrayList<>();
        for (NetworkSpec.Layer l : layers) {
            tensors.add(l.spec() instanceof Conv2dSpec k ? new LayerTensors(NetCosimTest.int8(rnd, k.weightShape()),
                    NetCosimTest.int32(rnd, k.outputChannels())) : new LayerTensors(null, null));
        }
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, h, w, c), tensors);
    }

    /** A pool branch and a conv branch concatenated by placement, a head conv and an add reading the pool branch. */
    static NetCosimTest.Net pooledConcat(long seed, int h, int w) {
        Random rnd = new Random(seed);
        FeatureShape in = new FeatureShape(h, w, 8);
        Conv2dSpec stem = conv(in, 16);
        PoolSpec pool = pool(PoolSpec.Kind.MAX, stem.output(), 3, 1, new Padding(1, 1, 1, 1), Activation.NONE);
        Conv2dSpec branch = conv(stem.output(), 8);
        org.jdpu.spec.ConcatSpec cat = new org.jdpu.spec.ConcatSpec(List.of(pool.output(), branch.output()));
        Conv2dSpec head = conv(cat.output(), 16);
        List<NetworkSpec.Layer> layers = List.of(
                new NetworkSpec.Layer("stem", stem, null, null, List.of(), false),
                new NetworkSpec.Layer("pool", pool, null, null, List.of("stem"), false),
                new NetworkSpec.Layer("branch", branch, null, null, List.of("stem"), false),
                new NetworkSpec.Layer("cat", cat, null, null, List.of("pool", "branch"), false),
                new NetworkSpec.Layer("head", head, null, null, List.of("cat"), false),
                new NetworkSpec.Layer("res", new AddSpec(head.output(), new AddSpec.AddQuant(4, 4, 3), Activation.RELU), null,
                        null, List.of("head", "pool"), false));
        List<LayerTensors> tensors = new ArrayList<>();
        for (NetworkSpec.Layer l : layers) {
            tensors.add(l.spec() instanceof Conv2dSpec k ? new LayerTensors(NetCosimTest.int8(rnd, k.weightShape()),
                    NetCosimTest.int32(rnd, k.outputChannels())) : new LayerTensors(null, null));
        }
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, h, w, 8), tensors);
    }

    @Test
    void poolsAndAddsInAGraphWithAConcatOnB512() {
        check(DpuConfig.parse("B512"), pooledConcat(11, 9, 10));
    }

    @Test
    void residualAddsOnB512AndAnOddConfiguration() {
        check(DpuConfig.parse("B512"), residual(7, 9, 10, 12));
        check(DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32"), residual(8, 7, 9, 7));
    }

    @Test
    void poolsInANetworkOnB512() {
        check(DpuConfig.parse("B512"), net(5, 12, 12, 8));
    }

    @Test
    void aPoolWhoseChannelGroupsDoNotAllFitRunsChannelWise() {
        // 18 channel groups of a 5x5 window are 450 words, more than the 256 of 3x5x7's activation banks.
        Random rnd = new Random(9);
        Conv2dSpec c1 = conv(new FeatureShape(12, 11, 4), 90);
        PoolSpec p1 = pool(PoolSpec.Kind.MAX, c1.output(), 5, 2, new Padding(2, 2, 2, 2), Activation.NONE);
        List<NetworkSpec.Layer> layers = List.of(new NetworkSpec.Layer("c1", c1, null, null, null),
                new NetworkSpec.Layer("p1", p1, null, null, null));
        List<LayerTensors> tensors = List.of(new LayerTensors(NetCosimTest.int8(rnd, c1.weightShape()),
                NetCosimTest.int32(rnd, 90)), new LayerTensors(null, null));
        DpuConfig c = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32");
        NetCosimTest.Net net = new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, 12, 11, 4), tensors);
        assertTrue(org.jdpu.compiler.net.NetworkCompiler.compileDetailed(c, net.spec(), net.input(), net.tensors()).layers()
                .get(1).plan().sliced(), "the pool is planned channel-wise");
        check(c, net);
    }

    @Test
    void poolsInANetworkOnAnOddConfigurationWithSmallBuffers() {
        check(DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32"), net(6, 10, 13, 6));
    }
}
