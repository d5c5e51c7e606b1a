package org.jdpu.arch;

/** The activation functions the post-processing unit applies before rounding, with their register codes. */
public enum ActivationKind {
    NONE(0), RELU(1), RELU6(2), LEAKY_RELU(3);

    /** Value of the ACTIVATION register. */
    public final int code;

    ActivationKind(int code) {
        this.code = code;
    }

    /** The leaky-ReLU slope is LEAKY_NUMERATOR / 2^LEAKY_SHIFT = 26/256, as in the DPU reference. */
    public static final int LEAKY_NUMERATOR = 26, LEAKY_SHIFT = 8;
}
