package org.jdpu.importer.tflite;

import org.jdpu.golden.TfliteRequant;

/**
 * TFLite's int8 reference kernels as written for the tests, step by step as TFLite runs a graph
 * (an explicit PAD materializes its padded tensor), so that the importer's merged and re-expressed
 * layers can be checked against them. NHWC, batch 1.
 */
final class TfliteReference {
    private TfliteReference() {}

    /** A feature map with its quantization. */
    record Map(int h, int w, int c, byte[] v, int zp) {
        int at(int y, int x, int ch) {
            return v[(y * w + x) * c + ch];
        }
    }

    /** PAD with the zero point: top, bottom, left, right. */
    static Map pad(Map x, int top, int bottom, int left, int right) {
        int h = x.h() + top + bottom, w = x.w() + left + right;
        byte[] v = new byte[h * w * x.c()];
        java.util.Arrays.fill(v, (byte) x.zp());
        for (int y = 0; y < x.h(); y++) {
            System.arraycopy(x.v(), y * x.w() * x.c(), v, ((y + top) * w + left) * x.c(), x.w() * x.c());
        }
        return new Map(h, w, x.c(), v, x.zp());
    }

    /**
     * CONV_2D (depthwise false; weights OHWI) or DEPTHWISE_CONV_2D (weights 1HWC, multiplier
     * {@code oc / c}), SAME or VALID, per-channel {@code QuantizeMultiplier} of {@code realScale[oc]}.
     */
    static Map conv(Map x, boolean depthwise, byte[] w, int oc, int kh, int kw, int[] bias, boolean same, int stride,
                    double[] realScale, int outZp, int actMin, int actMax) {
        int oh = same ? (x.h() + stride - 1) / stride : (x.h() - kh) / stride + 1;
        int ow = same ? (x.w() + stride - 1) / stride : (x.w() - kw) / stride + 1;
        int padTop = same ? Math.max((oh - 1) * stride + kh - x.h(), 0) / 2 : 0;
        int padLeft = same ? Math.max((ow - 1) * stride + kw - x.w(), 0) / 2 : 0;
        byte[] y = new byte[oh * ow * oc];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int o = 0; o < oc; o++) {
                    long acc = 0;
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            int iy = oy * stride - padTop + ky, ix = ox * stride - padLeft + kx;
                            if (iy < 0 || iy >= x.h() || ix < 0 || ix >= x.w()) continue;
                            if (depthwise) {
                                int ic = o / (oc / x.c());
                                acc += (long) (x.at(iy, ix, ic) - x.zp()) * w[(ky * kw + kx) * oc + o];
                            } else {
                                for (int ic = 0; ic < x.c(); ic++) {
                                    acc += (long) (x.at(iy, ix, ic) - x.zp()) * w[((o * kh + ky) * kw + kx) * x.c() + ic];
                                }
                            }
                        }
                    }
                    y[(oy * ow + ox) * oc + o] = requant(acc + bias[o], realScale[o], outZp, actMin, actMax);
                }
            }
        }
        return new Map(oh, ow, oc, y, outZp);
    }

    /** FULLY_CONNECTED over the flattened map: weights {@code [out, h*w*c]}. */
    static Map fullyConnected(Map x, byte[] w, int out, int[] bias, double realScale, int outZp, int actMin, int actMax) {
        int n = x.h() * x.w() * x.c();
        byte[] y = new byte[out];
        for (int o = 0; o < out; o++) {
            long acc = 0;
            for (int i = 0; i < n; i++) acc += (long) (x.v()[i] - x.zp()) * w[o * n + i];
            y[o] = requant(acc + bias[o], realScale, outZp, actMin, actMax);
        }
        return new Map(1, 1, out, y, outZp);
    }

    /** MAX_POOL_2D over in-image taps, SAME padding. */
    static Map maxPoolSame(Map x, int k, int stride) {
        int oh = (x.h() + stride - 1) / stride, ow = (x.w() + stride - 1) / stride;
        int padTop = Math.max((oh - 1) * stride + k - x.h(), 0) / 2, padLeft = Math.max((ow - 1) * stride + k - x.w(), 0) / 2;
        byte[] y = new byte[oh * ow * x.c()];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int c = 0; c < x.c(); c++) {
                    int best = Integer.MIN_VALUE;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = oy * stride - padTop + ky, ix = ox * stride - padLeft + kx;
                            if (iy >= 0 && iy < x.h() && ix >= 0 && ix < x.w()) best = Math.max(best, x.at(iy, ix, c));
                        }
                    }
                    y[(oy * ow + ox) * x.c() + c] = (byte) best;
                }
            }
        }
        return new Map(oh, ow, x.c(), y, x.zp());
    }

    private static byte requant(long acc, double realScale, int outZp, int actMin, int actMax) {
        TfliteQuantParams.Multiplier m = TfliteQuantParams.quantizeMultiplier(realScale);
        long v = (long) TfliteRequant.multiplyByQuantizedMultiplier(Math.toIntExact(acc), m.multiplier(), m.shift()) + outZp;
        return (byte) Math.max(actMin, Math.min(actMax, v));
    }
}
