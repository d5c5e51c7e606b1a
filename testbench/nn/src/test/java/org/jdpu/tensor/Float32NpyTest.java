package org.jdpu.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Float {@code .npy} files at a model's edge: NumPy's own float32 file, a write/read round trip, defects. */
class Float32NpyTest {
    @TempDir
    Path tmp;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(Float32NpyTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void readsNumpysFloat32File() throws Exception {
        Float32Array a = Npy.readFloat32(fixture("float32.npy"));
        assertArrayEquals(new int[] {6}, a.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.data());
    }

    @Test
    void roundTripsAndWritesTheSameHeaderLayoutAsIntegers() {
        Path f = tmp.resolve("x.npy");
        Float32Array a = new Float32Array(new int[] {2, 3}, new float[] {0.5f, -1.25f, 3e-8f, Float.MAX_VALUE, -0f, 7f});
        Npy.writeFloat32(f, a);
        assertEquals(a, Npy.readFloat32(f));
        assertEquals(0, (f.toFile().length() - 6 * 4) % 64, "header padded to 64 bytes");
    }

    @Test
    void refusesIntegerDataAndTruncation() throws Exception {
        String m = assertThrows(NpyFormatException.class, () -> Npy.readFloat32(fixture("int8_v2.npy"))).getMessage();
        assertTrue(m.contains("int8_v2.npy") && m.contains("float32 ('<f4')"), m);
        Path f = tmp.resolve("t.npy");
        Npy.writeFloat32(f, new Float32Array(new int[] {4}, new float[4]));
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 3));
        m = assertThrows(NpyFormatException.class, () -> Npy.readFloat32(f)).getMessage();
        assertTrue(m.contains("truncated") && m.contains("float32"), m);
    }
}
