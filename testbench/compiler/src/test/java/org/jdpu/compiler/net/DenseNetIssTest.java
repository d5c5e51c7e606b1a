package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.cases.DenseHeads;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.Window;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Dense layers (as the convolution over their whole input map, sliced where their weights exceed a
 * bank) compiled and run on the instruction-set simulator, equal to the golden model.
 */
class DenseNetIssTest {
    /** conv 3x3 to {@code c} channels on an h x w map, then dense {@code widths...} (relu but the last). */
    static TestNets.Net head(long seed, int h, int w, int c, int... widths) {
        List<LayerSpec> specs = new ArrayList<>();
        FeatureShape in = new FeatureShape(h, w, 3);
        Conv2dSpec stem = new Conv2dSpec(in, c, new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1)),
                new ShiftQuant(4, 7, 9, 4), Activation.RELU);
        specs.add(stem);
        DenseHeads.append(specs, stem.output(), 4, widths);
        return TestNets.of(PoolNetIssTest.layers(specs), seed);
    }

    @Test
    void denseHeadsOnEveryConfiguration() {
        DpuConfig[] configs = {NetworkCompilerTest.B512, NetworkCompilerTest.SMALL, NetworkCompilerTest.TIGHT,
                DpuConfig.parse("B4096")};
        for (DpuConfig c : configs) NetIssTest.assertIssEqualsGolden(c, head(1, 5, 6, 24, 40, 10), c.name());
    }

    @Test
    void vggsFc6ShapeSlicedOnB512() {
        // 7x7x512 -> 48: 3,136 weight words per bank on ICP 8, so the input channels are sliced.
        NetIssTest.assertIssEqualsGolden(NetworkCompilerTest.B512, head(2, 7, 7, 512, 48, 16), "fc6 shape");
    }

    /** dense {@code widths...} straight on the network input, a multilayer perceptron (relu but the last). */
    static TestNets.Net perceptron(long seed, int h, int w, int c, int... widths) {
        List<LayerSpec> specs = new ArrayList<>();
        DenseHeads.append(specs, new FeatureShape(h, w, c), 4, widths);
        return TestNets.of(PoolNetIssTest.layers(specs), seed);
    }

    @Test
    void denseOnMapsLargerThanTheKernelReadTheMapAsOnePixel() {
        DpuConfig[] configs = {NetworkCompilerTest.B512, NetworkCompilerTest.SMALL, NetworkCompilerTest.TIGHT};
        for (DpuConfig c : configs) {
            // 20x18 (grouped on B512, interleaved where ICP != OCP) and 3x17 (wider than a kernel)
            NetIssTest.assertIssEqualsGolden(c, head(3, 20, 18, 5, 12, 4), "20x18x5 on " + c.name());
            NetIssTest.assertIssEqualsGolden(c, head(4, 3, 17, 9, 7), "3x17x9 on " + c.name());
            // a Fashion-MNIST-sized perceptron reading the input image directly
            NetIssTest.assertIssEqualsGolden(c, perceptron(5, 28, 28, 1, 32, 10), "28x28x1 perceptron on " + c.name());
        }
    }

    @Test
    void aFlattenedDenseLayerHasTheMacsAsWritten() {
        TestNets.Net net = perceptron(6, 28, 28, 1, 16);
        NetProgram p = NetworkCompiler.compile(NetworkCompilerTest.B512, net.spec(), net.input(), net.tensors());
        org.junit.jupiter.api.Assertions.assertEquals(28L * 28 * 16, p.layers().getFirst().macs());
    }

    @Test
    void randomDenseHeads() {
        long base = Long.getLong("jdpu.seed", System.nanoTime() % 100000);
        System.out.println("DenseNetIssTest.randomDenseHeads seed " + base);
        DpuConfig[] configs = {NetworkCompilerTest.B512, NetworkCompilerTest.SMALL, NetworkCompilerTest.TIGHT};
        for (int t = 0; t < 12; t++) {
            long seed = base + t;
            Random rnd = new Random(seed);
            DpuConfig c = configs[rnd.nextInt(configs.length)];
            // maps beyond the kernel or a bank's taps now and then: those read the map as one pixel
            int h = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 24 : 8), w = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 24 : 8);
            int ch = 1 + rnd.nextInt(40);
            TestNets.Net net = head(seed, h, w, ch, 1 + rnd.nextInt(70), 1 + rnd.nextInt(20));
            NetIssTest.assertIssEqualsGolden(c, net, "seed " + seed + ": " + h + "x" + w + "x" + ch + " on " + c.name());
        }
    }
}
