package org.jdpu.importer.edge;

import org.jdpu.io.UserError;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.UInt8Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeConversionTest {
    @TempDir
    Path dir;

    private static final EdgeTensor NCHW = new EdgeTensor("x", "input", new int[] {1, 2, 2, 3}, EdgeLayout.NCHW,
            EdgeDType.FLOAT32, new EdgeQuant.FixPoint(2));

    @Test
    void quantizesWithRoundHalfUpAndSaturatesThenPermutesToNhwc() {
        // fix point 2: real v -> floor(4v + 1/2); channel 0 then channel 1, each 2x3 row-major
        float[] v = {0.125f, -0.125f, 0.3f, 100f, -100f, 1f, 0.25f, 0.5f, 0.75f, -0.375f, 2f, 3f};
        Int8Tensor q = EdgeConversion.quantize(NCHW, new Float32Array(NCHW.shape(), v));
        assertArrayEquals(new int[] {1, 2, 3, 2}, q.shape());
        // (y, x) = (0, 0): channels 0.125 -> 1 (0.5 rounds up), 0.25 -> 1
        assertEquals(1, q.get(0, 0, 0, 0));
        assertEquals(1, q.get(0, 0, 0, 1));
        assertEquals(0, q.get(0, 0, 1, 0)); // -0.5 rounds up to 0
        assertEquals(1, q.get(0, 0, 2, 0)); // 1.2 -> 1
        assertEquals(127, q.get(0, 1, 0, 0));
        assertEquals(-128, q.get(0, 1, 1, 0));
        assertEquals(-1, q.get(0, 1, 0, 1)); // -1.5 rounds up to -1
        assertEquals(12, q.get(0, 1, 2, 1));
    }

    @Test
    void dequantizeIsTheInverseOfTheLayoutMove() {
        EdgeTensor out = new EdgeTensor("y", "conv", NCHW.shape(), EdgeLayout.NCHW, EdgeDType.FLOAT32,
                new EdgeQuant.Affine(0.5, 1));
        byte[] nhwc = new byte[12];
        for (int i = 0; i < 12; i++) nhwc[i] = (byte) (i - 6);
        Float32Array real = EdgeConversion.dequantize(out, new Int8Tensor(new int[] {1, 2, 3, 2}, nhwc));
        // model (c, y, x) reads network (y, x, c)
        assertEquals((nhwc[(1 * 3 + 2) * 2 + 1] - 1) * 0.5f, real.data()[(1 * 2 + 1) * 3 + 2]);
        assertEquals((nhwc[0] - 1) * 0.5f, real.data()[0]);
    }

    @Test
    void uint8InputMovesBy128AndOutputBack() {
        EdgeTensor in = new EdgeTensor("x", "input", new int[] {1, 1, 1, 3}, EdgeLayout.NHWC, EdgeDType.UINT8, null);
        Path file = dir.resolve("x.npy");
        Npy.write(file, new UInt8Tensor(in.shape(), new byte[] {0, (byte) 128, (byte) 255}));
        Int8Tensor x = EdgeConversion.readInput(in, file);
        assertArrayEquals(new byte[] {-128, 0, 127}, x.data());
        Path outFile = dir.resolve("y.npy");
        EdgeTensor out = new EdgeTensor("y", "l", in.shape(), EdgeLayout.NHWC, EdgeDType.UINT8, null);
        EdgeConversion.writeOutput(out, x, outFile);
        assertEquals(new UInt8Tensor(in.shape(), new byte[] {0, (byte) 128, (byte) 255}), Npy.read(outFile));
    }

    @Test
    void wrongShapeOrDtypeNamesTheFile() {
        Path file = dir.resolve("bad.npy");
        Npy.writeFloat32(file, new Float32Array(new int[] {1, 2, 3, 2}, new float[12]));
        String m = assertThrows(UserError.class, () -> EdgeConversion.readInput(NCHW, file)).getMessage();
        assertTrue(m.contains("bad.npy") && m.contains("[1, 2, 3, 2]") && m.contains("[1, 2, 2, 3]"), m);
        Npy.write(file, new Int8Tensor(NCHW.shape(), new byte[12]));
        m = assertThrows(UserError.class, () -> EdgeConversion.readInput(NCHW, file)).getMessage();
        assertTrue(m.contains("bad.npy") && m.contains("float32"), m);
    }

    @Test
    void floatOutputFileHoldsTheModelShape() {
        EdgeTensor out = new EdgeTensor("logits", "fc", new int[] {1, 4}, EdgeLayout.NC, EdgeDType.FLOAT32,
                new EdgeQuant.FixPoint(3));
        Path file = dir.resolve("y.npy");
        EdgeConversion.writeOutput(out, new Int8Tensor(new int[] {1, 1, 1, 4}, new byte[] {8, -4, 1, 0}), file);
        Float32Array y = Npy.readFloat32(file);
        assertArrayEquals(new int[] {1, 4}, y.shape());
        assertArrayEquals(new float[] {1f, -0.5f, 0.125f, 0f}, y.data());
    }
}
