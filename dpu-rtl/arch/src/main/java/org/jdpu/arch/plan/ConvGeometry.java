package org.jdpu.arch.plan;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;

/**
 * The shape of one conv2d layer (groups 1) as the engine sees it: input H x W x C, output
 * channels, kernel, stride, dilation and padding (top, left, bottom, right). No tensors, no
 * quantisation; enough to plan the layer onto a configuration and predict its cycles.
 */
public record ConvGeometry(int inH, int inW, int inC, int outC,
                           int kh, int kw, int sh, int sw, int dh, int dw,
                           int padTop, int padLeft, int padBottom, int padRight) {

    /** Kernel sizes and strides the address generator supports in each dimension. */
    public static final int MAX_KERNEL = org.jdpu.arch.EngineWidths.MAX_KERNEL, MAX_STRIDE = 8;

    public ConvGeometry {
        positive("input height", inH);
        positive("input width", inW);
        positive("input channels", inC);
        positive("output channels", outC);
        positive("dilation", dh);
        positive("dilation", dw);
        if (kh < 1 || kw < 1 || kh > MAX_KERNEL || kw > MAX_KERNEL) {
            throw new UnsupportedByEngineException("kernel " + kh + "x" + kw + ": the engine supports 1.."
                    + MAX_KERNEL + " in each dimension");
        }
        if (sh < 1 || sw < 1 || sh > MAX_STRIDE || sw > MAX_STRIDE) {
            throw new UnsupportedByEngineException("stride " + sh + "x" + sw + ": the engine supports 1.."
                    + MAX_STRIDE + " in each dimension");
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("padding must not be negative");
        }
        if (outSize(inH, padTop + padBottom, kh, sh, dh) < 1 || outSize(inW, padLeft + padRight, kw, sw, dw) < 1) {
            throw new IllegalArgumentException("the padded input is smaller than the dilated kernel");
        }
    }

    /** Square kernel, same stride, no dilation, symmetric padding: the common case in tests. */
    public static ConvGeometry square(int h, int w, int c, int oc, int k, int stride, int pad) {
        return new ConvGeometry(h, w, c, oc, k, k, stride, stride, 1, 1, pad, pad, pad, pad);
    }

    public int outH() {
        return outSize(inH, padTop + padBottom, kh, sh, dh);
    }

    public int outW() {
        return outSize(inW, padLeft + padRight, kw, sw, dw);
    }

    private static int outSize(int in, int pad, int k, int s, int d) {
        return Math.floorDiv(in + pad - ((k - 1) * d + 1), s) + 1;
    }

    /** Multiply-accumulates of the layer (every tap counted, padding included, as a DPU does). */
    public long macs() {
        return (long) outH() * outW() * outC * kh * kw * inC;
    }

    public int icGroups(DpuConfig c) {
        return ceilDiv(inC, c.icp());
    }

    public int ocGroups(DpuConfig c) {
        return ceilDiv(outC, c.ocp());
    }

    /** Reduction steps of one output tile: every kernel tap times every input-channel group. */
    public int stepsPerTile(DpuConfig c) {
        return kh * kw * icGroups(c);
    }

    /** Input rows that output rows [oy0, oy1) read, clipped to the image: {first, end}. */
    public int[] inputRows(int oy0, int oy1) {
        int first = Math.max(0, oy0 * sh - padTop);
        int end = Math.min(inH, (oy1 - 1) * sh - padTop + (kh - 1) * dh + 1);
        return new int[] {first, Math.max(first, end)};
    }

    /** Input columns that output columns [ox0, ox1) read, clipped to the image: {first, end}. */
    public int[] inputCols(int ox0, int ox1) {
        int first = Math.max(0, ox0 * sw - padLeft);
        int end = Math.min(inW, (ox1 - 1) * sw - padLeft + (kw - 1) * dw + 1);
        return new int[] {first, Math.max(first, end)};
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static void positive(String what, int v) {
        if (v < 1) throw new IllegalArgumentException(what + " must be positive, got " + v);
    }
}
