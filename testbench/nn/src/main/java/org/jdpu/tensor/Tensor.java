package org.jdpu.tensor;

/**
 * An n-dimensional array of integers stored flat in C (row-major) order. Activations are NHWC with
 * N = 1, weights OHWI (depthwise {@code [1,KH,KW,C*M]}), biases {@code [O]} int32.
 *
 * <p>Tensors expose their backing arrays for speed; treat them as values and do not modify a tensor
 * that someone else may still read.
 */
public sealed interface Tensor permits Int8Tensor, UInt8Tensor, Int32Tensor {

    /** A copy of the dimensions. */
    int[] shape();

    DType dtype();

    /** Number of elements. */
    int size();

    /** The element at flat C-order position {@code flat}, widened to int. */
    int intAt(int flat);

    default int rank() {
        return shape().length;
    }

    /** The element at {@code idx}, widened to int. */
    default int getInt(int... idx) {
        return intAt(Shapes.offset(shape(), idx));
    }

    /** {@code int8[1, 56, 56, 64]}. */
    default String describe() {
        return dtype() + Shapes.format(shape());
    }
}
