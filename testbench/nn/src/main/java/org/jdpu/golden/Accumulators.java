package org.jdpu.golden;

import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Window;

import java.util.Arrays;

/**
 * The exact int32 sums {@code sum((x - zp_in) * (w - zp_w))} of convolutions and dense layers, over the taps that fall
 * inside the image (taps outside contribute nothing), without bias. Output is NHWC, C order.
 *
 * <p>Written for speed: zero points are subtracted once into int arrays, each output row and column
 * computes its in-image kernel range once, and the innermost loop runs over contiguous memory (for
 * conv2d with dilation 1, a whole kernel row times all input channels at once). Where that row is
 * short (a first layer on one grey channel), the loop runs over the output channels instead, which
 * the JIT vectorises as well. Weights are widened once per thread and tensor ({@link WidenedWeights}).
 */
final class Accumulators {
    private Accumulators() {}

    /** Receives the sums of output row {@code oy}, [OW, OC] in C order, in an array reused for the next row. */
    @FunctionalInterface
    interface RowSink {
        void row(int oy, int[] sums);
    }

    static int[] conv2d(Conv2dSpec spec, byte[] x, int zpIn, byte[] w, int zpW) {
        int rowLen = spec.outputWidth() * spec.outputChannels();
        int[] out = new int[spec.outputHeight() * rowLen];
        conv2dRows(spec, x, zpIn, w, zpW, (oy, sums) -> System.arraycopy(sums, 0, out, oy * rowLen, rowLen));
        return out;
    }

    /**
     * The sums row by row, so that a caller that requantises them needs one row of int32 at a
     * time instead of the whole output's (four times the int8 output).
     */
    static void conv2dRows(Conv2dSpec spec, byte[] x, int zpIn, byte[] w, int zpW, RowSink sink) {
        Window win = spec.window();
        if (win.dw() == 1 && win.kw() * spec.input().c() < SHORT_ROW) {
            conv2dRowsChannelsLast(spec, x, zpIn, w, zpW, sink);
            return;
        }
        FeatureShape in = spec.input();
        int H = in.h(), W = in.w(), C = in.c();
        int KH = win.kh(), KW = win.kw(), SH = win.sh(), SW = win.sw(), DH = win.dh(), DW = win.dw();
        int OH = spec.outputHeight(), OW = spec.outputWidth(), OC = spec.outputChannels();
        int[] xs = offset(x, zpIn);
        int[] ws = WidenedWeights.of(w, zpW, WidenedWeights.Order.AS_STORED, OC);
        int[] out = new int[OW * OC];
        int rowLen = KW * C;
        for (int oy = 0; oy < OH; oy++) {
            int iy0 = oy * SH - win.padding().top();
            int kyLo = firstTap(iy0, DH);
            int kyHi = endTap(iy0, DH, H, KH);
            for (int ox = 0; ox < OW; ox++) {
                int ix0 = ox * SW - win.padding().left();
                int kxLo = firstTap(ix0, DW);
                int kxHi = endTap(ix0, DW, W, KW);
                int o = ox * OC;
                for (int oc = 0; oc < OC; oc++) {
                    int wOc = oc * KH * rowLen;
                    int acc = 0;
                    for (int ky = kyLo; ky < kyHi; ky++) {
                        int xRow = ((iy0 + ky * DH) * W) * C;
                        int wRow = wOc + ky * rowLen;
                        if (DW == 1) {
                            acc += dot(xs, xRow + (ix0 + kxLo) * C, ws, wRow + kxLo * C, (kxHi - kxLo) * C);
                        } else {
                            for (int kx = kxLo; kx < kxHi; kx++) {
                                acc += dot(xs, xRow + (ix0 + kx * DW) * C, ws, wRow + kx * C, C);
                            }
                        }
                    }
                    out[o + oc] = acc;
                }
            }
            sink.row(oy, out);
        }
    }

    /** Below this many values per kernel row (KW x C) a dot product is too short to run fast. */
    static final int SHORT_ROW = 16;

