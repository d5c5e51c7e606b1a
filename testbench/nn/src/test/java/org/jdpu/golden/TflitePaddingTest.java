package org.jdpu.golden;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
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
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * In {@code multiplier} mode a padding tap reads the input zero point, as TFLite pads: a padded
 * layer gives what the same layer without padding gives on the input explicitly padded with the
 * zero point.
 */
class TflitePaddingTest {
    @Test
    void paddingTapsEqualTheInputZeroPoint() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("TflitePaddingTest seed " + seed + " (rerun with -Djdpu.seed=" + seed + ")");
        RandomDataGenerator rnd = new RandomDataGenerator(new Well19937c(seed));
        for (int i = 0; i < 60; i++) {
            boolean depthwise = i % 2 == 1;
            int kh = rnd.nextInt(1, 3), kw = rnd.nextInt(1, 3);
            FeatureShape in = new FeatureShape(rnd.nextInt(kh, 6), rnd.nextInt(kw, 6), rnd.nextInt(1, 4));
            Padding p = new Padding(rnd.nextInt(0, kh - 1), rnd.nextInt(0, kw - 1), rnd.nextInt(0, kh - 1), rnd.nextInt(0, kw - 1));
            int zp = rnd.nextInt(-128, 127);
            int oc = depthwise ? in.c() : rnd.nextInt(1, 4);
            int[] m = new int[oc], s = new int[oc];
            for (int k = 0; k < oc; k++) {
                m[k] = rnd.nextInt(1 << 30, Integer.MAX_VALUE);
                s[k] = rnd.nextInt(-9, -5);
            }
            Quant.MultiplierQuant q = new Quant.MultiplierQuant(zp, rnd.nextInt(-128, 127), m, s);
            FeatureShape paddedShape = new FeatureShape(in.h() + p.top() + p.bottom(), in.w() + p.left() + p.right(), in.c());
            Window padded = new Window(kh, kw, 1, 1, 1, 1, p), valid = new Window(kh, kw, 1, 1, 1, 1, Padding.NONE);
            ConvolutionSpec withPadding = depthwise ? new DepthwiseConv2dSpec(in, 1, padded, q, Activation.NONE)
                    : new Conv2dSpec(in, oc, padded, q, Activation.NONE);
            ConvolutionSpec onPaddedInput = depthwise ? new DepthwiseConv2dSpec(paddedShape, 1, valid, q, Activation.NONE)
                    : new Conv2dSpec(paddedShape, oc, valid, q, Activation.NONE);
            Int8Tensor x = random(rnd, in.tensorShape());
            Int8Tensor w = random(rnd, withPadding.weightShape());
            int[] b = new int[oc];
            for (int k = 0; k < oc; k++) b[k] = rnd.nextInt(-5000, 5000);
            Int32Tensor bias = new Int32Tensor(new int[] {oc}, b);
            assertEquals(Golden.run(onPaddedInput, padWith(x, in, p, zp), w, bias), Golden.run(withPadding, x, w, bias),
                    "case " + i + ": " + withPadding);
        }
    }

    private static Int8Tensor padWith(Int8Tensor x, FeatureShape in, Padding p, int value) {
        int h = in.h() + p.top() + p.bottom(), w = in.w() + p.left() + p.right(), c = in.c();
        byte[] d = new byte[h * w * c];
        java.util.Arrays.fill(d, (byte) value);
        for (int y = 0; y < in.h(); y++)
            for (int xx = 0; xx < in.w(); xx++)
                for (int ch = 0; ch < c; ch++)
                    d[((y + p.top()) * w + xx + p.left()) * c + ch] = (byte) x.get(0, y, xx, ch);
        return new Int8Tensor(new int[] {1, h, w, c}, d);
    }

    private static Int8Tensor random(RandomDataGenerator rnd, int[] shape) {
        byte[] d = new byte[org.jdpu.tensor.Shapes.elementCount(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (byte) rnd.nextInt(-128, 127);
        return new Int8Tensor(shape, d);
    }
}
