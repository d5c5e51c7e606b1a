package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.AddSpec.TfliteAddQuant;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TFLite's int8 add (both operands rescaled with their own rounding, the sum rescaled to the output)
 * through the network engine of {@code +tflite} configurations: a residual block of multiplier-mode
 * convolutions whose add takes the block's input and output, then a convolution of the sum. Directed
 * adds put the zero points at the ends of int8, use the extreme multipliers and shifts and the relu and
 * clamp ranges; random adds take TFLite's own multipliers for random scales (seeds printed). Every
 * layer is bit-exact with the golden model and the ISS, every program's cycles the cycle model's.
 */
class TfliteAddCosimTest {
    static final DpuConfig B512 = DpuConfig.parse("B512+tflite");
    /** ICP != OCP, a 64-entry partial-sum bank: the add's runs are split to fit it. */
    static final DpuConfig ODD = DpuConfig.parse("3x5x7+tflite:act=64,wgt=64,out=64,bias=16");

    /** conv 3x3 (zp_in -> zp_b), conv 1x1 (zp_b -> zp_a), add(conv 1x1, conv 3x3), conv 1x1 of the sum. */
    static NetCosimTest.Net net(long seed, int h, int w, int c, TfliteAddQuant q, Activation act) {
        Random rnd = new Random(seed);
        FeatureShape in = new FeatureShape(h, w, c);
        Conv2dSpec c1 = conv(rnd, in, 10, 3, 3, q.inputBZeroPoint());
        Conv2dSpec c2 = conv(rnd, c1.output(), 10, 1, q.inputBZeroPoint(), q.inputZeroPoint());
        AddSpec add = new AddSpec(c2.output(), q, act);
        Conv2dSpec c3 = conv(rnd, add.output(), 6, 1, q.outputZeroPoint(), -3);
        List<NetworkSpec.Layer> layers = List.of(new NetworkSpec.Layer("c1", c1, null, null, null),
                new NetworkSpec.Layer("c2", c2, null, null, null), new NetworkSpec.Layer("add", add, null, null, "c1"),
                new NetworkSpec.Layer("c3", c3, null, null, null));
        List<LayerTensors> tensors = new ArrayList<>();
        for (NetworkSpec.Layer l : layers) {
            tensors.add(l.spec() instanceof Conv2dSpec k ? new LayerTensors(NetCosimTest.int8(rnd, k.weightShape()),
                    NetCosimTest.int32(rnd, k.outputChannels())) : new LayerTensors(null, null));
        }
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, h, w, c), tensors);
    }

    private static Conv2dSpec conv(Random rnd, FeatureShape in, int oc, int k, int zpIn, int zpOut) {
        int[] m = new int[oc], s = new int[oc];
        for (int i = 0; i < oc; i++) {
            m[i] = (1 << 30) + rnd.nextInt(1 << 30);
            s[i] = (k == 3 ? -8 : -6) + rnd.nextInt(2);
        }
        int p = k / 2;
        return new Conv2dSpec(in, oc, new Window(k, k, 1, 1, 1, 1, new Padding(p, p, p, p)),
                new Quant.MultiplierQuant(zpIn, zpOut, m, s), Activation.NONE);
    }

    /** The directed adds: zero points at -128 and 127, extreme multipliers and shifts, relu and clamp. */
    static List<TfliteAddQuant> directed() {
        int max = Integer.MAX_VALUE, half = 1 << 30;
        return List.of(
                TfliteAddQuant.of(0.05, -128, 0.03, 127, 0.06, -128),
                TfliteAddQuant.of(0.02, 127, 0.09, -128, 0.04, 127),
                // the largest factor (just below 1) on A, the smallest (2^-32) on B, the sum nearly saturating
                new TfliteAddQuant(-128, 127, 127, max, 0, half, -31, max, -21),
                // everything shrinks to the output zero point but the largest differences
                new TfliteAddQuant(127, -128, -128, half, -31, max, 0, half, -20),
                TfliteAddQuant.of(0.1, 0, 0.1, 0, 0.07, 3));
    }

    static final Activation[] DIRECTED_ACTIVATIONS = {Activation.RELU, Activation.NONE, Activation.NONE,
            Activation.RELU, new Activation.Clamp(-40, 70)};

    /** A random add: TFLite's multipliers for random scales, random zero points (the ends of int8 likely). */
    static TfliteAddQuant random(Random rnd) {
        return TfliteAddQuant.of(0.005 + rnd.nextDouble() * 0.2, zeroPoint(rnd), 0.005 + rnd.nextDouble() * 0.2,
                zeroPoint(rnd), 0.005 + rnd.nextDouble() * 0.3, zeroPoint(rnd));
    }

    private static int zeroPoint(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> -128;
            case 1 -> 127;
            default -> rnd.nextInt(256) - 128;
        };
    }

    private static Activation activation(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> Activation.NONE;
            case 1 -> Activation.RELU;
            default -> new Activation.Clamp(-100 + rnd.nextInt(50), 20 + rnd.nextInt(100));
        };
    }

    static void check(DpuConfig c, NetCosimTest.Net net, String what) {
        NetCosimResult r = NetCosimTest.run(c, net, NetCosim.Options.defaults());
        assertTrue(r.passed(), what + ": " + r.resultLine());
        assertEquals(r.predictedCycles(), r.run().cycles(), what + ": the cycle model");
    }

    private static void directedOn(DpuConfig c, int h, int w, int ch) {
        List<TfliteAddQuant> qs = directed();
        for (int i = 0; i < qs.size(); i++) {
            check(c, net(10 + i, h, w, ch, qs.get(i), DIRECTED_ACTIVATIONS[i]), c.name() + " directed add " + i + " " + qs.get(i));
        }
    }

    private static void randomOn(DpuConfig c, int count, int h, int w, int ch) {
        long seed = System.nanoTime();
        System.out.println("TfliteAddCosimTest " + c.name() + " seed " + seed);
        Random rnd = new Random(seed);
        for (int i = 0; i < count; i++) {
            TfliteAddQuant q = random(rnd);
            Activation act = activation(rnd);
            check(c, net(rnd.nextLong(), h, w, ch, q, act), c.name() + " random add " + i + " (seed " + seed + ") " + q + " " + act);
        }
    }

    @Test
    void directedAddsOnB512() {
        directedOn(B512, 9, 12, 8);
    }

    @Test
    void directedAddsOnAnOddConfigurationWithSmallBuffers() {
        directedOn(ODD, 9, 11, 6);
    }

    @Test
    void randomAddsOnB512() {
        randomOn(B512, 4, 11, 13, 20);
    }

    @Test
    void randomAddsOnAnOddConfigurationWithSmallBuffers() {
        randomOn(ODD, 4, 8, 13, 11);
    }
}
