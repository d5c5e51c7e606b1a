package org.jdpu.compiler;

/**
 * How the driver maps a convolution onto the engine: as written ({@link #DIRECT}), or with
 * {@link ChannelAugmentation} folding the kernel columns into the input channels so that a layer
 * with few input channels fills the ICP lanes.
 */
public enum Lowering {
    DIRECT, AUGMENTED;

    /** The name printed in results ({@code lowering=augmented}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Which lowerings the driver may choose from. */
    public enum Policy {
        /** The lowering the cycle model predicts to be fastest among those that fit the engine. */
        FASTEST,
        /** Always {@link #DIRECT}: the layer exactly as written, for comparison. */
        DIRECT_ONLY
    }
}
