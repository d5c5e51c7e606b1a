package org.jdpu.tensor;

/**
 * An unsigned 8-bit tensor, as some external formats store activations and weights (read-only use:
 * the engine and golden model compute on {@link Int8Tensor}).
 */
public final class UInt8Tensor extends ShapedArray implements Tensor {
    private final byte[] data;

    /** Wraps {@code data} (raw bytes, not copied) as a tensor of {@code shape}. */
    public UInt8Tensor(int[] shape, byte[] data) {
        super(shape, data.length);
        this.data = data;
    }

    /** The raw bytes, C order; read element i as {@code data()[i] & 0xff}. */
    public byte[] data() {
        return data;
    }

    public int get(int... idx) {
        return data[offsetOf(idx)] & 0xff;
    }

    @Override
    public int intAt(int flat) {
        return data[flat] & 0xff;
    }

    @Override
    public DType dtype() {
        return DType.UINT8;
    }
}
