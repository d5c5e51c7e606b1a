package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import org.jdpu.tensor.Float32Array;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The values of an ONNX {@link TensorProto} (an initializer or a {@code Constant} node's value):
 * float, double, int8/uint8/int32/int64 data, from {@code raw_data} (little-endian) or the typed
 * fields. Externally stored data is refused.
 */
final class Constants {
    private Constants() {}

    /**
     * One constant: its shape, its values as floats, as longs for integer types (else null), whether
     * it is unsigned (uint8), and for a dequantized constant its quantization (else null).
     */
    record Constant(int[] shape, float[] values, long[] integers, boolean unsigned, QdqParams quant) {
        Constant(int[] shape, float[] values, long[] integers) {
            this(shape, values, integers, false, null);
        }

        int size() {
            return values.length;
        }

        Float32Array asArray() {
            return new Float32Array(shape.length == 0 ? new int[] {1} : shape, values);
        }
    }

    static Constant of(Path file, TensorProto t, String what) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new OnnxException(file, what + " keeps its data in an external file, which is not supported; "
                    + "save the model with the weights inside");
        }
        int[] shape = new int[t.getDimsCount()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > Integer.MAX_VALUE) throw new OnnxException(file, what + ": dimension " + i + " is " + d);
            shape[i] = (int) d;
            // Saturate: a damaged file's dimensions must not wrap the count around.
            n = d == 0 || n == 0 ? 0 : n > (Integer.MAX_VALUE - 8) / d ? Integer.MAX_VALUE : n * d;
        }
        if (n > Integer.MAX_VALUE - 8) throw new OnnxException(file, what + " has too many elements for its shape "
                + t.getDimsList());
        int count = (int) n;
        long[] ints = null;
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = !t.getRawData().isEmpty();
        TensorProto.DataType type = TensorProto.DataType.forNumber(t.getDataType());
        if (type == null) throw new OnnxException(file, what + ": unknown data type " + t.getDataType());
        int itemSize = switch (type) {
            case FLOAT, INT32 -> 4;
            case DOUBLE, INT64 -> 8;
            case INT8, UINT8, BOOL -> 1;
            default -> throw new OnnxException(file, what + ": data type " + type + " is not supported");
        };
        int stored = hasRaw ? raw.remaining() / itemSize : switch (type) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            default -> t.getInt32DataCount();
        };
        if ((hasRaw && raw.remaining() != (long) count * itemSize) || (!hasRaw && stored != count)) {
            throw new OnnxException(file, what + ": shape needs " + count + " values but the data holds "
                    + (hasRaw ? raw.remaining() + " bytes" : stored + " values"));
        }
        float[] f = new float[count]; // only now: the data is known to be there
        if (type != TensorProto.DataType.FLOAT && type != TensorProto.DataType.DOUBLE) ints = new long[count];
        for (int i = 0; i < count; i++) {
            switch (type) {
                case FLOAT -> f[i] = hasRaw ? raw.getFloat() : t.getFloatData(i);
                case DOUBLE -> f[i] = (float) (hasRaw ? raw.getDouble() : t.getDoubleData(i));
                case INT64 -> ints[i] = hasRaw ? raw.getLong() : t.getInt64Data(i);
                case INT32 -> ints[i] = hasRaw ? raw.getInt() : t.getInt32Data(i);
                case INT8 -> ints[i] = hasRaw ? raw.get() : (byte) t.getInt32Data(i);
                case UINT8, BOOL -> ints[i] = hasRaw ? raw.get() & 0xff : t.getInt32Data(i) & 0xff;
                default -> throw new IllegalStateException(type.toString());
            }
            if (ints != null) f[i] = ints[i];
        }
        return new Constant(shape, f, ints, type == TensorProto.DataType.UINT8, null);
    }
}
