package org.jdpu.spec;

/**
 * The sliding window of a convolution or pool: kernel {@code kh x kw}, stride {@code sh, sw},
 * dilation {@code dh, dw} and padding. Output row {@code oy} reads input rows
 * {@code oy*sh - padding.top + ky*dh} for {@code ky} in {@code 0..kh-1}; taps outside the image read nothing.
 */
public record Window(int kh, int kw, int sh, int sw, int dh, int dw, Padding padding) {

    /** Output rows for an input of height {@code h}: {@code floor((h + top + bottom - (kh-1)*dh - 1) / sh) + 1}. */
    public int outputHeight(int h) {
        return outputSize(h, padding.top() + padding.bottom(), kh, sh, dh);
    }

    /** Output columns for an input of width {@code w}. */
    public int outputWidth(int w) {
        return outputSize(w, padding.left() + padding.right(), kw, sw, dw);
    }

    /** Kernel taps per output channel and input channel: {@code kh * kw}. */
    public int taps() {
        return kh * kw;
    }

    private static int outputSize(int in, int pad, int k, int s, int d) {
        int span = in + pad - (k - 1) * d - 1;
        return span < 0 ? 0 : span / s + 1;
    }
}
