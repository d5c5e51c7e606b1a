package org.jdpu.bench;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.golden.Golden;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Shapes;

import java.util.Arrays;

/**
 * Speed of the golden model on one core: a 56x56x64 -> 64, 3x3, stride 1 convolution (the figure
 * full-network checks depend on) and a 56x56x128 3x3 depthwise convolution, warm, median of several runs.
 */
public final class GoldenBench implements Benchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 9;

    @Override
    public String name() {
        return "golden";
    }

    @Override
    public void run(BenchReport report) {
        Window w3 = new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1));
        Quant shift = new Quant.ShiftQuant(4, 7, 6, 3);
        FeatureShape in = new FeatureShape(56, 56, 64);
        measure(report, "golden.conv_gmacs", new Conv2dSpec(in, 64, w3, shift, Activation.RELU));
        measure(report, "golden.depthwise_gmacs",
                new DepthwiseConv2dSpec(new FeatureShape(56, 56, 128), 1, w3, shift, Activation.RELU));
    }

    private static void measure(BenchReport report, String figure, ConvolutionSpec spec) {
        RandomDataGenerator rnd = new RandomDataGenerator(new Well19937c(1234));
        Int8Tensor x = random(rnd, spec.input().tensorShape());
        Int8Tensor w = random(rnd, spec.weightShape());
        int[] b = new int[spec.outputChannels()];
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextInt(-5000, 5000);
        Int32Tensor bias = new Int32Tensor(spec.biasShape(), b);
        long macs = (long) spec.outputHeight() * spec.outputWidth() * spec.outputChannels()
                * spec.window().taps() * spec.reductionChannels();
        for (int i = 0; i < WARMUP; i++) Golden.run(spec, x, w, bias);
        double[] seconds = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            Golden.run(spec, x, w, bias);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[RUNS / 2];
        report.note(spec.op() + " " + spec.input() + " -> " + spec.output() + ", " + spec.window().kh() + "x"
                + spec.window().kw() + ": " + macs + " MACs, median of " + RUNS + " runs " + String.format("%.4f s", median));
        report.figure(figure, macs / median / 1e9, "GMAC/s");
    }

    private static Int8Tensor random(RandomDataGenerator rnd, int[] shape) {
        byte[] d = new byte[Shapes.elementCount(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (byte) rnd.nextInt(-128, 127);
        return new Int8Tensor(shape, d);
    }
}
