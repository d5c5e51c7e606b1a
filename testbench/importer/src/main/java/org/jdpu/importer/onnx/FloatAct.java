package org.jdpu.importer.onnx;

import org.jdpu.spec.Activation;

/**
 * An activation fused into a float layer. The float reference applies the model's own function;
 * the network uses the matching {@link Activation} (LeakyRelu with the DPU's fixed slope 26/256).
 */
public enum FloatAct {
    NONE, RELU, RELU6, LEAKY_RELU;

    /** Slope of the DPU's leaky ReLU; the importer accepts models whose alpha is within 0.01 of it. */
    public static final float DPU_LEAKY_SLOPE = 26f / 256f;

    float apply(float v, float alpha) {
        return switch (this) {
            case NONE -> v;
            case RELU -> Math.max(v, 0f);
            case RELU6 -> Math.min(Math.max(v, 0f), 6f);
            case LEAKY_RELU -> v < 0 ? v * alpha : v;
        };
    }

    Activation spec() {
        return switch (this) {
            case NONE -> Activation.NONE;
            case RELU -> Activation.RELU;
            case RELU6 -> Activation.RELU6;
            case LEAKY_RELU -> Activation.LEAKY_RELU;
        };
    }
}
