package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.compiler.net.TestNets.Net;
import org.jdpu.spec.Activation;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.UpsampleSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nearest-neighbour upsamples (a copy on the core, replicated by the SAVEs) on the instruction-set simulator equal the golden model. */
class UpsampleNetIssTest {
    static final DpuConfig[] CONFIGS = DepthwiseNetIssTest.CONFIGS;

    /** conv, upsample FH x FW, conv. */
    static Net chain(long seed, int h, int w, int c, int fh, int fw) {
        Conv2dSpec c1 = PoolNetIssTest.conv(new FeatureShape(h, w, c), 11, 3, 4);
        UpsampleSpec up = new UpsampleSpec(c1.output(), fh, fw);
        Conv2dSpec c2 = PoolNetIssTest.conv(up.output(), 7, 3, 4);
        List<LayerSpec> specs = List.of(c1, up, c2);
        return TestNets.of(PoolNetIssTest.layers(specs), seed);
    }

    @Test
    void twoTimesUpsampleOnEveryConfiguration() {
        for (DpuConfig c : CONFIGS) NetIssTest.assertIssEqualsGolden(c, chain(1, 7, 9, 5, 2, 2), c.name());
    }

    @Test
    void randomFactorsAndShapes() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("UpsampleNetIssTest.randomFactorsAndShapes seed " + base);
        for (int t = 0; t < 30; t++) {
            Random rnd = new Random(base + t);
            int fh = 1 + rnd.nextInt(8), fw = 1 + rnd.nextInt(8);
            int h = 1 + rnd.nextInt(6), w = 1 + rnd.nextInt(7), c = 1 + rnd.nextInt(24);
            UpsampleSpec up = new UpsampleSpec(new FeatureShape(h, w, c), fh, fw);
            DpuConfig cfg = CONFIGS[rnd.nextInt(CONFIGS.length)];
            NetIssTest.assertIssEqualsGolden(cfg, TestNets.of(PoolNetIssTest.layers(List.of(up)), base + t),
                    "seed " + (base + t) + " " + up + " on " + cfg.name());
        }
    }

    /** YOLOv3-tiny's route: a 2x upsample of a deep layer concatenated with an earlier map of twice the size. */
    @Test
    void upsampleIntoAConcat() {
        DpuConfig c = NetworkCompilerTest.B512;
        FeatureShape in = new FeatureShape(8, 10, 6);
        Conv2dSpec stem = PoolNetIssTest.conv(in, 8, 3, 4);
        Conv2dSpec down = new Conv2dSpec(stem.output(), 16, new org.jdpu.spec.Window(2, 2, 2, 2, 1, 1, org.jdpu.spec.Padding.NONE),
                new org.jdpu.spec.Quant.ShiftQuant(4, 7, 9, 4), Activation.RELU);
        UpsampleSpec up = new UpsampleSpec(down.output(), 2, 2);
        ConcatSpec cat = new ConcatSpec(List.of(up.output(), stem.output()));
        Conv2dSpec head = PoolNetIssTest.conv(cat.output(), 5, 1, 4);
        List<NetworkSpec.Layer> layers = List.of(
                new NetworkSpec.Layer("stem", stem, null, null, List.of(), false),
                new NetworkSpec.Layer("down", down, null, null, List.of("stem"), false),
                new NetworkSpec.Layer("up", up, null, null, List.of("down"), false),
                new NetworkSpec.Layer("cat", cat, null, null, List.of("up", "stem"), false),
                new NetworkSpec.Layer("head", head, null, null, List.of("cat"), false));
        NetIssTest.assertIssEqualsGolden(c, TestNets.of(layers, 4), c.name());
    }

    @Test
    void upsampleNeedsInputGroupsThatFitAnOutputWord() {
        Net net = TestNets.of(PoolNetIssTest.layers(List.of(new UpsampleSpec(new FeatureShape(3, 3, 4), 2, 2))), 1);
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> NetworkCompiler.compile(DpuConfig.parse("2x8x3"), net.spec(), net.input(), net.tensors()));
        assertTrue(e.getMessage().contains("upsample with ICP > OCP is not supported"), e.getMessage());
    }
}
