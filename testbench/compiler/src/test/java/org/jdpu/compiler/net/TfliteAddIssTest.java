package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.compiler.net.TestNets.Net;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TFLite's int8 add compiled for {@code +tflite} configurations (three starts per output group
 * through the partial-sum bank) and run on the instruction-set simulator equals the golden model at
 * every layer: random scales, zero points and activations (seed printed), on configurations whose
 * partial-sum banks force the add's runs to be split.
 */
class TfliteAddIssTest {
    static final DpuConfig[] CONFIGS = {DpuConfig.parse("B512+tflite"), DpuConfig.parse("3x5x7+tflite:act=64,wgt=64,out=64,bias=16"),
            DpuConfig.parse("2x2x2+tflite:act=128,wgt=256,out=16,bias=16"), DpuConfig.parse("B1152+tflite:act=256,wgt=256,out=256,bias=32")};

    /** Operand B a stem conv's output, operand A a 1x1 conv of it (zero points as the add's), the sum into a conv. */
    static Net net(long seed, int h, int w, int c, TfliteAddQuant q, Activation act) {
        return net(seed, h, w, c, q, act, 9);
    }

    /** The same with {@code channels} channels in the add. */
    static Net net(long seed, int h, int w, int c, TfliteAddQuant q, Activation act, int channels) {
        Random rnd = new Random(seed);
        FeatureShape in = new FeatureShape(h, w, c);
        Conv2dSpec stem = conv(rnd, in, channels, 3, 0, q.inputBZeroPoint());
        Conv2dSpec body = conv(rnd, stem.output(), channels, 1, q.inputBZeroPoint(), q.inputZeroPoint());
        AddSpec add = new AddSpec(body.output(), q, act);
        Conv2dSpec head = conv(rnd, add.output(), 5, 1, q.outputZeroPoint(), 0);
        List<NetworkSpec.Layer> layers = List.of(new NetworkSpec.Layer("stem", stem, null, null, null),
                new NetworkSpec.Layer("body", body, null, null, null), new NetworkSpec.Layer("add", add, null, null, "stem"),
                new NetworkSpec.Layer("head", head, null, null, null));
        List<LayerTensors> tensors = new ArrayList<>();
        for (NetworkSpec.Layer l : layers) {
            tensors.add(l.spec() instanceof Conv2dSpec k ? new LayerTensors(TestNets.int8(rnd, k.weightShape()),
                    TestNets.int32(rnd, k.outputChannels())) : new LayerTensors(null, null));
        }
        return new Net(new NetworkSpec(null, layers), TestNets.int8(rnd, 1, h, w, c), tensors);
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

    private static int zeroPoint(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> -128;
            case 1 -> 127;
            default -> rnd.nextInt(256) - 128;
        };
    }

    @Test
    void randomTfliteAddsEqualTheGoldenModel() {
        long seed = System.nanoTime();
        System.out.println("TfliteAddIssTest seed " + seed);
        Random rnd = new Random(seed);
        for (DpuConfig c : CONFIGS) {
            for (int i = 0; i < 6; i++) {
                TfliteAddQuant q = TfliteAddQuant.of(0.005 + rnd.nextDouble() * 0.2, zeroPoint(rnd),
                        0.005 + rnd.nextDouble() * 0.2, zeroPoint(rnd), 0.005 + rnd.nextDouble() * 0.3, zeroPoint(rnd));
                Activation act = switch (rnd.nextInt(3)) {
                    case 0 -> Activation.NONE;
                    case 1 -> Activation.RELU;
                    default -> new Activation.Clamp(-90, 80);
                };
                int h = 3 + rnd.nextInt(12), w = 3 + rnd.nextInt(20), ch = 1 + rnd.nextInt(20);
                AddNetIssTest.assertIssEqualsGolden(c, net(rnd.nextLong(), h, w, ch, q, act),
                        c.name() + " add " + i + " " + h + "x" + w + "x" + ch + " " + q + " " + act + " (seed " + seed + ")");
            }
        }
    }

    /** 2048 output words but a 1,024-entry partial-sum bank: the planner's runs are too large for one start. */
    static final DpuConfig WIDE_OUTPUT = DpuConfig.parse("2x2x4+tflite:act=32768,wgt=256,out=2048,bias=16");

    @Test
    void runsAreSplitToFitThePartialSumBank() {
        TfliteAddQuant q = TfliteAddQuant.of(0.05, -128, 0.03, 127, 0.06, -128);
        AddLowering add = AddLowering.of(WIDE_OUTPUT, new AddSpec(new FeatureShape(40, 45, 2), q, Activation.RELU));
        org.jdpu.arch.plan.RunPlan planned = org.jdpu.arch.plan.RunPlanner.plan(WIDE_OUTPUT, add.geometry());
        long largest = 0;
        for (org.jdpu.arch.plan.Run r : planned.runs()) largest = Math.max(largest, (long) r.outRows() * r.pixelGroups(2) * 2);
        assertTrue(largest > WIDE_OUTPUT.psumDepth(), "the planner's runs must exceed the bank for this test: " + largest);
        org.jdpu.arch.plan.RunPlan fitted = add.fitted(WIDE_OUTPUT, planned);
        long pixels = 0;
        for (org.jdpu.arch.plan.Run r : fitted.runs()) {
            assertTrue((long) r.outRows() * r.pixelGroups(2) * 2 <= WIDE_OUTPUT.psumDepth(), r.toString());
            pixels += (long) r.outRows() * r.outCols() * r.ocGroups();
        }
        long want = 0;
        for (org.jdpu.arch.plan.Run r : planned.runs()) want += (long) r.outRows() * r.outCols() * r.ocGroups();
        assertEquals(want, pixels, "the split runs cover the planned ones");
        AddNetIssTest.assertIssEqualsGolden(WIDE_OUTPUT, net(5, 40, 45, 3, q, Activation.RELU, 2),
                WIDE_OUTPUT.name() + " 40x45x3, an add of 2 channels");
    }

    @Test
    void aTfliteAddNeedsTheTfliteOption() {
        TfliteAddQuant q = TfliteAddQuant.of(0.05, -128, 0.03, 127, 0.06, -128);
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class,
                () -> AddLowering.of(DpuConfig.parse("B512"), new AddSpec(new FeatureShape(4, 4, 8), q, Activation.NONE)));
        assertTrue(e.getMessage().contains("+tflite"), e.getMessage());
    }
}
