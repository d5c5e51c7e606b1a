package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.cases.LayerCase;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.Window;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layers whose weights exceed a weight bank on the RTL: the compiler splits their input channels
 * into slices, the core keeps the int32 partial sums between them (PSUM_MODE) and requantises once.
 * Bit-exact with the golden model and the ISS at every layer, cycles equal to the whole-program
 * cycle model, on B512 and on an odd configuration with small buffers (ICP 5 != OCP 7), in shift
 * mode and in TFLite's multiplier mode (a {@code +tflite} engine).
 */
class PsumCosimTest {
    static final DpuConfig ODD = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32");

    /** {oc, kernel, stride, pad} per layer; fix points chosen so that outputs spread over int8. */
    static NetCosimTest.Net chain(long seed, int h, int w, int c, int[]... shapes) {
        Random rnd = new Random(seed);
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        FeatureShape in = new FeatureShape(h, w, c);
        int fp = 4;
        for (int i = 0; i < shapes.length; i++) {
            int oc = shapes[i][0], k = shapes[i][1], s = shapes[i][2], pad = shapes[i][3];
            ShiftQuant rq = LayerCase.realisticQuant(k, k, in.c());
            ShiftQuant q = new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, rq.fpOutput() - rq.fpInput() + fp);
            Conv2dSpec spec = new Conv2dSpec(in, oc, new Window(k, k, s, s, 1, 1, new Padding(pad, pad, pad, pad)), q,
                    i % 2 == 0 ? Activation.NONE : Activation.RELU);
            layers.add(new NetworkSpec.Layer("conv" + (i + 1), spec, null, null, null));
            tensors.add(new LayerTensors(NetCosimTest.int8(rnd, spec.weightShape()), NetCosimTest.int32(rnd, oc)));
            in = spec.output();
            fp = q.fpOutput();
        }
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, h, w, c), tensors);
    }

    static long slicedLayers(DpuConfig c, NetCosimTest.Net net) {
        return NetworkCompiler.compileDetailed(c, net.spec(), net.input(), net.tensors()).layers().stream()
                .filter(l -> l.plan() != null && l.plan().sliced()).count();
    }

    static NetCosimResult check(DpuConfig c, NetCosimTest.Net net, String context) {
        assertTrue(slicedLayers(c, net) >= 1, context + ": no layer is sliced");
        NetCosimResult r = NetCosimTest.run(c, net, NetCosim.Options.defaults());
        assertTrue(r.passed(), context + ": " + r.resultLine());
        assertEquals(r.predictedCycles(), r.run().cycles(), context + ": the cycle model");
        return r;
    }

    @Test
    void threeByThreeOver2048ChannelsOnB512() {
        // 9 x 256 = 2,304 weight words per bank: three slices of 86 channel groups.
        check(DpuConfig.parse("B512"), chain(1, 5, 6, 2048, new int[] {16, 3, 1, 1}, new int[] {8, 1, 1, 0}), "3x3x2048");
    }

    @Test
    void slicedLayersOnAnOddConfigurationWithSmallBuffersCalmAndStressed() {
        NetCosimTest.Net net = chain(2, 7, 9, 4, new int[] {40, 1, 1, 0}, new int[] {21, 3, 1, 1}, new int[] {30, 3, 2, 1},
                new int[] {9, 1, 1, 0});
        NetCosimResult calm = check(ODD, net, "odd");
        long seed = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        System.out.println("PsumCosimTest stress seed " + seed);
        NetCosimResult s = NetCosimTest.run(ODD, net, NetCosim.Options.defaults().withStress(seed));
        assertTrue(s.passed(), "stress seed " + seed + ": " + s.resultLine());
        for (int i = 0; i < calm.rtlOutputs().size(); i++) assertEquals(calm.rtlOutputs().get(i), s.rtlOutputs().get(i));
    }

    /**
     * {@link #chain}'s shapes in TFLite's multiplier mode: zero points {@code zps[i]} into layer i
     * (the last one its output's), Q31 multipliers in [0.5, 1) per channel, shifts spreading the
     * outputs over int8.
     */
    static NetCosimTest.Net multiplierChain(long seed, int h, int w, int c, int[] zps, int[]... shapes) {
        Random rnd = new Random(seed);
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        FeatureShape in = new FeatureShape(h, w, c);
        for (int i = 0; i < shapes.length; i++) {
            int oc = shapes[i][0], k = shapes[i][1], s = shapes[i][2], pad = shapes[i][3];
            // uniform int8 operands: about 74 x 74 x sqrt(taps) of spread, brought to about +-48
            int shift = (int) Math.floor(Math.log(48 / (74.0 * 74 * Math.sqrt((double) k * k * in.c()))) / Math.log(2));
            int[] m = new int[oc], sh = new int[oc];
            for (int o = 0; o < oc; o++) {
                m[o] = (1 << 30) + rnd.nextInt(1 << 30);
                sh[o] = shift + rnd.nextInt(2);
            }
            Conv2dSpec spec = new Conv2dSpec(in, oc, new Window(k, k, s, s, 1, 1, new Padding(pad, pad, pad, pad)),
                    new MultiplierQuant(zps[i], zps[i + 1], m, sh), i % 2 == 0 ? Activation.NONE : Activation.RELU);
            layers.add(new NetworkSpec.Layer("conv" + (i + 1), spec, null, null, null));
            tensors.add(new LayerTensors(NetCosimTest.int8(rnd, spec.weightShape()), NetCosimTest.int32(rnd, oc)));
            in = spec.output();
        }
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, h, w, c), tensors);
    }

    @Test
    void multiplierModeSlicedLayersWithExtremeZeroPoints() {
        // The +tflite configuration TfliteCosimTest verilates: weight banks of 64 words.
        DpuConfig c = DpuConfig.parse("3x5x7+tflite:act=64,wgt=64,out=64,bias=16");
        NetCosimTest.Net net = multiplierChain(3, 7, 9, 4, new int[] {-128, 127, -128, 5, 127},
                new int[] {40, 1, 1, 0}, new int[] {21, 3, 1, 1}, new int[] {30, 3, 2, 1}, new int[] {9, 1, 1, 0});
        check(c, net, "multiplier mode on " + c.name());
        long seed = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        System.out.println("PsumCosimTest multiplier-mode stress seed " + seed);
        NetCosimResult s = NetCosimTest.run(c, net, NetCosim.Options.defaults().withStress(seed));
        assertTrue(s.passed(), "stress seed " + seed + ": " + s.resultLine());
    }

    @Test
    void randomLayersThatNeedSlices() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        System.out.println("PsumCosimTest.randomLayersThatNeedSlices seed " + base);
        for (int t = 0; t < 4; t++) {
            long seed = base + t;
            Random rnd = new Random(seed);
            DpuConfig c = ODD; // the configuration the other cosimulations verilate already
            int k = 1 + rnd.nextInt(3), s = 1 + rnd.nextInt(2);
            int ic = c.icp() * (c.weightBankDepth() / (k * k) + 1 + rnd.nextInt(4)) - rnd.nextInt(c.icp());
            int h = k + rnd.nextInt(5), w = k + rnd.nextInt(8);
            NetCosimTest.Net net = chain(seed, h, w, 3, new int[] {ic, 1, 1, 0},
                    new int[] {1 + rnd.nextInt(2 * c.ocp()), k, s, rnd.nextInt(k)}, new int[] {5, 1, 1, 0});
            check(c, net, "seed " + seed + " on " + c.name());
        }
    }
}
