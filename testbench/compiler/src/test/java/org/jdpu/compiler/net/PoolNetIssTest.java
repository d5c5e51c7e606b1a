package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.compiler.net.TestNets.Net;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.Window;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Networks with max and average pools, compiled and run on the instruction-set simulator, equal the golden model. */
class PoolNetIssTest {
    /** An odd configuration with ICP = OCP and buffers small enough that pools take several runs. */
    static final DpuConfig ODD = DpuConfig.parse("3x5x5:act=64,wgt=64,out=64,bias=32");
    static final DpuConfig[] CONFIGS = {ODD, NetworkCompilerTest.SMALL, NetworkCompilerTest.TIGHT, NetworkCompilerTest.B512,
            DpuConfig.parse("B1152:act=256,wgt=256,out=256,bias=32")};

    static PoolSpec pool(PoolSpec.Kind kind, FeatureShape in, int kh, int kw, int sh, int sw, Padding pad, Activation act) {
        return new PoolSpec(kind, in, new Window(kh, kw, sh, sw, 1, 1, pad), act);
    }

    static Conv2dSpec conv(FeatureShape in, int oc, int k, int fp) {
        return new Conv2dSpec(in, oc, new Window(k, k, 1, 1, 1, 1, new Padding(k / 2, k / 2, k / 2, k / 2)),
                new ShiftQuant(fp, 7, fp + 5, fp), Activation.RELU);
    }

    /** conv, maxpool 2x2/2, conv, avgpool 3x3/1 pad 1 with relu, global average pool (the DPU's 1/n). */
    static Net mixed(long seed, int h, int w, int c) {
        List<LayerSpec> specs = new ArrayList<>();
        FeatureShape in = new FeatureShape(h, w, c);
        Conv2dSpec c1 = conv(in, 12, 3, 4);
        specs.add(c1);
        PoolSpec p1 = pool(PoolSpec.Kind.MAX, c1.output(), 2, 2, 2, 2, Padding.NONE, Activation.NONE);
        specs.add(p1);
        Conv2dSpec c2 = conv(p1.output(), 9, 3, 4);
        specs.add(c2);
        PoolSpec p2 = pool(PoolSpec.Kind.AVG, c2.output(), 3, 3, 1, 1, new Padding(1, 1, 1, 1), Activation.RELU);
        specs.add(p2);
        FeatureShape last = p2.output();
        specs.add(new GlobalAvgPoolSpec(last, PoolQuant.SHIFT, Activation.RELU));
        return TestNets.of(layers(specs), seed);
    }

