package org.jdpu.tensor;

import java.util.Arrays;

/**
 * Real values in C order with their shape: a model's float input or output at the network's edge,
 * or calibration images. Not a {@link Tensor}: the golden model and the engine compute on integers only.
 */
public record Float32Array(int[] shape, float[] data) {
    public Float32Array {
        shape = shape.clone();
        if (Shapes.elementCount(shape) != data.length) {
            throw new IllegalArgumentException("data has " + data.length + " elements but shape " + Shapes.format(shape)
                    + " needs " + Shapes.elementCount(shape));
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return data.length;
    }

    /** {@code float32[1, 10]}. */
    public String describe() {
        return "float32" + Shapes.format(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float32Array a && Arrays.equals(a.shape, shape) && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return describe();
    }
}
