package org.jdpu.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shapes, C-order indexing and value equality of the tensor types. */
class TensorTest {
    @Test
    void indexesInCOrder() {
        Int8Tensor t = Int8Tensor.zeros(1, 2, 3, 4);
        t.set(-5, 0, 1, 2, 3);
        assertEquals(-5, t.data()[23]);
        t.set(7, 0, 0, 1, 2);
        assertEquals(7, t.data()[1 * 4 + 2]);
        assertEquals(7, t.getInt(0, 0, 1, 2));
        assertEquals(24, t.size());
        assertEquals(4, t.rank());
        assertEquals("int8[1, 2, 3, 4]", t.describe());
    }

    @Test
    void rejectsBadIndicesValuesAndShapes() {
        Int8Tensor t = Int8Tensor.zeros(2, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(0));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(0, -1));
        assertThrows(IllegalArgumentException.class, () -> t.set(128, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Int8Tensor.of(new int[] {1}, -129));
        assertThrows(IllegalArgumentException.class, () -> new Int8Tensor(new int[] {2, 2}, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new Int32Tensor(new int[] {-1}, new int[0]));
    }

    @Test
    void equalityIsByTypeShapeAndValues() {
        assertEquals(Int8Tensor.of(new int[] {2}, 1, 2), Int8Tensor.of(new int[] {2}, 1, 2));
        assertEquals(Int8Tensor.of(new int[] {2}, 1, 2).hashCode(), Int8Tensor.of(new int[] {2}, 1, 2).hashCode());
        assertNotEquals(Int8Tensor.of(new int[] {2}, 1, 2), Int8Tensor.of(new int[] {1, 2}, 1, 2));
        assertNotEquals(Int8Tensor.of(new int[] {2}, 1, 2), new Int32Tensor(new int[] {2}, new int[] {1, 2}));
        assertNotEquals(Int8Tensor.of(new int[] {2}, 1, 2), Int8Tensor.of(new int[] {2}, 1, 3));
        assertNotEquals(new UInt8Tensor(new int[] {1}, new byte[] {-1}), Int8Tensor.of(new int[] {1}, -1));
    }

    @Test
    void uint8ReadsUnsigned() {
        UInt8Tensor u = new UInt8Tensor(new int[] {2}, new byte[] {(byte) 200, 3});
        assertEquals(200, u.get(0));
        assertEquals(200, u.intAt(0));
    }

    @Test
    void shapeIsACopy() {
        Int32Tensor t = Int32Tensor.zeros(2, 3);
        int[] s = t.shape();
        s[0] = 9;
        assertArrayEquals(new int[] {2, 3}, t.shape());
    }
}