    static List<NetworkSpec.Layer> layers(List<LayerSpec> specs) {
        List<NetworkSpec.Layer> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.add(new NetworkSpec.Layer("l" + i + "_" + specs.get(i).op(), specs.get(i), null, null, null));
        }
        return out;
    }

    /** One random pool layer: kernel 1..16, stride 1..8, asymmetric padding below the kernel, every kind and activation. */
    static PoolSpec randomPool(Random rnd) {
        int kh = 1 + rnd.nextInt(16), kw = 1 + rnd.nextInt(16);
        int sh = 1 + rnd.nextInt(8), sw = 1 + rnd.nextInt(8);
        Padding pad = new Padding(rnd.nextInt(kh), rnd.nextInt(kw), rnd.nextInt(kh), rnd.nextInt(kw));
        int h = Math.max(1, kh - pad.top() - pad.bottom()) + rnd.nextInt(12);
        int w = Math.max(1, kw - pad.left() - pad.right()) + rnd.nextInt(20);
        Activation act = switch (rnd.nextInt(3)) {
            case 0 -> Activation.NONE;
            case 1 -> Activation.RELU;
            default -> new Activation.Clamp(-20 - rnd.nextInt(50), 10 + rnd.nextInt(60));
        };
        PoolSpec.Kind kind = rnd.nextBoolean() ? PoolSpec.Kind.MAX : PoolSpec.Kind.AVG;
        return pool(kind, new FeatureShape(h, w, 1 + rnd.nextInt(20)), kh, kw, sh, sw, pad, act);
    }

    @Test
    void convolutionsAndPoolsOnEveryConfiguration() {
        for (DpuConfig c : CONFIGS) NetIssTest.assertIssEqualsGolden(c, mixed(3, 14, 14, 6), c.name());
    }

    @Test
    void randomPoolLayers() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("PoolNetIssTest.randomPoolLayers seed " + base);
        int ran = 0;
        for (int t = 0; t < 60; t++) {
            long seed = base + t;
            Random rnd = new Random(seed);
            PoolSpec p = randomPool(rnd);
            DpuConfig c = CONFIGS[rnd.nextInt(CONFIGS.length)];
            try {
                NetIssTest.assertIssEqualsGolden(c, TestNets.of(layers(List.of(p)), seed), "seed " + seed + " " + p + " on " + c.name());
                ran++;
            } catch (UnsupportedByEngineException e) {
                // A 16x16 window over many channel groups can exceed the small configurations' activation buffer.
                assertTrue(e.getMessage().contains("activation buffer holds"), e.getMessage());
            }
        }
        assertTrue(ran >= 36, "only " + ran + " of 60 random pools compiled");
    }

    @Test
    void globalAveragePoolsOfEveryMapSize() {
        for (int h = 1; h <= 16; h += 3) {
            for (int w = 1; w <= 16; w += 5) {
                GlobalAvgPoolSpec gap = new GlobalAvgPoolSpec(new FeatureShape(h, w, 11), PoolQuant.SHIFT,
                        h % 2 == 0 ? Activation.NONE : new Activation.Clamp(-30, 40));
                for (DpuConfig c : new DpuConfig[] {NetworkCompilerTest.B512, DpuConfig.parse("3x5x7")}) {
                    NetIssTest.assertIssEqualsGolden(c, TestNets.of(layers(List.of(gap)), h * 100 + w), h + "x" + w + " on " + c.name());
                }
            }
        }
        GlobalAvgPoolSpec big = new GlobalAvgPoolSpec(new FeatureShape(7, 17, 4), PoolQuant.SHIFT, Activation.NONE);
        Net net = TestNets.of(layers(List.of(big)), 1);
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(NetworkCompilerTest.B512, net.spec(), net.input(), net.tensors()));
        assertTrue(e.getMessage().contains("7x17 map is not supported"), e.getMessage());
    }

    @Test
    void poolsWhoseChannelGroupsDoNotAllFitRunChannelWise() {
        // ResNet-50's head: 7x7x2048 is 12,544 words per stored map on ICP 8, more than B512's 8,192.
        GlobalAvgPoolSpec gap = new GlobalAvgPoolSpec(new FeatureShape(7, 7, 2048), PoolQuant.SHIFT, Activation.NONE);
        Net head = TestNets.of(layers(List.of(gap)), 5);
        assertTrue(channelwise(NetworkCompilerTest.B512, head, 0));
        NetIssTest.assertIssEqualsGolden(NetworkCompilerTest.B512, head, "7x7x2048 on B512");
        PoolSpec max = pool(PoolSpec.Kind.MAX, new FeatureShape(16, 15, 90), 5, 5, 2, 2, new Padding(2, 2, 2, 2), Activation.NONE);
        Net net = TestNets.of(layers(List.of(conv(new FeatureShape(16, 15, 4), 90, 1, 4), max)), 6);
        assertTrue(channelwise(ODD, net, 1));
        NetIssTest.assertIssEqualsGolden(ODD, net, "16x15x90 max pool on " + ODD.name());
    }

    /** True when layer {@code i} of {@code net} is planned channel-wise (runs storing only their own groups). */
    static boolean channelwise(DpuConfig c, Net net, int i) {
        return NetworkCompiler.compileDetailed(c, net.spec(), net.input(), net.tensors()).layers().get(i).plan().sliced();
    }

    @Test
    void poolsNeedInputGroupsThatFitAnOutputWord() {
        Net net = TestNets.of(layers(List.of(pool(PoolSpec.Kind.MAX, new FeatureShape(6, 6, 4), 2, 2, 2, 2, Padding.NONE,
                Activation.NONE))), 1);
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(DpuConfig.parse("2x8x3"), net.spec(), net.input(), net.tensors()));
        assertTrue(e.getMessage().contains("with ICP > OCP is not supported"), e.getMessage());
    }
}
