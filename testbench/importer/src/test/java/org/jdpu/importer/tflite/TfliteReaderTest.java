package org.jdpu.importer.tflite;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TfliteReaderTest {
    private static final Path FILE = Path.of("m.tflite");

    @TempDir
    Path dir;

    /** input [1,4,4,2] -> CONV_2D 3x3 (per-channel weights) -> output [1,4,4,3]. */
    static byte[] smallModel() {
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 4, 4, 2}, 0.5f, -3);
        int w = m.int8Constant("w", new int[] {3, 3, 3, 2}, new byte[54], new float[] {0.1f, 0.2f, 0.3f}, new long[] {0, 0, 0}, 0);
        int b = m.int32Constant("b", new int[] {3}, new int[] {7, -8, 9});
        int y = m.activation("y", new int[] {1, 4, 4, 3}, 0.25f, 5);
        m.conv(x, w, b, y, 0, 1, 3);
        return m.build(new int[] {x}, new int[] {y});
    }

    @Test
    void readsTheSchemaFields() {
        TfliteModel m = TfliteReader.read(FILE, smallModel());
        assertEquals(3, m.version());
        TfliteModel.Subgraph g = m.subgraph();
        assertEquals(4, g.tensors().size());
        assertArrayEquals(new int[] {0}, g.inputs());
        assertArrayEquals(new int[] {3}, g.outputs());
        TfliteModel.Tensor w = g.tensors().get(1);
        assertEquals("w", w.name());
        assertArrayEquals(new int[] {3, 3, 3, 2}, w.shape());
        assertEquals(TensorType.INT8, w.type());
        assertEquals(54, m.buffer(w.buffer()).length);
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, w.quantization().scale());
        assertEquals(-3, g.tensors().get(0).quantization().zeroPoint()[0]);
        assertNull(g.tensors().get(2).quantization());
        TfliteModel.Operator op = g.operators().getFirst();
        assertEquals("CONV_2D", op.code().name());
        assertArrayEquals(new int[] {0, 1, 2}, op.inputs());
        assertEquals(new BuiltinOptions.Conv2D(BuiltinOptions.Padding.SAME, 1, 1, BuiltinOptions.FusedActivation.RELU6, 1, 1),
                op.options());
    }

    @Test
    void everyTruncationIsOneFormatErrorOrStillAWholeModel() {
        byte[] full = smallModel();
        int refused = 0;
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            try {
                TfliteReader.read(FILE, cut);
            } catch (TfliteFormatException e) {
                refused++;
                assertTrue(e.getMessage().startsWith("m.tflite: ") && (e.getMessage().contains("truncated or malformed")
                        || e.getMessage().contains("not a TFLite model")), e.getMessage());
            }
        }
        // Flatbuffers are written back to front, so almost every cut loses a referenced part.
        assertTrue(refused > full.length * 9 / 10, refused + " of " + full.length + " truncations refused");
    }

    @Test
    void randomCorruptionIsOneFormatErrorOrAModel() {
        long seed = System.nanoTime();
        System.out.println("TfliteReaderTest.randomCorruption seed=" + seed);
        Random r = new Random(seed);
        byte[] full = smallModel();
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bad = full.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) bad[8 + r.nextInt(bad.length - 8)] = (byte) r.nextInt(256);
            try {
                TfliteReader.read(FILE, bad);
            } catch (TfliteFormatException e) {
                assertTrue(e.getMessage().startsWith("m.tflite: "), "seed " + seed + ": " + e.getMessage());
            }
        }
    }

    @Test
    void notATfliteFileSaysSo() {
        String tiny = assertThrows(TfliteFormatException.class, () -> TfliteReader.read(FILE, new byte[5])).getMessage();
        assertEquals("m.tflite: not a TFLite model: only 5 bytes", tiny);
        byte[] other = smallModel();
        other[4] = 'O';
        String id = assertThrows(TfliteFormatException.class, () -> TfliteReader.read(FILE, other)).getMessage();
        assertEquals("m.tflite: not a TFLite model: the flatbuffer identifier is \"OFL3\", expected \"TFL3\"", id);
        String missing = assertThrows(TfliteFormatException.class, () -> TfliteReader.read(dir.resolve("none.tflite"))).getMessage();
        assertTrue(missing.contains("none.tflite: cannot read the model"), missing);
    }

    @Tag(SharedModels.TAG)

    @Test
    void aTruncatedRealModelNamesTheFileAndThePart() throws IOException {
        Path models = SharedModels.tfliteMicro();
        byte[] full = Files.readAllBytes(models.resolve("person_detect.tflite"));
        Path cut = dir.resolve("person_detect.tflite");
        Files.write(cut, Arrays.copyOf(full, full.length / 2));
        String m = assertThrows(TfliteFormatException.class, () -> TfliteReader.read(cut)).getMessage();
        assertTrue(m.startsWith(cut + ": truncated or malformed model: model"), m);
    }
}
