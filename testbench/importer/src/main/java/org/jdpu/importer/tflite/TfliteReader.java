package org.jdpu.importer.tflite;

import org.jdpu.importer.tflite.TfliteModel.Operator;
import org.jdpu.importer.tflite.TfliteModel.OperatorCode;
import org.jdpu.importer.tflite.TfliteModel.Quantization;
import org.jdpu.importer.tflite.TfliteModel.Subgraph;
import org.jdpu.importer.tflite.TfliteModel.Tensor;
import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .tflite} flatbuffer into a {@link TfliteModel}. Field numbers follow the TFLite
 * schema ({@code schema.fbs}: Model, SubGraph, Tensor, QuantizationParameters, Buffer, Operator,
 * OperatorCode). The whole structure is read and checked up front, so a truncated or corrupt file
 * fails here with the file and the part being read, never later in the mapping.
 */
public final class TfliteReader {
    private TfliteReader() {}

    /** The schema's file identifier, at bytes 4..7. */
    static final String IDENTIFIER = "TFL3";

    public static TfliteModel read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TfliteFormatException(file, "cannot read the model: " + IoErrors.describe(e));
        }
        return read(file, bytes);
    }

    /** Reads {@code bytes} as the contents of {@code file} (named in messages). */
    public static TfliteModel read(Path file, byte[] bytes) {
        if (bytes.length < 8) {
            throw new TfliteFormatException(file, "not a TFLite model: only " + bytes.length + " bytes");
        }
        String id = new String(bytes, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!id.equals(IDENTIFIER)) {
            throw new TfliteFormatException(file, "not a TFLite model: the flatbuffer identifier is \""
                    + printable(id) + "\", expected \"" + IDENTIFIER + "\"");
        }
        try {
            return model(file, ByteBuffer.wrap(bytes));
        } catch (FlatTable.Malformed e) {
            throw new TfliteFormatException(file, "truncated or malformed model: " + e.getMessage());
        } catch (IndexOutOfBoundsException e) {
            // FlatTable checks what it can; a read it could not foresee still lands inside the buffer's own check.
            throw new TfliteFormatException(file, "truncated or malformed model: a read past the end of the file");
        }
    }

    private static TfliteModel model(Path file, ByteBuffer bb) {
        FlatTable m = FlatTable.root(bb, "model");
        int version = m.uint32(0);
        List<OperatorCode> codes = new ArrayList<>();
        for (FlatTable c : m.tables(1, "operator_codes")) codes.add(operatorCode(c));
        List<FlatTable> subgraphs = m.tables(2, "subgraphs");
        if (subgraphs.isEmpty()) throw new FlatTable.Malformed("model", "the model has no subgraph");
        List<byte[]> buffers = new ArrayList<>();
        for (FlatTable b : m.tables(4, "buffers")) buffers.add(buffer(b, bb));
        if (buffers.isEmpty()) buffers.add(new byte[0]);
        Subgraph subgraph = subgraph(subgraphs.getFirst(), codes, buffers.size());
        return new TfliteModel(file, version, List.copyOf(codes), subgraph, List.copyOf(buffers), subgraphs.size());
    }

    private static OperatorCode operatorCode(FlatTable c) {
        // Old files fill only the byte-sized deprecated_builtin_code; TFLite takes the larger of the two.
        int code = Math.max(c.int8(0, (byte) 0), c.int32(3, 0));
        return new OperatorCode(code, c.string(1), c.int32(2, 1));
    }

    /** A buffer's bytes: inline data, or {@code offset}/{@code size} into the file for models over 2 GB' layout. */
    private static byte[] buffer(FlatTable b, ByteBuffer bb) {
        long offset = b.int64(1, 0), size = b.int64(2, 0);
        if (offset <= 1) return b.bytes(0);
        if (size < 0 || offset + size > bb.capacity()) {
            throw new FlatTable.Malformed(b.where(), "data at offset " + offset + " size " + size + " lies outside the file");
        }
        byte[] data = new byte[(int) size];
        bb.get((int) offset, data);
        return data;
    }

    private static Subgraph subgraph(FlatTable s, List<OperatorCode> codes, int buffers) {
        List<Tensor> tensors = new ArrayList<>();
        for (FlatTable t : s.tables(0, "tensors")) tensors.add(tensor(tensors.size(), t, buffers));
        int[] inputs = indices(s.int32s(1), tensors.size(), s.where() + ".inputs");
        int[] outputs = indices(s.int32s(2), tensors.size(), s.where() + ".outputs");
        List<Operator> operators = new ArrayList<>();
        for (FlatTable o : s.tables(3, "operators")) operators.add(operator(operators.size(), o, codes, tensors.size()));
        return new Subgraph(s.string(4), List.copyOf(tensors), inputs, outputs, List.copyOf(operators));
    }

    private static Tensor tensor(int index, FlatTable t, int buffers) {
        int[] shape = t.int32s(0);
        for (int d : shape) {
            if (d < 0) throw new FlatTable.Malformed(t.where(), "shape " + java.util.Arrays.toString(shape) + " has a negative dimension");
        }
        int type = t.int8(1, (byte) 0);
        int buffer = t.uint32(2);
        if (buffer >= buffers) throw new FlatTable.Malformed(t.where(), "buffer " + buffer + " of " + buffers);
        FlatTable q = t.table(4, "quantization");
        return new Tensor(index, t.string(3), shape, TensorType.of(type), type, buffer, q == null ? null : quantization(q));
    }

    private static Quantization quantization(FlatTable q) {
        float[] scale = q.float32s(2);
        long[] zeroPoint = q.int64s(3);
        if (scale.length == 0 && zeroPoint.length == 0) return null;
        return new Quantization(scale, zeroPoint, q.int32(6, 0));
    }

    private static Operator operator(int index, FlatTable o, List<OperatorCode> codes, int tensors) {
        int code = o.uint32(0);
        if (code >= codes.size()) {
            throw new FlatTable.Malformed(o.where(), "opcode_index " + code + " but the model has " + codes.size() + " operator codes");
        }
        int[] inputs = o.int32s(1);
        for (int i : inputs) {
            if (i < -1 || i >= tensors) throw new FlatTable.Malformed(o.where(), "input tensor " + i + " of " + tensors);
        }
        int[] outputs = indices(o.int32s(2), tensors, o.where() + ".outputs");
        int type = Byte.toUnsignedInt(o.int8(3, (byte) 0));
        BuiltinOptions options = BuiltinOptions.read(type, o.table(4, "builtin_options"));
        return new Operator(index, codes.get(code), inputs, outputs, options);
    }

    private static int[] indices(int[] v, int tensors, String where) {
        for (int i : v) {
            if (i < 0 || i >= tensors) throw new FlatTable.Malformed(where, "tensor index " + i + " of " + tensors);
        }
        return v;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        return b.toString();
    }
}
