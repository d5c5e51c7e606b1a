package org.jdpu.tensor;

import java.util.Arrays;

/** Shape bookkeeping, value equality and printing shared by the tensor types. */
abstract sealed class ShapedArray permits Int8Tensor, UInt8Tensor, Int32Tensor {
    private final int[] shape;
    private final int size;

    ShapedArray(int[] shape, int dataLength) {
        this.shape = shape.clone();
        this.size = Shapes.elementCount(this.shape);
        if (dataLength != size) {
            throw new IllegalArgumentException("data has " + dataLength + " elements but shape "
                    + Shapes.format(shape) + " needs " + size);
        }
    }

    public final int[] shape() {
        return shape.clone();
    }

    public final int rank() {
        return shape.length;
    }

    /** Dimension {@code axis} without copying the shape. */
    public final int dim(int axis) {
        return shape[axis];
    }

    public final int size() {
        return size;
    }

    final int offsetOf(int[] idx) {
        return Shapes.offset(shape, idx);
    }

    abstract int intAt(int flat);

    abstract DType dtype();

    @Override
    public final boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ShapedArray other) || other.dtype() != dtype() || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (intAt(i) != other.intAt(i)) return false;
        }
        return true;
    }

    @Override
    public final int hashCode() {
        int h = 31 * dtype().hashCode() + Arrays.hashCode(shape);
        for (int i = 0; i < size; i++) h = 31 * h + intAt(i);
        return h;
    }

    @Override
    public final String toString() {
        StringBuilder sb = new StringBuilder(dtype() + Shapes.format(shape) + " {");
        int shown = Math.min(size, 16);
        for (int i = 0; i < shown; i++) sb.append(i == 0 ? "" : ", ").append(intAt(i));
        return sb.append(size > shown ? ", ...}" : "}").toString();
    }
}
