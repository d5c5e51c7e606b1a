package org.jdpu.tensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** .npy reading (files written by NumPy itself, see resources/npy/generate.py), writing, and every defect. */
class NpyTest {
    @TempDir
    Path tmp;

    private static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final byte[] INT8_1X2X3X4 = new byte[24];

    static {
        for (int i = 0; i < 24; i++) INT8_1X2X3X4[i] = (byte) (i - 12);
    }

    @ParameterizedTest
    @CsvSource({"int8_1x2x3x4.npy", "int8_v2.npy", "int8_v3.npy"})
    void readsNumpyInt8InEveryFormatVersion(String name) {
        Int8Tensor t = Npy.readInt8(fixture(name));
        assertArrayEquals(new int[] {1, 2, 3, 4}, t.shape());
        assertArrayEquals(INT8_1X2X3X4, t.data());
        assertEquals(-12 + 23, t.get(0, 1, 2, 3));
        assertEquals(-12 + 4 + 1, t.get(0, 0, 1, 1));
    }

    @Test
    void readsNumpyInt32UInt8AndScalars() {
        Int32Tensor i = Npy.readInt32(fixture("int32_5.npy"));
        assertArrayEquals(new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE}, i.data());
        UInt8Tensor u = assertInstanceOf(UInt8Tensor.class, Npy.read(fixture("uint8_2x3.npy")));
        assertEquals(255, u.get(1, 2));
        assertEquals(128, u.get(1, 0));
        Int8Tensor s = Npy.readInt8(fixture("int8_scalar.npy"));
        assertEquals(0, s.rank());
        assertEquals(-7, s.get());
    }

    @Test
    void writesWhatNumpyWritesAndReadsItBack() throws IOException {
        Path out = tmp.resolve("y.npy");
        Npy.write(out, new Int8Tensor(new int[] {1, 2, 3, 4}, INT8_1X2X3X4.clone()));
        assertArrayEquals(Files.readAllBytes(fixture("int8_1x2x3x4.npy")), Files.readAllBytes(out));
        Npy.write(out, Npy.read(fixture("int32_5.npy")));
        assertArrayEquals(Files.readAllBytes(fixture("int32_5.npy")), Files.readAllBytes(out));
        assertEquals(0, (Files.readAllBytes(out).length - 5 * 4) % 64, "header padded to 64 bytes");
    }

    @Test
    void roundTripsEveryTypeAndRank() {
        Tensor[] tensors = {
                Int8Tensor.of(new int[] {3}, -128, 0, 127),
                Int8Tensor.of(new int[] {}, 5),
                Int8Tensor.zeros(1, 0, 3),
                new Int32Tensor(new int[] {2, 2}, new int[] {Integer.MIN_VALUE, -1, 1, Integer.MAX_VALUE}),
                new UInt8Tensor(new int[] {1, 1, 1, 2}, new byte[] {(byte) 255, 0}),
        };
        for (Tensor t : tensors) {
            Path p = tmp.resolve("t.npy");
            Npy.write(p, t);
            assertEquals(t, Npy.read(p));
        }
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path out = tmp.resolve("y.npy");
        Files.writeString(out, "old");
        Npy.write(out, Int8Tensor.of(new int[] {1}, 1));
        assertEquals(Int8Tensor.of(new int[] {1}, 1), Npy.read(out));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void writeIntoAMissingDirectoryFailsNamingTheFile() {
        Path out = tmp.resolve("nope/y.npy");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.write(out, Int8Tensor.zeros(1)));
        assertTrue(e.getMessage().startsWith(out.toString()), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
            "int32_fortran.npy # Fortran-order",
            "int32_bigendian.npy # big-endian",
            "float32.npy # dtype '<f4' is not supported",
            "int64.npy # dtype '<i8' is not supported",
            "int16.npy # dtype '<i2' is not supported",
            "structured.npy # structured dtypes are not supported",
    })
    void rejectsNumpyFilesOfUnsupportedKinds(String name, String problem) {
        assertRejected(fixture(name), problem);
    }

    @Test
    void rejectsTheWrongDtypeForTheUse() {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.readInt8(fixture("int32_5.npy")));
        assertTrue(e.getMessage().contains("int32_5.npy") && e.getMessage().contains("int8 ('|i1') is needed"), e.getMessage());
        e = assertThrows(NpyFormatException.class, () -> Npy.readInt32(fixture("uint8_2x3.npy")));
        assertTrue(e.getMessage().contains("dtype is uint8"), e.getMessage());
    }

    @Test
    void rejectsAMissingFile() {
        assertRejected(tmp.resolve("absent.npy"), "no such file");
    }

    /** A version 1.0 file with {@code header} (padded) followed by {@code data}. */
    private Path handMade(String header, int dataBytes, int major) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] out = new byte[8 + lengthBytes + h.length + dataBytes];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0};
        System.arraycopy(magic, 0, out, 0, 8);
        out[8] = (byte) h.length;
        out[9] = (byte) (h.length >> 8);
        System.arraycopy(h, 0, out, 8 + lengthBytes, h.length);
        Path p = tmp.resolve("bad.npy");
        Files.write(p, out);
        return p;
    }

    private static final String GOOD = "{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), }\n";

    @Test
    void handMadeGoodHeaderIsAccepted() throws IOException {
        assertArrayEquals(new int[] {2, 3}, Npy.read(handMade(GOOD, 6, 1)).shape());
        assertArrayEquals(new int[] {2, 3}, Npy.read(handMade(GOOD, 6, 2)).shape());
        assertArrayEquals(new int[] {3}, Npy.read(handMade("{\"descr\":\"<i4\",\"shape\":(3L,),\"fortran_order\":False}", 12, 1)).shape());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '#', quoteCharacter = '"', value = {
            "{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), } # 5 # truncated: shape [2, 3] of int8 needs 6 data bytes but the file has 5",
            "{'descr': '|i1', 'fortran_order': False, 'shape': (2, 3), } # 7 # 1 unexpected bytes after the data",
            "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), } # 23 # truncated",
            "{'descr': '|i1', 'fortran_order': False } # 0 # lacks a tuple 'shape'",
            "{'fortran_order': False, 'shape': (2,) } # 2 # lacks 'descr'",
            "{'descr': '|i1', 'shape': (2,) } # 2 # lacks a True/False 'fortran_order'",
            "{'descr': '|i1', 'fortran_order': False, 'shape': (2,), 'x': 'y' } # 2 # unexpected key 'x'",
            "{'descr': '|i1', 'fortran_order': False, 'shape': (2, -3) } # 0 # non-integer",
            "{'descr': '|i1', 'fortran_order': False, 'shape': (2, 'a') } # 0 # non-integer",
            "{'descr': '|i1', 'fortran_order': False, 'shape': (99999999999,) } # 0 # too large",
            "{'descr': '|i1', 'fortran_order': False, 'shape': (65536, 65536) } # 0 # too many elements",
            "{'descr': '|i1', 'fortran_order': False, 'shape': (1,1,1,1,1,1,1,1,1) } # 1 # rank 9",
            "['descr', '|i1'] # 0 # not a Python dictionary literal",
            "{'descr': '|i1', 'fortran_order': False, 'shape': (2,) } junk # 2 # text after the dictionary",
            "{'descr': '|i1', 'fortran_order': maybe, 'shape': (2,) } # 2 # unexpected value",
            "{'descr': '|i1', 'descr': '|i1', 'fortran_order': False, 'shape': (2,) } # 2 # repeats key 'descr'",
            "{'descr': '|i1', 'fortran_order': False, 'shape': (2,) # 2 # not a Python dictionary literal",
            "{'descr': 'i4', 'fortran_order': False, 'shape': (2,) } # 8 # no explicit byte order",
            "{'descr': '>f8', 'fortran_order': False, 'shape': (2,) } # 16 # big-endian dtype '>f8'",
            "{'descr: '|i1' } # 0 # header",
    })
    void rejectsBadHeaders(String header, int dataBytes, String problem) throws IOException {
        assertRejected(handMade(header, dataBytes, 1), problem);
    }

    @Test
    void rejectsBadMagicVersionsAndTruncatedPreambles() throws IOException {
        byte[] good = Files.readAllBytes(fixture("int8_1x2x3x4.npy"));
        Path p = tmp.resolve("bad.npy");
        byte[] b = good.clone();
        b[1] = 'X';
        Files.write(p, b);
        assertRejected(p, "bad magic string");
        b = good.clone();
        b[6] = 4;
        Files.write(p, b);
        assertRejected(p, "unsupported .npy format version 4.0");
        b = good.clone();
        b[7] = 1;
        Files.write(p, b);
        assertRejected(p, "unsupported .npy format version 1.1");
        Files.write(p, Arrays.copyOf(good, 5));
        assertRejected(p, "not a .npy file: only 5 bytes");
        Files.write(p, Arrays.copyOf(good, 9));
        assertRejected(p, "header length missing");
        Files.write(p, Arrays.copyOf(good, 40));
        assertRejected(p, "truncated: header of 118 bytes");
        Files.write(p, Arrays.copyOf(good, good.length - 1));
        assertRejected(p, "truncated: shape [1, 2, 3, 4] of int8 needs 24 data bytes but the file has 23");
        Files.write(p, new byte[0]);
        assertRejected(p, "not a .npy file");
    }

    @Test
    void refusesToWriteWhereNoFileCanBeCreatedAndLeavesNothingBehind() throws IOException {
        NpyFormatException dir = assertThrows(NpyFormatException.class, () -> Npy.write(tmp, Int8Tensor.zeros(1)));
        assertTrue(dir.getMessage().endsWith("cannot write: it is a directory"), dir.getMessage());
        Path missing = tmp.resolve("no/such/dir/y.npy");
        NpyFormatException noDir = assertThrows(NpyFormatException.class, () -> Npy.checkWritable(missing));
        assertTrue(noDir.getMessage().contains("directory " + tmp.resolve("no/such/dir") + " does not exist"),
                noDir.getMessage());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count(), "files left behind in " + tmp);
        }
    }

    private static void assertRejected(Path file, String problem) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "message '" + e.getMessage() + "' lacks '" + problem + "'");
        assertEquals(file, e.file());
    }
}
