package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;


/**
 * A multiplier-mode (TFLite int8) network through the network engine of a {@code +tflite}
 * configuration: convolutions with per-channel multipliers and shifts and zero points chained from
 * layer to layer (the ends of int8 among them), a depthwise convolution (depth multiplier 2), TFLite max and average pools between them (the
 * average's ties rounded away from zero by the pool unit); bit-exact with the golden
 * model and the ISS at every layer, cycles equal to the whole-program cycle model.
 */
class TfliteNetCosimTest {
    /**
     * conv 3x3 relu (zp -128 -> -128), depthwise 3x3 x2 relu (-128 -> -128), conv 3x3 (-128 -> 127), TFLite maxpool 2x2/2 with padding,
     * conv 1x1 clamp (127 -> 5), TFLite avgpool 2x2/2 (an even divisor: ties occur), conv 1x1 relu (5 -> 0).
     */
    static NetCosimTest.Net net(long seed, int h, int w, int c) {
        Random rnd = new Random(seed);
        FeatureShape in = new FeatureShape(h, w, c);
        Conv2dSpec c1 = conv(rnd, in, 12, 3, -128, -128, -8, Activation.RELU);
        DepthwiseConv2dSpec dw = depthwise(rnd, c1.output(), 2, -128, -128, -6, Activation.RELU);
        Conv2dSpec c2 = conv(rnd, dw.output(), 9, 3, -128, 127, -9, Activation.NONE);
        PoolSpec p = new PoolSpec(PoolSpec.Kind.MAX, c2.output(), new Window(2, 2, 2, 2, 1, 1, new Padding(1, 1, 0, 0)),
                new PoolQuant.TflitePool(127), Activation.NONE);
        Conv2dSpec c3 = conv(rnd, p.output(), 10, 1, 127, 5, -6, new Activation.Clamp(-100, 90));
        PoolSpec avg = new PoolSpec(PoolSpec.Kind.AVG, c3.output(), new Window(2, 2, 2, 2, 1, 1, Padding.NONE),
                new PoolQuant.TflitePool(5), Activation.NONE);
        Conv2dSpec c4 = conv(rnd, avg.output(), 7, 1, 5, 0, -6, Activation.RELU);
        List<LayerSpec> specs = List.of(c1, dw, c2, p, c3, avg, c4);
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec s = specs.get(i);
            layers.add(new NetworkSpec.Layer("l" + i + "_" + s.op(), s, null, null, null));
            tensors.add(s instanceof ConvolutionSpec k ? new LayerTensors(NetCosimTest.int8(rnd, k.weightShape()),
                    NetCosimTest.int32(rnd, k.outputChannels())) : new LayerTensors(null, null));
        }
        return new NetCosimTest.Net(new NetworkSpec(null, layers), NetCosimTest.int8(rnd, 1, h, w, c), tensors);
    }

    private static DepthwiseConv2dSpec depthwise(Random rnd, FeatureShape in, int multiplier, int zpIn, int zpOut, int shift,
                                                 Activation act) {
        int oc = in.c() * multiplier;
        return new DepthwiseConv2dSpec(in, multiplier, new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1)),
                new Quant.MultiplierQuant(zpIn, zpOut, multipliers(rnd, oc), shifts(rnd, oc, shift)), act);
    }

    private static int[] multipliers(Random rnd, int n) {
        int[] m = new int[n];
        for (int i = 0; i < n; i++) m[i] = (1 << 30) + rnd.nextInt(1 << 30);
        return m;
    }

    private static int[] shifts(Random rnd, int n, int shift) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) s[i] = shift + rnd.nextInt(2);
        return s;
    }

    private static Conv2dSpec conv(Random rnd, FeatureShape in, int oc, int k, int zpIn, int zpOut, int shift,
                                   Activation act) {
        int[] m = new int[oc], s = new int[oc];
        for (int i = 0; i < oc; i++) {
            m[i] = (1 << 30) + rnd.nextInt(1 << 30);
            s[i] = shift + rnd.nextInt(2);
        }
        int p = k / 2;
        return new Conv2dSpec(in, oc, new Window(k, k, 1, 1, 1, 1, new Padding(p, p, p, p)),
                new Quant.MultiplierQuant(zpIn, zpOut, m, s), act);
    }

    static void check(DpuConfig c, NetCosimTest.Net net) {
        NetCosimTest.checkCalm(c, net, "");
    }

    @Test
    void multiplierModeNetworkOnB512() {
        check(DpuConfig.parse("B512+tflite"), net(3, 10, 12, 8));
    }

    @Test
    void multiplierModeNetworkOnAnOddConfigurationWithSmallBuffers() {
        check(DpuConfig.parse("3x5x7+tflite:act=64,wgt=64,out=64,bias=16"), net(4, 9, 11, 6));
    }
}
