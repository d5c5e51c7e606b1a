package org.jdpu.cases;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.SpecException;

/**
 * Constrained-random conv2d layers for regressions: every kernel size 1..16 (small ones most
 * often), strides 1..8, dilations 1..3, independent padding per side, channel counts that are
 * rarely multiples of anything, every activation, fix points that sometimes saturate, shift left
 * or push the bias right, and three weight styles. Everything follows from the seed.
 */
public final class RandomConvLayers {
    private RandomConvLayers() {}

    public static LayerCase draw(long seed) {
        RandomGenerator r = new Well19937c(seed);
        for (int attempt = 0; ; attempt++) {
            Conv2dSpec spec = shape(r);
            try {
                LayerChecks.validate(spec);
            } catch (SpecException e) {
                if (attempt > 100) throw new IllegalStateException("cannot draw a valid layer from seed " + seed, e);
                continue;
            }
            LayerCase.Weights style = LayerCase.Weights.values()[r.nextInt(3)];
            return LayerCase.draw(LayerCase.describe(spec), seed, spec, style);
        }
    }

    private static Conv2dSpec shape(RandomGenerator r) {
        int kh = kernel(r), kw = r.nextInt(3) == 0 ? kh : kernel(r);
        int sh = stride(r), sw = r.nextInt(3) == 0 ? sh : stride(r);
        int dh = dilation(r), dw = dilation(r);
        int spanH = (kh - 1) * dh + 1, spanW = (kw - 1) * dw + 1;
        Padding pad = new Padding(pad(r, spanH), pad(r, spanW), pad(r, spanH), pad(r, spanW));
        int h = Math.max(1 + r.nextInt(20), spanH - pad.top() - pad.bottom());
        int w = Math.max(1 + r.nextInt(28), spanW - pad.left() - pad.right());
        int ic = 1 + r.nextInt(r.nextInt(4) == 0 ? 70 : 24);
        int oc = 1 + r.nextInt(r.nextInt(4) == 0 ? 70 : 24);
        ShiftQuant q = quant(r, kh, kw, ic);
        Activation act = switch (r.nextInt(5)) {
            case 0 -> Activation.NONE;
            case 1 -> Activation.RELU;
            case 2 -> Activation.RELU6;
            case 3 -> Activation.LEAKY_RELU;
            default -> {
                int a = r.nextInt(256) - 128, b = r.nextInt(256) - 128;
                yield new Activation.Clamp(Math.min(a, b), Math.max(a, b));
            }
        };
        return LayerCase.conv(h, w, ic, oc, kh, kw, sh, sw, dh, dw, pad, q, act);
    }

    private static int kernel(RandomGenerator r) {
        return switch (r.nextInt(10)) {
            case 0, 1, 2 -> 1;
            case 3, 4, 5 -> 3;
            case 6 -> 5;
            case 7, 8 -> 2 + r.nextInt(6);
            default -> 1 + r.nextInt(16);
        };
    }

    private static int stride(RandomGenerator r) {
        return switch (r.nextInt(8)) {
            case 0, 1, 2, 3 -> 1;
            case 4, 5 -> 2;
            default -> 1 + r.nextInt(8);
        };
    }

    private static int dilation(RandomGenerator r) {
        return r.nextInt(5) == 0 ? 2 + r.nextInt(2) : 1;
    }

    private static int pad(RandomGenerator r, int span) {
        return r.nextInt(3) == 0 ? 0 : r.nextInt(Math.min(span, 6));
    }

    private static ShiftQuant quant(RandomGenerator r, int kh, int kw, int ic) {
        ShiftQuant base = LayerCase.realisticQuant(kh, kw, ic);
        int fpIn = r.nextInt(8), fpW = 3 + r.nextInt(6);
        int cut = base.shiftCut() + (r.nextInt(4) == 0 ? r.nextInt(13) - 8 : r.nextInt(3) - 1);
        int fpOut = fpIn + fpW - cut;
        int fpBias = fpIn + fpW - (r.nextInt(4) == 0 ? r.nextInt(20) - 12 : r.nextInt(4));
        return new ShiftQuant(fpIn, fpW, clampFix(fpBias), clampFix(fpOut));
    }

    private static int clampFix(int fp) {
        return Math.max(LayerChecks.MIN_FIX_POINT, Math.min(LayerChecks.MAX_FIX_POINT, fp));
    }
}
