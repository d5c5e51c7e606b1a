package org.jdpu.spec;

/**
 * Elementwise addition of two int8 tensors of the same shape, in {@code shift} mode: input A has fix
 * point {@code fpInput}, input B {@code fpInputB}, the sum is rounded to {@code fpOutput}.
 */
public record AddSpec(FeatureShape input, AddQuant quant, Activation activation) implements LayerSpec {

    /** Fix points of the two inputs and of the output. */
    public record AddQuant(int fpInput, int fpInputB, int fpOutput) {
        public String mode() {
            return "shift";
        }
    }

    public String op() {
        return "add";
    }

    public int outputChannels() {
        return input.c();
    }

    public int outputHeight() {
        return input.h();
    }

    public int outputWidth() {
        return input.w();
    }
}
