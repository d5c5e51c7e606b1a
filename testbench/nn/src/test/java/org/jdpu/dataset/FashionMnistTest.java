package org.jdpu.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDX reading on files the test writes (every defect), and the installed Fashion-MNIST itself. */
class FashionMnistTest {
    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        return b.put(data).array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] ramp(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 7);
        return b;
    }

    @Test
    void readsPlainAndGzipImagesAndKeepsAPrefix() throws IOException {
        byte[] px = ramp(3 * 2 * 4);
        Path plain = Files.write(dir.resolve("i.idx"), idx(8, new int[] {3, 2, 4}, px));
        Path gz = Files.write(dir.resolve("i.idx.gz"), gzip(idx(8, new int[] {3, 2, 4}, px)));
        for (Path f : new Path[] {plain, gz}) {
            IdxFile all = IdxFile.read(f);
            assertArrayEquals(new int[] {3, 2, 4}, all.dims());
            assertArrayEquals(px, all.data());
            IdxFile two = IdxFile.read(f, 2);
            assertEquals(2, two.count());
            assertArrayEquals(Arrays.copyOf(px, 16), two.data());
        }
    }

    private String errorOf(byte[] bytes) throws IOException {
        Path f = Files.write(dir.resolve("bad.idx"), bytes);
        return assertThrows(DatasetException.class, () -> IdxFile.read(f)).getMessage();
    }

    @Test
    void malformedFilesNameTheFileAndTheProblem() throws IOException {
        byte[] good = idx(8, new int[] {2, 2, 2}, ramp(8));
        assertTrue(errorOf(new byte[] {0, 0}).contains("bad.idx: not an IDX file: only 2 bytes"));
        byte[] badMagic = good.clone();
        badMagic[0] = 1;
        assertTrue(errorOf(badMagic).contains("must start with two zero bytes"));
        assertTrue(errorOf(idx(0x0d, new int[] {2}, new byte[8])).contains("data type 0x0d is not supported"));
        assertTrue(errorOf(Arrays.copyOf(good, good.length - 1)).contains("truncated"));
        assertTrue(errorOf(Arrays.copyOf(good, good.length + 1)).contains("unexpected bytes after the 2 items"));
        assertTrue(errorOf(idx(8, new int[] {0, 2}, new byte[0])).contains("dimension 0 is 0"));
        byte[] gz = gzip(good);
        gz[gz.length - 6] ^= 0x5a; // the CRC in the gzip trailer
        String m = errorOf(gz);
        assertTrue(m.contains("bad.idx: corrupt gzip data"), m);
    }

    @Test
    void missingFolderOrFileSaysHowToInstall() throws IOException {
        String m = assertThrows(DatasetException.class,
                () -> FashionMnist.read(dir.resolve("none"), "t10k", 1)).getMessage();
        assertTrue(m.contains("dataset-fashion-mnist") && m.contains("make deps"), m);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(8, new int[] {1, 28, 28}, new byte[784]));
        m = assertThrows(DatasetException.class, () -> FashionMnist.read(dir, "t10k", 1)).getMessage();
        assertTrue(m.contains("t10k-labels-idx1-ubyte.gz: no such file"), m);
    }

    @Test
    void labelsMustMatchTheImages() throws IOException {
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(8, new int[] {2, 28, 28}, new byte[2 * 784]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(8, new int[] {3}, new byte[] {1, 2, 3}));
        String m = assertThrows(DatasetException.class, () -> FashionMnist.read(dir, "t10k", 10)).getMessage();
        assertTrue(m.contains("3 labels for 2 images"), m);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(8, new int[] {2}, new byte[] {1, 12}));
        m = assertThrows(DatasetException.class, () -> FashionMnist.read(dir, "t10k", 10)).getMessage();
        assertTrue(m.contains("label 1 is 12"), m);
    }

    @Test
    void scaledImagesAreInZeroOne() throws IOException {
        byte[] px = new byte[2 * 784];
        px[784] = (byte) 255;
        px[785] = 51;
        Files.write(dir.resolve("train-images-idx3-ubyte"), idx(8, new int[] {2, 28, 28}, px));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(8, new int[] {2}, new byte[] {9, 0}));
        LabelledImages li = FashionMnist.read(dir, "train", 5);
        assertEquals(2, li.count());
        assertEquals(9, li.label(0));
        float[] img = li.scaled(1);
        assertEquals(1f, img[0]);
        assertEquals(0.2f, img[1], 1e-7f);
        assertEquals(0f, img[2]);
    }

    /** The installed Debian files: the published counts and the balanced classes. */
    @Test
    void installedTestSplitHasTenThousandBalancedImages() {
        LabelledImages test = FashionMnist.test(Integer.MAX_VALUE);
        assertEquals(10_000, test.count());
        assertEquals(28, test.height());
        assertEquals(28, test.width());
        int[] perClass = new int[10];
        for (int i = 0; i < test.count(); i++) perClass[test.label(i)]++;
        for (int c = 0; c < 10; c++) assertEquals(1000, perClass[c], "class " + c);
        LabelledImages train = FashionMnist.train(1000);
        assertEquals(1000, train.count());
    }
}
