package org.jdpu.golden;

import org.jdpu.spec.Activation;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int8Tensor;

/**
 * Max and average pooling per channel, without rescaling.
 *
 * <p>maxpool: the maximum of the taps inside the image (padding is never the maximum).
 * avgpool in {@code shift} mode: the sum of the taps inside the image, padding counting as 0,
 * divided by the full kernel area {@code kh*kw} and rounded half toward +infinity:
 * {@code floor(sum / (kh*kw) + 1/2)}; then relu ({@code max(y, 0)}) or clamp. avgpool in
 * {@code multiplier} mode (TFLite's {@code AVERAGE_POOL_2D}): the sum of the taps inside the image
 * divided by their number, rounded half away from zero; both pools then clamp to TFLite's activation
 * range (relu at the zero point). Padding is at most kernel-1, so every window holds at least one
 * real tap.
 */
final class Pooling {
    private Pooling() {}

    static Int8Tensor run(PoolSpec spec, Int8Tensor input) {
        FeatureShape in = spec.input();
        Window win = spec.window();
        int W = in.w(), C = in.c(), OH = spec.outputHeight(), OW = spec.outputWidth();
        byte[] x = input.data();
        byte[] y = new byte[OH * OW * C];
        boolean max = spec.kind() == PoolSpec.Kind.MAX;
        int[] tfliteRange = spec.quant() instanceof PoolQuant.TflitePool t
                ? TfliteRequant.activationRange(spec.activation(), t.zeroPoint()) : null;
        long divisor = (long) win.kh() * win.kw();
        for (int oy = 0; oy < OH; oy++) {
            int iy0 = oy * win.sh() - win.padding().top();
            int kyLo = Accumulators.firstTap(iy0, 1);
            int kyHi = Accumulators.endTap(iy0, 1, in.h(), win.kh());
            for (int ox = 0; ox < OW; ox++) {
                int ix0 = ox * win.sw() - win.padding().left();
                int kxLo = Accumulators.firstTap(ix0, 1);
                int kxHi = Accumulators.endTap(ix0, 1, W, win.kw());
                long inImage = (long) (kyHi - kyLo) * (kxHi - kxLo);
                for (int c = 0; c < C; c++) {
                    int best = Integer.MIN_VALUE;
                    long sum = 0;
                    for (int ky = kyLo; ky < kyHi; ky++) {
                        for (int kx = kxLo; kx < kxHi; kx++) {
                            int v = x[((iy0 + ky) * W + ix0 + kx) * C + c];
                            best = Math.max(best, v);
                            sum += v;
                        }
                    }
                    int r;
                    if (tfliteRange != null) {
                        long v = max ? best : divideRoundingAway(sum, inImage);
                        r = (int) Math.max(tfliteRange[0], Math.min(tfliteRange[1], v));
                    } else {
                        r = activate(max ? best : (int) Math.floorDiv(2 * sum + divisor, 2 * divisor), spec.activation());
                    }
                    y[(oy * OW + ox) * C + c] = (byte) r;
                }
            }
        }
        return new Int8Tensor(spec.output().tensorShape(), y);
    }

    /** TFLite's average: {@code sum / n} rounded half away from zero, written as its reference kernel does with truncating division. */
    static long divideRoundingAway(long sum, long n) {
        return sum > 0 ? (sum + n / 2) / n : (sum - n / 2) / n;
    }

    /** A {@code shift}-mode pool's activation on its int8 result. */
    static int activate(int v, Activation activation) {
        return switch (activation) {
            case Activation.Relu r -> Math.max(v, 0);
            case Activation.Clamp c -> Math.max(c.min(), Math.min(c.max(), v));
            case Activation.None n -> v;
            case Activation.Relu6 r -> throw new IllegalArgumentException("pools take no relu6");
            case Activation.LeakyRelu l -> throw new IllegalArgumentException("pools take no leaky_relu");
        };
    }
}
