package org.jdpu.importer.tflite;

import org.jdpu.importer.tflite.TfliteModel.Operator;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;

/**
 * TFLite's SAME and VALID padding as the spec's explicit padding: SAME gives {@code ceil(in/stride)}
 * outputs and puts the odd pixel of the total padding at the bottom and the right, as TFLite's
 * {@code ComputePaddingHeightWidth} does (its kernels use only the top and left offsets).
 */
final class TflitePadding {
    private TflitePadding() {}

    static Padding of(Operator op, BuiltinOptions.Padding padding, FeatureShape in, int kh, int kw,
                      int sh, int sw, int dh, int dw) {
        return switch (padding) {
            case VALID -> Padding.NONE;
            case SAME -> {
                if (sh < 1 || sw < 1 || dh < 1 || dw < 1) throw TfliteRefusal.of(op, "has a stride or dilation below 1");
                int th = total(in.h(), kh, sh, dh), tw = total(in.w(), kw, sw, dw);
                yield new Padding(th / 2, tw / 2, th - th / 2, tw - tw / 2);
            }
            case UNKNOWN -> throw TfliteRefusal.of(op, "has an unknown padding type");
        };
    }

    static Padding plus(Padding a, Padding b) {
        return new Padding(a.top() + b.top(), a.left() + b.left(), a.bottom() + b.bottom(), a.right() + b.right());
    }

    private static int total(int size, int k, int stride, int dilation) {
        int out = (size + stride - 1) / stride;
        return Math.max((out - 1) * stride + (k - 1) * dilation + 1 - size, 0);
    }
}
