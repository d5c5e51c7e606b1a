package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.spec.Activation;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;


/**
 * TFLite average pools with padding on the RTL of {@code +tflite} engines: each output is divided
 * by its window's in-image taps, so the compiler splits every group into starts of one divisor
 * (interior, edge rows, edge columns, corners). Bit-exact with the golden model and the ISS at every
 * layer, cycles equal to the whole-program cycle model, on B512+tflite and on an odd configuration
 * with small buffers (ICP != OCP, several runs per layer, so runs begin and end inside the edges).
 */
class TflitePaddedPoolCosimTest {
    private static final String ODD = "3x5x7+tflite:act=64,wgt=64,out=64,bias=16";

    static PoolSpec avg(FeatureShape in, int kh, int kw, int sh, int sw, Padding pad, int zeroPoint, Activation act) {
        return new PoolSpec(PoolSpec.Kind.AVG, in, new Window(kh, kw, sh, sw, 1, 1, pad), new PoolQuant.TflitePool(zeroPoint), act);
    }

    /** TF's SAME padding of one axis: the total split with the larger half after. */
    static int[] same(int size, int k, int s) {
        int out = (size + s - 1) / s, total = Math.max(0, (out - 1) * s + k - size);
        return new int[] {total / 2, total - total / 2};
    }

    /** A chain of pools over a full-range int8 input. */
    static NetCosimTest.Net chain(long seed, FeatureShape in, List<PoolSpec> pools) {
        Random rnd = new Random(seed);
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            layers.add(new NetworkSpec.Layer("l" + i + "_avgpool", pools.get(i), null, null, null));
            tensors.add(new LayerTensors(null, null));
        }
        byte[] x = new byte[in.h() * in.w() * in.c()];
        for (int i = 0; i < x.length; i++) x[i] = (byte) (rnd.nextInt(256) - 128);
        return new NetCosimTest.Net(new NetworkSpec(null, layers), new Int8Tensor(new int[] {1, in.h(), in.w(), in.c()}, x), tensors);
    }

    /** 3x3 pad 1, 2x2 stride 2 SAME (odd map: padding after only), asymmetric 3x2 window, 5x5 stride 2 pad 2 with relu. */
    static NetCosimTest.Net directed(long seed, int h, int w, int c) {
        FeatureShape in = new FeatureShape(h, w, c);
        List<PoolSpec> p = new ArrayList<>();
        p.add(avg(in, 3, 3, 1, 1, new Padding(1, 1, 1, 1), -3, Activation.NONE));
        int[] sh = same(h, 2, 2), sw = same(w, 2, 2);
        p.add(avg(p.getLast().output(), 2, 2, 2, 2, new Padding(sh[0], sw[0], sh[1], sw[1]), -3, Activation.NONE));
        p.add(avg(p.getLast().output(), 3, 2, 1, 1, new Padding(0, 1, 2, 0), -3, new Activation.Clamp(-60, 70)));
        p.add(avg(p.getLast().output(), 5, 5, 2, 2, new Padding(2, 2, 2, 2), 10, Activation.RELU));
        return chain(seed, in, p);
    }

    /** {@code n} random padded average pools (kernel 1..5, stride 1..3, padding below the kernel); seed printed. */
    static NetCosimTest.Net random(long seed, int h, int w, int c, int n) {
        System.out.println("TflitePaddedPoolCosimTest.random seed " + seed);
        Random rnd = new Random(seed);
        FeatureShape in = new FeatureShape(h, w, c);
        List<PoolSpec> p = new ArrayList<>();
        FeatureShape cur = in;
        for (int i = 0; i < n; i++) {
            int kh = 1 + rnd.nextInt(Math.min(5, cur.h())), kw = 1 + rnd.nextInt(Math.min(5, cur.w()));
            int sh = 1 + rnd.nextInt(Math.min(3, kh)), sw = 1 + rnd.nextInt(Math.min(3, kw));
            Padding pad = new Padding(rnd.nextInt(kh), rnd.nextInt(kw), rnd.nextInt(kh), rnd.nextInt(kw));
            if (pad.equals(Padding.NONE)) pad = new Padding(0, 0, kh - 1, kw - 1);
            Activation act = rnd.nextBoolean() ? Activation.NONE : Activation.RELU;
            p.add(avg(cur, kh, kw, sh, sw, pad, rnd.nextInt(256) - 128, act));
            cur = p.getLast().output();
        }
        return chain(seed, in, p);
    }

    static void check(DpuConfig c, NetCosimTest.Net net) {
        NetCosimTest.checkCalm(c, net, "");
    }

    @Test
    void directedPaddedAveragePoolsOnB512() {
        check(DpuConfig.parse("B512+tflite"), directed(21, 11, 13, 24));
    }

    @Test
    void directedPaddedAveragePoolsOnAnOddConfigurationWithSmallBuffers() {
        check(DpuConfig.parse(ODD), directed(22, 13, 11, 12));
    }

    @Test
    void randomPaddedAveragePoolsOnB512AndAnOddConfiguration() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        check(DpuConfig.parse("B512+tflite"), random(seed, 12, 14, 20, 4));
        check(DpuConfig.parse(ODD), random(seed + 1, 14, 12, 8, 4));
    }
}
