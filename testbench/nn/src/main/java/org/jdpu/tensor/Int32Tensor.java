package org.jdpu.tensor;

/** A signed 32-bit tensor: biases and the raw accumulators of requantisation mode {@code none}. */
public final class Int32Tensor extends ShapedArray implements Tensor {
    private final int[] data;

    /** Wraps {@code data} (not copied) as a tensor of {@code shape}. */
    public Int32Tensor(int[] shape, int[] data) {
        super(shape, data.length);
        this.data = data;
    }

    public static Int32Tensor zeros(int... shape) {
        return new Int32Tensor(shape, new int[Shapes.elementCount(shape)]);
    }

    /** The backing array, C order; writes go through to the tensor. */
    public int[] data() {
        return data;
    }

    public int get(int... idx) {
        return data[offsetOf(idx)];
    }

    public void set(int value, int... idx) {
        data[offsetOf(idx)] = value;
    }

    @Override
    public int intAt(int flat) {
        return data[flat];
    }

    @Override
    public DType dtype() {
        return DType.INT32;
    }
}
