package org.jdpu.arch;

/**
 * The values of REQUANT_MODE on a {@code +tflite} engine: which requantisation a run's sums get.
 * {@link #ADD_OPERAND} is the first stage of TFLite's int8 add: each operand, rescaled with its own
 * rounding, is summed into the partial-sum bank, and a {@link #MULTIPLIER} run rescales the total.
 */
public enum RequantMode {
    /** The shift-mode post-processor (0 after reset). */
    SHIFT(0),
    /** TFLite's MultiplyByQuantizedMultiplier of {@code sum + bias (+ kept sum)}, output zero point, clamp. */
    MULTIPLIER(1),
    /**
     * {@code RoundingDivideByPOT(SaturatingRoundingDoublingHighMul((sum + bias) << 20, m), max(-shift, 0))}
     * plus the kept sum with PSUM_MODE bit 0, written back to the partial-sum bank with PSUM_MODE bit 1.
     */
    ADD_OPERAND(2);

    /** TFLite's fixed left shift of an int8 add operand before its rescale. */
    public static final int ADD_OPERAND_LEFT_SHIFT = 20;

    /** The register value. */
    public final int code;

    RequantMode(int code) {
        this.code = code;
    }
}
