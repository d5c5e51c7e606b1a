package org.jdpu.arch;

/** The buffers the load port writes, by their {@code ld_sel} code. */
public enum LoadTarget {
    ACTIVATIONS(0), WEIGHTS(1), BIAS(2);

    /** Width of {@code ld_sel}. */
    public static final int BITS = 2;

    private final int code;

    LoadTarget(int code) {
        this.code = code;
    }

    /** The value on {@code ld_sel}. */
    public int code() {
        return code;
    }
}
