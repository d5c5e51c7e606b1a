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

    /** AVERAGE_POOL_2D, SAME: the sum of the in-image taps over their count, ties away from zero. */
    static Map avgPoolSame(Map x, int k, int stride) {
        int oh = (x.h() + stride - 1) / stride, ow = (x.w() + stride - 1) / stride;
        int padTop = Math.max((oh - 1) * stride + k - x.h(), 0) / 2, padLeft = Math.max((ow - 1) * stride + k - x.w(), 0) / 2;
        byte[] y = new byte[oh * ow * x.c()];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int c = 0; c < x.c(); c++) {
                    int sum = 0, count = 0;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = oy * stride - padTop + ky, ix = ox * stride - padLeft + kx;
                            if (iy >= 0 && iy < x.h() && ix >= 0 && ix < x.w()) {
                                sum += x.at(iy, ix, c);
                                count++;
                            }
                        }
                    }
                    y[(oy * ow + ox) * x.c() + c] = (byte) (sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count);
                }
            }
        }
        return new Map(oh, ow, x.c(), y, x.zp());
    }

    /** ADD of two maps of one shape: each rescaled after a left shift of 20, the sum rescaled to the output. */
    static Map add(Map a, float scaleA, Map b, float scaleB, float scaleOut, int outZp, int actMin, int actMax) {
        double twiceMax = 2 * (double) Math.max(scaleA, scaleB);
        org.jdpu.spec.QuantizedMultiplier ma = org.jdpu.spec.QuantizedMultiplier.of(scaleA / twiceMax);
        org.jdpu.spec.QuantizedMultiplier mb = org.jdpu.spec.QuantizedMultiplier.of(scaleB / twiceMax);
        org.jdpu.spec.QuantizedMultiplier mo = org.jdpu.spec.QuantizedMultiplier.of(twiceMax / ((1 << 20) * (double) scaleOut));
        byte[] y = new byte[a.v().length];
        for (int i = 0; i < y.length; i++) {
            int sa = TfliteRequant.multiplyByQuantizedMultiplier((a.v()[i] - a.zp()) << 20, ma.multiplier(), ma.shift());
            int sb = TfliteRequant.multiplyByQuantizedMultiplier((b.v()[i] - b.zp()) << 20, mb.multiplier(), mb.shift());
            long v = (long) TfliteRequant.multiplyByQuantizedMultiplier(sa + sb, mo.multiplier(), mo.shift()) + outZp;
            y[i] = (byte) Math.max(actMin, Math.min(actMax, v));
        }
        return new Map(a.h(), a.w(), a.c(), y, outZp);
    }

    /**
     * MEAN over height and width: the sum of {@code x - zp} times the input-over-output multiplier
     * folded with {@code 1/n} (TFLite's {@code QuantizedMeanOrSum}: {@code 2^k/n} with
     * {@code k = min(floor(log2 n), 32, 31 + shift)}).
     */
    static Map mean(Map x, float scaleIn, float scaleOut, int outZp) {
        org.jdpu.spec.QuantizedMultiplier m = org.jdpu.spec.QuantizedMultiplier.of((double) scaleIn / scaleOut);
        long n = (long) x.h() * x.w();
        int k = Math.min(Math.min(63 - Long.numberOfLeadingZeros(n), 32), 31 + m.shift());
        int multiplier = (int) (((long) m.multiplier() << k) / n);
        byte[] y = new byte[x.c()];
        for (int c = 0; c < x.c(); c++) {
            int sum = 0;
            for (int p = 0; p < n; p++) sum += x.v()[p * x.c() + c] - x.zp();
            long v = (long) TfliteRequant.multiplyByQuantizedMultiplier(sum, multiplier, m.shift() - k) + outZp;
            y[c] = (byte) Math.max(-128, Math.min(127, v));
        }
        return new Map(1, 1, x.c(), y, outZp);
    }

    private static byte requant(long acc, double realScale, int outZp, int actMin, int actMax) {
        org.jdpu.spec.QuantizedMultiplier m = org.jdpu.spec.QuantizedMultiplier.of(realScale);
        long v = (long) TfliteRequant.multiplyByQuantizedMultiplier(Math.toIntExact(acc), m.multiplier(), m.shift()) + outZp;
        return (byte) Math.max(actMin, Math.min(actMax, v));
    }
}
