package org.jdpu.compiler.net;

import java.util.Locale;

/**
 * The DDR regions a compiled network addresses, by base-address register number. Every LOAD and
 * SAVE names a region and an offset inside it, so a program runs wherever the host puts them.
 */
public enum Region {
    /** Weights and biases, in the order the LOADs read them. */
    PARAMS(0),
    /** Intermediate feature maps; a buffer is reused once every LOAD that reads it is done. */
    WORKSPACE(1),
    /** The network input (channel-augmented when the first layer is). */
    INPUT(2),
    /** The last layer's output. */
    OUTPUT(3);

    private final int number;

    Region(int number) {
        this.number = number;
    }

    /** The REGION field value and base-address register index. */
    public int number() {
        return number;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The region with this number, or null. */
    public static Region ofNumber(int n) {
        for (Region r : values()) {
            if (r.number == n) return r;
        }
        return null;
    }
}
