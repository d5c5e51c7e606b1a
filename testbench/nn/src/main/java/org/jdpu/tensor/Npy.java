package org.jdpu.tensor;

import org.jdpu.io.AtomicFile;
import org.jdpu.io.IoErrors;
import org.jdpu.io.UserError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding int8
 * ({@code |i1}), uint8 ({@code |u1}) or little-endian int32 ({@code <i4}) data in C order.
 *
 * <p>Anything else (Fortran order, big-endian, other dtypes, bad magic or header, truncated or
 * over-long data) is rejected with an {@link NpyFormatException} naming the file and the problem.
 * Writes go to a temporary file in the target directory that is renamed into place, so a failed
 * write never leaves a partial file under the target name.
 */
public final class Npy {
    private Npy() {}

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;

    public static Tensor read(Path file) {
        return decode(file, readBytes(file));
    }

    /** Reads an int8 tensor; any other dtype is an error naming the file. */
    public static Int8Tensor readInt8(Path file) {
        return switch (read(file)) {
            case Int8Tensor t -> t;
            case Tensor t -> throw wrongType(file, t, DType.INT8);
        };
    }

    /** Reads an int32 tensor; any other dtype is an error naming the file. */
    public static Int32Tensor readInt32(Path file) {
        return switch (read(file)) {
            case Int32Tensor t -> t;
            case Tensor t -> throw wrongType(file, t, DType.INT32);
        };
    }

    private static NpyFormatException wrongType(Path file, Tensor t, DType wanted) {
        return new NpyFormatException(file, "dtype is " + t.dtype() + " ('" + t.dtype().descr() + "') but "
                + wanted + " ('" + wanted.descr() + "') is needed");
    }

    /** Decodes the bytes of a {@code .npy} file; {@code file} only names it in messages. */
    public static Tensor decode(Path file, byte[] bytes) {
        Framing f = frame(file, bytes);
        NpyHeader header = f.header();
        DType dtype = dtypeOf(file, header.descr());
        int count = f.count();
        int dataStart = f.dataStart();
        checkDataLength(file, header, bytes.length - dataStart, (long) count * dtype.itemSize(), dtype.toString());
        long expected = (long) count * dtype.itemSize();
        return switch (dtype) {
            case INT8 -> new Int8Tensor(header.shape(), java.util.Arrays.copyOfRange(bytes, dataStart, bytes.length));
            case UINT8 -> new UInt8Tensor(header.shape(), java.util.Arrays.copyOfRange(bytes, dataStart, bytes.length));
            case INT32 -> {
                int[] data = new int[count];
                ByteBuffer.wrap(bytes, dataStart, (int) expected).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(data);
                yield new Int32Tensor(header.shape(), data);
            }
        };
    }

