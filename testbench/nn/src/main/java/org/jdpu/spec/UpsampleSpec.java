package org.jdpu.spec;

/**
 * Nearest-neighbour upsampling by integer factors (the YOLO and pose heads' 2x): output pixel
 * {@code (y, x)} copies input pixel {@code (y / factorH, x / factorW)}. Values are copied, so the fix
 * point or zero point is unchanged and there is no activation.
 */
public record UpsampleSpec(FeatureShape input, int factorH, int factorW) implements LayerSpec {
    public String op() {
        return "upsample";
    }

    public int outputChannels() {
        return input.c();
    }

    public int outputHeight() {
        return input.h() * factorH;
    }

    public int outputWidth() {
        return input.w() * factorW;
    }

    public Activation activation() {
        return Activation.NONE;
    }
}
