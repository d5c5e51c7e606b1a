package org.jdpu.tensor;

import java.util.Arrays;

/** Shape arithmetic shared by every tensor type: element counts, C-order offsets, printing. */
public final class Shapes {
    private Shapes() {}

    /** Largest rank a tensor may have; the project needs at most 4. */
    public static final int MAX_RANK = 8;

    /** Most elements one tensor holds: the largest Java array the JVM reliably allocates. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * Number of elements of {@code shape} (non-negative dimensions) without the array limit, saturating
     * at {@link Long#MAX_VALUE}, for checking a shape before allocating it.
     */
    public static long elementCountUnchecked(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d != 0 && n > Long.MAX_VALUE / d) return Long.MAX_VALUE;
            n *= d;
        }
        return n;
    }

    /**
     * Number of elements of {@code shape}.
     *
     * @throws IllegalArgumentException if a dimension is negative or the count exceeds an int array
     */
    public static int elementCount(int[] shape) {
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("rank " + shape.length + " exceeds the maximum " + MAX_RANK);
        }
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + format(shape));
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + format(shape) + " has too many elements");
            }
        }
        return (int) n;
    }

    /** Flat C-order (row-major) offset of {@code idx} in a tensor of {@code shape}. */
    public static int offset(int[] shape, int... idx) {
        if (idx.length != shape.length) {
            throw new IndexOutOfBoundsException("index of rank " + idx.length + " into shape " + format(shape));
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            if (idx[i] < 0 || idx[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " outside shape " + format(shape));
            }
            off = off * shape[i] + idx[i];
        }
        return off;
    }

    /** {@code [1, 56, 56, 64]}. */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }
}
