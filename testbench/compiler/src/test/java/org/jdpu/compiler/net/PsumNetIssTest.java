package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunPlan;
import org.jdpu.compiler.net.TestNets.Net;
import org.jdpu.compiler.net.TestNets.Shape;
import org.jdpu.spec.Activation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layers whose weights exceed a weight bank, split into input-channel slices with int32 partial
 * sums kept in the core: compiled and run on the instruction-set simulator, equal to the golden model.
 */
class PsumNetIssTest {
    static final DpuConfig[] SMALL_CONFIGS = {NetworkCompilerTest.SMALL, NetworkCompilerTest.TIGHT,
            DpuConfig.parse("2x3x4:act=128,wgt=16,out=32,bias=16")};

    /** The layers of {@code net} the compiler splits into slices. */
    static long slicedLayers(DpuConfig c, Net net) {
        return NetworkCompiler.compileDetailed(c, net.spec(), net.input(), net.tensors()).layers().stream()
                .filter(l -> l.plan() != null && l.plan().sliced()).count();
    }

    /** Every region of a sliced plan runs its slices back to back, covering every input-channel group once. */
    static void assertSlicesCover(RunPlan plan, int icGroups) {
        int next = 0;
        for (Run r : plan.runs()) {
            assertTrue(r.sliced(), "run " + r + " of a sliced plan is not sliced");
            assertEquals(next, r.icg0(), "slices of one region run back to back");
            next = r.icg1() == icGroups ? 0 : r.icg1();
        }
        assertEquals(0, next, "the last region ends with its last slice");
    }

    @Test
    void threeByThreeOver2048ChannelsOnB512() {
        Net net = TestNets.chain(1, 5, 5, 2048, Shape.of(16, 3, 1, 1), Shape.of(8, 3, 1, 1));
        assertEquals(1, slicedLayers(NetworkCompilerTest.B512, net));
        NetIssTest.assertIssEqualsGolden(NetworkCompilerTest.B512, net, "3x3x2048 on B512");
    }

    @Test
    void wholeMapSevenBySevenOver512ChannelsOnB512() {
        // VGG's fc6 shape in small: a 7x7 kernel over the whole 7x7x512 map (3,136 weight words per bank).
        Net net = TestNets.chain(2, 7, 7, 512, new Shape(24, 7, 7, 1, 1, 0, 1, Activation.NONE));
        assertEquals(1, slicedLayers(NetworkCompilerTest.B512, net));
        NetIssTest.assertIssEqualsGolden(NetworkCompilerTest.B512, net, "7x7x512 on B512");
    }

    @Test
    void slicedLayersBetweenOrdinaryOnesOnSmallConfigurations() {
        for (DpuConfig c : SMALL_CONFIGS) {
            Net net = TestNets.chain(3, 9, 11, 6, Shape.of(40, 3, 1, 1), Shape.of(21, 3, 2, 1), Shape.of(9, 1, 1, 0));
            assertTrue(slicedLayers(c, net) >= 1, c.name() + " splits the 40-channel layer");
            NetIssTest.assertIssEqualsGolden(c, net, c.name());
            var comp = NetworkCompiler.compileDetailed(c, net.spec(), net.input(), net.tensors());
            for (var l : comp.layers()) {
                if (l.plan().sliced()) assertSlicesCover(l.plan(), l.layer().geometry().icGroups(c));
            }
        }
    }

    @Test
    void randomLayersThatNeedSlices() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("PsumNetIssTest.randomLayersThatNeedSlices seed " + base);
        int sliced = 0;
        for (int t = 0; t < 40; t++) {
            long seed = base + t;
            Random rnd = new Random(seed);
            DpuConfig c = SMALL_CONFIGS[rnd.nextInt(SMALL_CONFIGS.length)];
            int k = 1 + rnd.nextInt(4), s = 1 + rnd.nextInt(2);
            // Enough input channels that k*k*ceil(IC/ICP) exceeds the weight bank.
            int ic = c.icp() * (c.weightBankDepth() / (k * k) + 1 + rnd.nextInt(6)) - rnd.nextInt(c.icp());
            int h = k + rnd.nextInt(6), w = k + rnd.nextInt(9);
            Activation act = rnd.nextBoolean() ? Activation.RELU : Activation.NONE;
            Shape first = new Shape(1 + rnd.nextInt(3 * c.ocp()), k, k, s, s, rnd.nextInt(k), 1, act);
            // A 1x1 layer makes the channels (a network's first layer may be channel-augmented instead of sliced).
            Net net = TestNets.chain(seed, h, w, 3, Shape.of(ic, 1, 1, 0), first, Shape.of(5, 1, 1, 0));
            String context = "seed " + seed + ": " + h + "x" + w + "x" + ic + " -> " + first + " on " + c.name();
            assertFalse(slicedLayers(c, net) == 0, context + " is not sliced");
            NetIssTest.assertIssEqualsGolden(c, net, context);
            sliced++;
        }
        assertEquals(40, sliced);
    }

    @Test
    void layersThatFitAreNotSliced() {
        Net net = TestNets.chain(4, 8, 8, 64, Shape.of(32, 3, 1, 1), Shape.of(16, 3, 1, 1));
        assertEquals(0, slicedLayers(NetworkCompilerTest.B512, net));
    }
}
