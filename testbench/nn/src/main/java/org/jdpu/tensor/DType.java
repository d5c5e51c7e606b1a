package org.jdpu.tensor;

/** The element types a {@link Tensor} can hold, with their NumPy {@code descr} spelling. */
public enum DType {
    INT8("|i1", 1, "int8"),
    UINT8("|u1", 1, "uint8"),
    INT32("<i4", 4, "int32");

    private final String descr;
    private final int itemSize;
    private final String displayName;

    DType(String descr, int itemSize, String displayName) {
        this.descr = descr;
        this.itemSize = itemSize;
        this.displayName = displayName;
    }

    /** The NumPy type string written to {@code .npy} headers, e.g. {@code <i4}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
