package org.jdpu.importer.tflite;

import org.jdpu.importer.tflite.TfliteModel.Operator;
import org.jdpu.importer.tflite.TfliteModel.Quantization;
import org.jdpu.importer.tflite.TfliteModel.Tensor;
import org.jdpu.spec.FeatureShape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * The checks every operator's tensors go through before the mapping uses them: operand counts,
 * int8 outputs, constant tensors and their data, per-tensor quantization, batch-1 shapes. Each
 * failure is a {@link TfliteRefusal} naming the operator and the tensor.
 */
final class TfliteOperands {
    private final TfliteModel model;

    TfliteOperands(TfliteModel model) {
        this.model = model;
    }

    /** {@code op} reads {@code min..max} tensors and writes one. */
    static void count(Operator op, int min, int max) {
        if (op.inputs().length < min || op.inputs().length > max) {
            String expected = min == max ? "" + min : max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
            throw TfliteRefusal.of(op, "has " + op.inputs().length + " inputs, expected " + expected);
        }
        if (op.outputs().length != 1) throw TfliteRefusal.of(op, "has " + op.outputs().length + " outputs, expected 1");
    }

    /** The operator's int8 output tensor. */
    Tensor output(Operator op) {
        Tensor y = model.tensor(op.outputs()[0]);
        if (y.type() != TensorType.INT8) throw TfliteRefusal.of(op, "writes " + typeName(y) + " \"" + y.name() + "\"; int8 is mapped");
        return y;
    }

    /** Input tensor {@code index} of {@code op}, which must be a constant of {@code type}. */
    Tensor constant(Operator op, int index, TensorType type, String role) {
        if (index < 0) throw TfliteRefusal.of(op, "has no " + role + " tensor");
        Tensor t = model.tensor(index);
        if (t.type() != type) {
            throw TfliteRefusal.of(op, role + " \"" + t.name() + "\" is " + typeName(t) + ", expected " + type.name().toLowerCase(Locale.ROOT));
        }
        if (t.buffer() == 0 || model.buffer(t.buffer()).length == 0) throw TfliteRefusal.of(op, role + " \"" + t.name() + "\" is not a constant");
        return t;
    }

    /** A constant's bytes, checked against its shape. */
    byte[] data(Operator op, Tensor t, int elementSize) {
        byte[] raw = model.buffer(t.buffer());
        if (raw.length % elementSize != 0 || t.elements() != raw.length / elementSize) {
            throw TfliteRefusal.of(op, "tensor \"" + t.name() + "\" has " + raw.length + " bytes of data for shape " + Arrays.toString(t.shape()));
        }
        return raw;
    }

    /** A constant int8 tensor's values (a copy). */
    byte[] int8(Operator op, Tensor t) {
        return data(op, t, 1).clone();
    }

    /** A constant int32 tensor's values (little-endian, as the schema stores them). */
    int[] int32(Operator op, Tensor t) {
        byte[] raw = data(op, t, 4);
        int[] v = new int[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
        return v;
    }

    /** The tensor's single scale and int8 zero point. */
    static Quantization perTensor(Tensor t, String role) {
        return perTensor(t, role, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    /** The tensor's single scale and a zero point in {@code zpMin..zpMax} (0..255 for uint8). */
    static Quantization perTensor(Tensor t, String role, int zpMin, int zpMax) {
        Quantization q = t.quantization();
        if (q == null || q.scale().length != 1 || q.zeroPoint().length != 1) {
            throw new TfliteRefusal(role + " \"" + t.name() + "\" has no per-tensor quantization (one scale and one zero point)");
        }
        if (!(q.scale()[0] > 0) || Float.isInfinite(q.scale()[0])) throw new TfliteRefusal(role + " \"" + t.name() + "\" has scale " + q.scale()[0]);
        if (q.zeroPoint()[0] < zpMin || q.zeroPoint()[0] > zpMax) {
            throw new TfliteRefusal(role + " \"" + t.name() + "\" has zero point " + q.zeroPoint()[0] + ", outside " + zpMin + ".." + zpMax);
        }
        return q;
    }

    /** The NHWC map of a batch-1 tensor: {@code [1,H,W,C]}, {@code [1,W,C]}, {@code [1,N]} or {@code [N]}. */
    static FeatureShape feature(Tensor t, String role) {
        for (int d : t.shape()) {
            if (d < 1) throw new TfliteRefusal(role + " \"" + t.name() + "\" has shape " + Arrays.toString(t.shape()) + ", an empty dimension");
        }
        FeatureShape f = featureOrNull(t.shape());
        if (f == null) {
            throw new TfliteRefusal(role + " \"" + t.name() + "\" has shape " + Arrays.toString(t.shape()) + "; batch 1 and at most 4-D is mapped");
        }
        return f;
    }

    /** As {@link #feature}, or null for a shape that is not a batch-1 map. */
    static FeatureShape featureOrNull(int[] s) {
        for (int d : s) {
            if (d < 1) return null;
        }
        return switch (s.length) {
            case 1 -> new FeatureShape(1, 1, s[0]);
            case 2 -> s[0] == 1 ? new FeatureShape(1, 1, s[1]) : null;
            case 3 -> s[0] == 1 ? new FeatureShape(1, s[1], s[2]) : null;
            case 4 -> s[0] == 1 ? new FeatureShape(s[1], s[2], s[3]) : null;
            default -> null;
        };
    }

    static String typeName(Tensor t) {
        return t.type() == TensorType.OTHER ? "of tensor type " + t.typeCode() : t.type().name().toLowerCase(Locale.ROOT);
    }
}
