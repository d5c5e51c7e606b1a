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
 * Max and average pools (the core's pool unit), residual adds and depthwise convolutions (diagonal
 * convolutions) and nearest upsamples (a copy replicated by the SAVEs) on the RTL, inside networks with convolutions: bit-exact with the golden model and the ISS at every layer, cycles equal to the whole-program
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

    /**
     * conv 3x3, depthwise 3x3 relu6, depthwise 5x5 stride 2 multiplier 2 with asymmetric padding,
     * depthwise 3x3 dilation 2 leaky relu, pointwise conv, then {@code randoms} random depthwise layers
     * (kernel 1..5, stride 1..3, dilation 1..2, multiplier 1..2; seed printed).
     */
    static NetCosimTest.Net depthwiseNet(long seed, int h, int w, int c, int randoms) {
        Random rnd = new Random(seed);
        System.out.println("OperatorCosimTest.depthwiseNet seed " + seed);
        List<LayerSpec> specs = new ArrayList<>();
        Conv2dSpec c1 = conv(new FeatureShape(h, w, c), 10);
        specs.add(c1);
        specs.add(depthwise(c1.output(), 1, new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1)), Activation.RELU6));
        specs.add(depthwise(specs.getLast().output(), 2, new Window(5, 5, 2, 2, 1, 1, new Padding(2, 1, 1, 2)), Activation.RELU));
        specs.add(depthwise(specs.getLast().output(), 1, new Window(3, 3, 1, 1, 2, 2, new Padding(2, 2, 2, 2)),
                Activation.LEAKY_RELU));
        for (int i = 0; i < randoms; i++) {
            FeatureShape in = specs.getLast().output();
            int k = 1 + rnd.nextInt(Math.min(5, Math.min(in.h(), in.w()))), s = 1 + rnd.nextInt(3), d = k > 1 && rnd.nextBoolean() ? 2 : 1;
            int span = (k - 1) * d + 1;
            Padding pad = new Padding(rnd.nextInt(span), rnd.nextInt(span), rnd.nextInt(span), rnd.nextInt(span));
            if (in.h() + pad.top() + pad.bottom() < span || in.w() + pad.left() + pad.right() < span) pad = new Padding(span - 1, span - 1, span - 1, span - 1); // the largest padding a window allows
            Activation act = switch (rnd.nextInt(4)) {
                case 0 -> Activation.NONE;
                case 1 -> Activation.RELU6;
                case 2 -> Activation.LEAKY_RELU;
                default -> new Activation.Clamp(-30, 50);
            };
            int m = in.c() < 16 && rnd.nextBoolean() ? 2 : 1;
            specs.add(depthwise(in, m, new Window(k, k, s, s, d, d, pad), act));
        }
        specs.add(new Conv2dSpec(specs.getLast().output(), 9, new Window(1, 1, 1, 1, 1, 1, Padding.NONE),
                new Quant.ShiftQuant(4, 7, 9, 4), Activation.RELU));
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec l = specs.get(i);
            layers.add(new NetworkSpec.Layer("l" + i + "_" + l.op(), l, null, null, null));
            tensors.add(l instanceof org.jdpu.spec.ConvolutionSpec k ? new LayerTensors(NetCosimTest.int8(rnd, k.weightShape()),
                    NetCosimTest.int32(rnd, k.outputChannels())) : new LayerTensors(null, null));
        }
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, h, w, c), tensors);
    }

    /** A depthwise layer whose fix points keep its output in range: input 4, weights 7, output 4. */
    static org.jdpu.spec.DepthwiseConv2dSpec depthwise(FeatureShape in, int m, Window w, Activation act) {
        return new org.jdpu.spec.DepthwiseConv2dSpec(in, m, w, new Quant.ShiftQuant(4, 7, 9, w.kh() * w.kw() > 9 ? 3 : 4), act);
    }

    @Test
    void depthwiseLayersOnB512() {
        check(DpuConfig.parse("B512"), depthwiseNet(Long.getLong("jdpu.seed", System.nanoTime() % 100_000), 12, 13, 8, 3));
    }

    @Test
    void depthwiseLayersOnAnOddConfigurationWithSmallBuffers() {
        check(DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32"),
                depthwiseNet(Long.getLong("jdpu.seed", System.nanoTime() % 100_000), 10, 11, 6, 3));
    }

    /** conv 3x3, nearest upsample FH x FW (the SAVEs replicate a copy), conv 3x3. */
    static NetCosimTest.Net upsampleNet(long seed, int h, int w, int c, int fh, int fw) {
        Random rnd = new Random(seed);
        Conv2dSpec c1 = conv(new FeatureShape(h, w, c), 10);
        org.jdpu.spec.UpsampleSpec up = new org.jdpu.spec.UpsampleSpec(c1.output(), fh, fw);
        Conv2dSpec c2 = conv(up.output(), 6);
        List<NetworkSpec.Layer> layers = List.of(new NetworkSpec.Layer("c1", c1, null, null, null),
                new NetworkSpec.Layer("up", up, null, null, null), new NetworkSpec.Layer("c2", c2, null, null, null));
        List<LayerTensors> tensors = List.of(
                new LayerTensors(NetCosimTest.int8(rnd, c1.weightShape()), NetCosimTest.int32(rnd, c1.outputChannels())),
                new LayerTensors(null, null),
                new LayerTensors(NetCosimTest.int8(rnd, c2.weightShape()), NetCosimTest.int32(rnd, c2.outputChannels())));
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, h, w, c), tensors);
    }

    @Test
    void upsampleOnB512AndAnOddConfiguration() {
        check(DpuConfig.parse("B512"), upsampleNet(12, 6, 7, 8, 2, 2));
        check(DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32"), upsampleNet(13, 5, 4, 6, 3, 2));
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
