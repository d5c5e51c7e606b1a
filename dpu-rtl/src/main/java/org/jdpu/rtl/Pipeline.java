package org.jdpu.rtl;

/**
 * Pipeline depths of the engine, shared by the generator (which builds exactly these stages) and
 * the cycle model (which adds them up). Changing a stage in the hardware means changing it here.
 */
public final class Pipeline {
    private Pipeline() {}

    /**
     * Cycles from the sequencer issuing a step to its operands sitting in the first processing
     * element: address arithmetic, bank addressing, the RAM read, lane rotation and padding.
     */
    public static final int FRONT = 4;
    /** Cycles inside a processing element: the product register, then the accumulator. */
    public static final int PE = 2;
    /** Cycles of the post-processing unit: bias alignment, activation, rounding and saturation. */
    public static final int POST = 3;
}
