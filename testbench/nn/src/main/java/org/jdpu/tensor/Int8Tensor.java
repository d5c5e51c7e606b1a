package org.jdpu.tensor;

/** A signed 8-bit tensor: activations, weights and requantised outputs. */
public final class Int8Tensor extends ShapedArray implements Tensor {
    private final byte[] data;

    /** Wraps {@code data} (not copied) as a tensor of {@code shape}. */
    public Int8Tensor(int[] shape, byte[] data) {
        super(shape, data.length);
        this.data = data;
    }

    public static Int8Tensor zeros(int... shape) {
        return new Int8Tensor(shape, new byte[Shapes.elementCount(shape)]);
    }

    /** A tensor from int values, each of which must fit in int8. */
    public static Int8Tensor of(int[] shape, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < Byte.MIN_VALUE || values[i] > Byte.MAX_VALUE) {
                throw new IllegalArgumentException("value " + values[i] + " at " + i + " does not fit in int8");
            }
            b[i] = (byte) values[i];
        }
        return new Int8Tensor(shape, b);
    }

    /** The backing array, C order; writes go through to the tensor. */
    public byte[] data() {
        return data;
    }

    public byte get(int... idx) {
        return data[offsetOf(idx)];
    }

    /** Stores {@code value}, which must be in -128..127. */
    public void set(int value, int... idx) {
        if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("value " + value + " does not fit in int8");
        }
        data[offsetOf(idx)] = (byte) value;
    }

    @Override
    public int intAt(int flat) {
        return data[flat];
    }

    @Override
    public DType dtype() {
        return DType.INT8;
    }
}