    /**
     * The same sums as {@link #conv2dRows} for dilation-1 layers with short kernel rows: per output
     * pixel, each in-image tap's input value times the tap's weights of all output channels at once.
     */
    private static void conv2dRowsChannelsLast(Conv2dSpec spec, byte[] x, int zpIn, byte[] w, int zpW, RowSink sink) {
        FeatureShape in = spec.input();
        Window win = spec.window();
        int H = in.h(), W = in.w(), C = in.c();
        int KH = win.kh(), KW = win.kw(), SH = win.sh(), SW = win.sw(), DH = win.dh();
        int OH = spec.outputHeight(), OW = spec.outputWidth(), OC = spec.outputChannels();
        int[] xs = offset(x, zpIn);
        int[] ws = WidenedWeights.of(w, zpW, WidenedWeights.Order.CHANNELS_LAST, OC);
        int[] out = new int[OW * OC];
        for (int oy = 0; oy < OH; oy++) {
            int iy0 = oy * SH - win.padding().top();
            int kyLo = firstTap(iy0, DH);
            int kyHi = endTap(iy0, DH, H, KH);
            Arrays.fill(out, 0);
            for (int ox = 0; ox < OW; ox++) {
                int ix0 = ox * SW - win.padding().left();
                int kxLo = firstTap(ix0, 1);
                int kxHi = endTap(ix0, 1, W, KW);
                int o = ox * OC;
                for (int ky = kyLo; ky < kyHi; ky++) {
                    int xRow = ((iy0 + ky * DH) * W + ix0) * C;
                    int wRow = ky * KW * C;
                    for (int t = kxLo * C; t < kxHi * C; t++) {
                        int xv = xs[xRow + t];
                        if (xv == 0) continue;
                        int wp = (wRow + t) * OC;
                        for (int oc = 0; oc < OC; oc++) out[o + oc] += xv * ws[wp + oc];
                    }
                }
            }
            sink.row(oy, out);
        }
    }

    static int[] depthwise(DepthwiseConv2dSpec spec, byte[] x, int zpIn, byte[] w, int zpW) {
        FeatureShape in = spec.input();
        Window win = spec.window();
        int H = in.h(), W = in.w(), C = in.c(), M = spec.depthMultiplier();
        int KH = win.kh(), KW = win.kw(), SH = win.sh(), SW = win.sw(), DH = win.dh(), DW = win.dw();
        int OH = spec.outputHeight(), OW = spec.outputWidth(), OC = C * M;
        int[] xs = offset(x, zpIn);
        int[] ws = WidenedWeights.of(w, zpW, WidenedWeights.Order.AS_STORED, OC);
        int[] out = new int[OH * OW * OC];
        for (int oy = 0; oy < OH; oy++) {
            int iy0 = oy * SH - win.padding().top();
            int kyLo = firstTap(iy0, DH);
            int kyHi = endTap(iy0, DH, H, KH);
            for (int ox = 0; ox < OW; ox++) {
                int ix0 = ox * SW - win.padding().left();
                int kxLo = firstTap(ix0, DW);
                int kxHi = endTap(ix0, DW, W, KW);
                int o = (oy * OW + ox) * OC;
                for (int ky = kyLo; ky < kyHi; ky++) {
                    for (int kx = kxLo; kx < kxHi; kx++) {
                        int xp = ((iy0 + ky * DH) * W + ix0 + kx * DW) * C;
                        int wp = (ky * KW + kx) * OC;
                        if (M == 1) {
                            for (int c = 0; c < C; c++) out[o + c] += xs[xp + c] * ws[wp + c];
                        } else {
                            for (int c = 0; c < C; c++) {
                                int xv = xs[xp + c];
                                int base = c * M;
                                for (int m = 0; m < M; m++) out[o + base + m] += xv * ws[wp + base + m];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The {@code output_channels} sums of a dense layer: each a dot product of the flattened input with one weight row. */
    static int[] dense(DenseSpec spec, byte[] x, int zpIn, byte[] w, int zpW) {
        int n = spec.inputFeatures();
        int[] xs = offset(x, zpIn);
        int[] ws = WidenedWeights.of(w, zpW, WidenedWeights.Order.AS_STORED, spec.outputChannels());
        int[] out = new int[spec.outputChannels()];
        for (int o = 0; o < out.length; o++) out[o] = dot(xs, 0, ws, o * n, n);
        return out;
    }

    /** First kernel tap whose input coordinate {@code origin + k*d} is >= 0. */
    static int firstTap(int origin, int d) {
        return origin >= 0 ? 0 : (-origin + d - 1) / d;
    }

    /** One past the last kernel tap (at most {@code k}) whose input coordinate is < {@code size}. */
    static int endTap(int origin, int d, int size, int k) {
        if (origin >= size) return 0;
        return Math.min(k, (size - origin + d - 1) / d);
    }

    private static int dot(int[] a, int aOff, int[] b, int bOff, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) s += a[aOff + i] * b[bOff + i];
        return s;
    }

    private static int[] offset(byte[] v, int zeroPoint) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] - zeroPoint;
        return out;
    }
}