    /**
     * Reads a float file: little-endian float32 ({@code <f4}) as it is, or float64 ({@code <f8},
     * NumPy's default) rounded to float32. Any other dtype is an error naming the file.
     */
    public static Float32Array readFloat32(Path file) {
        byte[] bytes = readBytes(file);
        Framing f = frame(file, bytes);
        String descr = f.header().descr();
        int itemSize = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new NpyFormatException(file, "dtype is '" + descr + "' but float32 ('<f4') or float64 "
                    + "('<f8') is needed");
        };
        long expected = (long) f.count() * itemSize;
        checkDataLength(file, f.header(), bytes.length - f.dataStart(), expected, itemSize == 4 ? "float32" : "float64");
        float[] data = new float[f.count()];
        ByteBuffer in = ByteBuffer.wrap(bytes, f.dataStart(), (int) expected).order(ByteOrder.LITTLE_ENDIAN);
        if (itemSize == 4) {
            in.asFloatBuffer().get(data);
        } else {
            for (int i = 0; i < data.length; i++) data[i] = (float) in.getDouble();
        }
        return new Float32Array(f.header().shape(), data);
    }

    /** Writes {@code array} as a version 1.0 {@code <f4} file, atomically like {@link #write}. */
    public static void writeFloat32(Path file, Float32Array array) {
        String dict = new NpyHeader("<f4", false, array.shape()).format();
        ByteBuffer out = preamble(dict, array.size() * 4);
        out.asFloatBuffer().put(array.data());
        writeAtomically(file, out.array());
    }

    private record Framing(NpyHeader header, int count, int dataStart) {}

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NpyFormatException(file, "no such file");
        } catch (IOException e) {
            throw new NpyFormatException(file, "cannot read: " + IoErrors.describe(e), e);
        } catch (OutOfMemoryError e) {
            throw new NpyFormatException(file, "cannot read: too large for the Java heap (" + e.getMessage() + ")", e);
        }
    }

    private static void checkDataLength(Path file, NpyHeader header, long actual, long expected, String type) {
        if (actual < expected) {
            throw new NpyFormatException(file, "truncated: shape " + Shapes.format(header.shape()) + " of " + type
                    + " needs " + expected + " data bytes but the file has " + actual);
        }
        if (actual > expected) {
            throw new NpyFormatException(file, actual - expected + " unexpected bytes after the data of shape "
                    + Shapes.format(header.shape()));
        }
    }

    /** Checks the magic, version and header of {@code bytes}, whatever the dtype. */
    private static Framing frame(Path file, byte[] bytes) {
        if (bytes.length < MAGIC.length + 2) {
            throw new NpyFormatException(file, "not a .npy file: only " + bytes.length + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) throw new NpyFormatException(file, "not a .npy file: bad magic string");
        }
        int major = bytes[6] & 0xff;
        int minor = bytes[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new NpyFormatException(file, "unsupported .npy format version " + major + "." + minor
                    + " (1.0, 2.0 and 3.0 are supported)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        int headerStart = 8 + lengthBytes;
        if (bytes.length < headerStart) throw new NpyFormatException(file, "truncated: header length missing");
        ByteBuffer lengthField = ByteBuffer.wrap(bytes, 8, lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? lengthField.getShort() & 0xffff : lengthField.getInt() & 0xffffffffL;
        if (headerStart + headerLength > bytes.length) {
            throw new NpyFormatException(file, "truncated: header of " + headerLength + " bytes but the file has "
                    + (bytes.length - headerStart) + " after the length field");
        }
        String text = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header;
        try {
            header = NpyHeader.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(file, e.getMessage());
        }
        if (header.fortranOrder()) {
            throw new NpyFormatException(file, "Fortran-order data is not supported; save it in C order "
                    + "(numpy.ascontiguousarray)");
        }
        int count;
        try {
            count = Shapes.elementCount(header.shape());
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(file, e.getMessage());
        }
        return new Framing(header, count, headerStart + (int) headerLength);
    }

    private static DType dtypeOf(Path file, String descr) {
        char order = descr.isEmpty() ? '?' : descr.charAt(0);
        String kind = "<>|=".indexOf(order) >= 0 ? descr.substring(1) : descr;
        switch (kind) {
            case "i1", "b":
                return DType.INT8;
            case "u1", "B":
                return DType.UINT8;
            case "i4":
                if (order == '<') return DType.INT32;
                if (order == '>') {
                    throw new NpyFormatException(file, "big-endian data ('" + descr + "') is not supported; "
                            + "convert with array.astype('<i4')");
                }
                throw new NpyFormatException(file, "dtype '" + descr + "' has no explicit byte order; expected '<i4'");
            default:
                if (order == '>') {
                    throw new NpyFormatException(file, "big-endian dtype '" + descr + "' is not supported");
                }
                throw new NpyFormatException(file, "dtype '" + descr + "' is not supported (use int8 '|i1', "
                        + "uint8 '|u1' or int32 '<i4')");
        }
    }

    /** Encodes {@code tensor} as a version 1.0 {@code .npy} file. */
    public static byte[] encode(Tensor tensor) {
        String dict = new NpyHeader(tensor.dtype().descr(), false, tensor.shape()).format();
        ByteBuffer out = preamble(dict, tensor.size() * tensor.dtype().itemSize());
        switch (tensor) {
            case Int8Tensor t -> out.put(t.data());
            case UInt8Tensor t -> out.put(t.data());
            case Int32Tensor t -> out.asIntBuffer().put(t.data());
        }
        return out.array();
    }

    /** Magic, version 1.0 and the header padded to the alignment, in a buffer with room for the data. */
    private static ByteBuffer preamble(String dict, int dataBytes) {
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        byte[] headerBytes = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + headerBytes.length + dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length).put(headerBytes);
        return out;
    }

    /**
     * Fails early, before a long run, when {@link #write} could not create {@code file}: it is a
     * directory, or its directory is missing or not writable.
     */
    public static void checkWritable(Path file) {
        if (file.toString().isEmpty()) throw new UserError("the output file is an empty path; name a .npy file");
        String problem = AtomicFile.problem(file);
        if (problem != null) throw new NpyFormatException(file, "cannot write: " + problem);
    }

    /** Writes {@code tensor} to {@code file} atomically (temporary file, then rename). */
    public static void write(Path file, Tensor tensor) {
        writeAtomically(file, encode(tensor));
    }

    private static void writeAtomically(Path file, byte[] bytes) {
        checkWritable(file);
        try {
            AtomicFile.write(file, bytes);
        } catch (IOException e) {
            throw new NpyFormatException(file, "cannot write: " + IoErrors.describe(e), e);
        }
    }
}
