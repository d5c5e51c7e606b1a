package org.jdpu.importer.tflite;

import com.google.flatbuffers.FlatBufferBuilder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Builds small TFLite flatbuffers for tests with the flatbuffers runtime's builder, field numbers as
 * in the TFLite schema: tensors with constant data and affine quantization, operators with builtin
 * options, one subgraph.
 */
final class TestModel {
    static final byte INT8 = 9, INT32 = 2, FLOAT32 = 0, INT16 = 7, UINT8 = 3;

    private record TensorDef(String name, int[] shape, byte type, int buffer, float[] scale, long[] zeroPoint, int dim) {}

    private record OpDef(int code, int[] inputs, int[] outputs, byte optionsType, ToIntFunction<FlatBufferBuilder> options) {}

    private final List<byte[]> buffers = new ArrayList<>(List.of(new byte[0]));
    private final List<TensorDef> tensors = new ArrayList<>();
    private final List<OpDef> ops = new ArrayList<>();

    /** An activation tensor (no data) with per-tensor quantization. */
    int activation(String name, int[] shape, float scale, int zeroPoint) {
        return tensor(name, shape, INT8, null, new float[] {scale}, new long[] {zeroPoint}, 0);
    }

    /** A float tensor without quantization (model edges). */
    int float32(String name, int[] shape) {
        return tensor(name, shape, FLOAT32, null, null, null, 0);
    }

    int int8Constant(String name, int[] shape, byte[] data, float[] scale, long[] zeroPoint, int dim) {
        return tensor(name, shape, INT8, data, scale, zeroPoint, dim);
    }

    int int32Constant(String name, int[] shape, int[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : data) b.putInt(v);
        return tensor(name, shape, INT32, b.array(), null, null, 0);
    }

    /** Any tensor; {@code data} null for none, {@code scale} null for no quantization. */
    int tensor(String name, int[] shape, byte type, byte[] data, float[] scale, long[] zeroPoint, int dim) {
        int buffer = 0;
        if (data != null) {
            buffers.add(data);
            buffer = buffers.size() - 1;
        }
        tensors.add(new TensorDef(name, shape, type, buffer, scale, zeroPoint, dim));
        return tensors.size() - 1;
    }

    /** An operator; {@code options} writes its options table (null: none) of union member {@code optionsType}. */
    void op(int code, int[] inputs, int[] outputs, int optionsType, ToIntFunction<FlatBufferBuilder> options) {
        ops.add(new OpDef(code, inputs, outputs, (byte) optionsType, options));
    }

    void conv(int x, int w, int b, int y, int padding, int stride, int activation) {
        op(BuiltinOperator.CONV_2D, new int[] {x, w, b}, new int[] {y}, 1, f -> {
            f.startTable(6);
            f.addByte(0, (byte) padding, 0);
            f.addInt(1, stride, 0);
            f.addInt(2, stride, 0);
            f.addByte(3, (byte) activation, 0);
            return f.endTable();
        });
    }

    void depthwise(int x, int w, int b, int y, int padding, int stride, int activation) {
        op(BuiltinOperator.DEPTHWISE_CONV_2D, new int[] {x, w, b}, new int[] {y}, 2, f -> {
            f.startTable(7);
            f.addByte(0, (byte) padding, 0);
            f.addInt(1, stride, 0);
            f.addInt(2, stride, 0);
            f.addByte(4, (byte) activation, 0);
            return f.endTable();
        });
    }

    void fullyConnected(int x, int w, int b, int y, int activation) {
        op(BuiltinOperator.FULLY_CONNECTED, new int[] {x, w, b}, new int[] {y}, 8, f -> {
            f.startTable(3);
            f.addByte(0, (byte) activation, 0);
            return f.endTable();
        });
    }

    void pool(int code, int x, int y, int padding, int stride, int filter, int activation) {
        op(code, new int[] {x}, new int[] {y}, 5, f -> {
            f.startTable(6);
            f.addByte(0, (byte) padding, 0);
            f.addInt(1, stride, 0);
            f.addInt(2, stride, 0);
            f.addInt(3, filter, 0);
            f.addInt(4, filter, 0);
            f.addByte(5, (byte) activation, 0);
            return f.endTable();
        });
    }

    void concat(int[] xs, int y, int axis) {
        op(BuiltinOperator.CONCATENATION, xs, new int[] {y}, 10, f -> {
            f.startTable(2);
            f.addInt(0, axis, 0);
            return f.endTable();
        });
    }

    void simple(int code, int[] inputs, int y) {
        op(code, inputs, new int[] {y}, 0, null);
    }

    /** The model file with subgraph inputs {@code in} and outputs {@code out}. */
    byte[] build(int[] in, int[] out) {
        FlatBufferBuilder f = new FlatBufferBuilder(1024);
        int[] bufferOffsets = new int[buffers.size()];
        for (int i = 0; i < buffers.size(); i++) {
            int data = buffers.get(i).length == 0 ? 0 : f.createByteVector(buffers.get(i));
            f.startTable(3);
            if (data != 0) f.addOffset(0, data, 0);
            bufferOffsets[i] = f.endTable();
        }
        int[] tensorOffsets = new int[tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            TensorDef t = tensors.get(i);
            int shape = ints(f, t.shape());
            int name = f.createString(t.name());
            int quant = 0;
            if (t.scale() != null) {
                int scale = floats(f, t.scale());
                int zp = longs(f, t.zeroPoint());
                f.startTable(7);
                f.addOffset(2, scale, 0);
                f.addOffset(3, zp, 0);
                f.addInt(6, t.dim(), 0);
                quant = f.endTable();
            }
            f.startTable(9);
            f.addOffset(0, shape, 0);
            f.addByte(1, t.type(), 0);
            f.addInt(2, t.buffer(), 0);
            f.addOffset(3, name, 0);
            if (quant != 0) f.addOffset(4, quant, 0);
            tensorOffsets[i] = f.endTable();
        }
        List<Integer> codes = new ArrayList<>();
        int[] opOffsets = new int[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            OpDef o = ops.get(i);
            if (!codes.contains(o.code())) codes.add(o.code());
            int inputs = ints(f, o.inputs()), outputs = ints(f, o.outputs());
            int options = o.options() == null ? 0 : o.options().applyAsInt(f);
            f.startTable(5);
            f.addInt(0, codes.indexOf(o.code()), 0);
            f.addOffset(1, inputs, 0);
            f.addOffset(2, outputs, 0);
            if (options != 0) {
                f.addByte(3, o.optionsType(), 0);
                f.addOffset(4, options, 0);
            }
            opOffsets[i] = f.endTable();
        }
        int[] codeOffsets = new int[codes.size()];
        for (int i = 0; i < codes.size(); i++) {
            f.startTable(4);
            f.addByte(0, (byte) Math.min(codes.get(i), 127), 0);
            f.addInt(2, 1, 1);
            f.addInt(3, codes.get(i), 0);
            codeOffsets[i] = f.endTable();
        }
        int tensorVec = offsets(f, tensorOffsets), inVec = ints(f, in), outVec = ints(f, out), opVec = offsets(f, opOffsets);
        int sgName = f.createString("main");
        f.startTable(5);
        f.addOffset(0, tensorVec, 0);
        f.addOffset(1, inVec, 0);
        f.addOffset(2, outVec, 0);
        f.addOffset(3, opVec, 0);
        f.addOffset(4, sgName, 0);
        int subgraph = f.endTable();
        int codeVec = offsets(f, codeOffsets), sgVec = offsets(f, new int[] {subgraph}), bufVec = offsets(f, bufferOffsets);
        f.startTable(5);
        f.addInt(0, 3, 0);
        f.addOffset(1, codeVec, 0);
        f.addOffset(2, sgVec, 0);
        f.addOffset(4, bufVec, 0);
        f.finish(f.endTable(), TfliteReader.IDENTIFIER);
        return f.sizedByteArray();
    }

    private static int ints(FlatBufferBuilder f, int[] v) {
        f.startVector(4, v.length, 4);
        for (int i = v.length - 1; i >= 0; i--) f.addInt(v[i]);
        return f.endVector();
    }

    private static int floats(FlatBufferBuilder f, float[] v) {
        f.startVector(4, v.length, 4);
        for (int i = v.length - 1; i >= 0; i--) f.addFloat(v[i]);
        return f.endVector();
    }

    private static int longs(FlatBufferBuilder f, long[] v) {
        f.startVector(8, v.length, 8);
        for (int i = v.length - 1; i >= 0; i--) f.addLong(v[i]);
        return f.endVector();
    }

    private static int offsets(FlatBufferBuilder f, int[] v) {
        f.startVector(4, v.length, 4);
        for (int i = v.length - 1; i >= 0; i--) f.addOffset(v[i]);
        return f.endVector();
    }

    /**
     * One model with every mapped operator: x [1,8,8,3] -> PAD -> CONV_2D 3x3 (relu) -> DEPTHWISE
     * 3x3 SAME stride 2 (relu6) -> AVERAGE_POOL_2D and MAX_POOL_2D -> CONCATENATION -> ADD (of the
     * concat with itself) -> MEAN -> RESHAPE -> FULLY_CONNECTED -> SOFTMAX, random weights from
     * {@code r}.
     */
    static byte[] everyOperator(java.util.Random r) {
        TestModel m = new TestModel();
        int x = m.activation("x", new int[] {1, 8, 8, 3}, 0.1f, -2);
        int pads = m.int32Constant("pads", new int[] {4, 2}, new int[] {0, 0, 1, 1, 1, 1, 0, 0});
        int p = m.activation("p", new int[] {1, 10, 10, 3}, 0.1f, -2);
        int cw = m.int8Constant("cw", new int[] {4, 3, 3, 3}, random(r, 108), new float[] {0.01f, 0.02f, 0.015f, 0.012f}, new long[4], 0);
        int cb = m.int32Constant("cb", new int[] {4}, new int[] {100, -200, 300, -50});
        int c = m.activation("c", new int[] {1, 8, 8, 4}, 0.2f, 3);
        int dw = m.int8Constant("dw", new int[] {1, 3, 3, 4}, random(r, 36), new float[] {0.03f, 0.02f, 0.025f, 0.01f}, new long[4], 3);
        int db = m.int32Constant("db", new int[] {4}, new int[] {-30, 40, 0, 70});
        int d = m.activation("d", new int[] {1, 4, 4, 4}, 0.15f, -5);
        int a = m.activation("a", new int[] {1, 4, 4, 4}, 0.15f, -5);
        int mx = m.activation("m", new int[] {1, 4, 4, 4}, 0.15f, -5);
        int k = m.activation("k", new int[] {1, 4, 4, 8}, 0.15f, -5);
        int s = m.activation("s", new int[] {1, 4, 4, 8}, 0.3f, 0);
        int axes = m.int32Constant("axes", new int[] {2}, new int[] {1, 2});
        int mean = m.activation("mean", new int[] {1, 1, 1, 8}, 0.1f, 2);
        int shape = m.int32Constant("shape", new int[] {2}, new int[] {1, 8});
        int flat = m.activation("flat", new int[] {1, 8}, 0.1f, 2);
        int fw = m.int8Constant("fw", new int[] {3, 8}, random(r, 24), new float[] {0.02f}, new long[] {0}, 0);
        int logits = m.activation("logits", new int[] {1, 3}, 0.2f, 0);
        int probs = m.activation("probs", new int[] {1, 3}, 1f / 256, -128);
        m.simple(BuiltinOperator.PAD, new int[] {x, pads}, p);
        m.conv(p, cw, cb, c, 1, 1, 1);
        m.depthwise(c, dw, db, d, 0, 2, 3);
        m.pool(BuiltinOperator.AVERAGE_POOL_2D, d, a, 0, 1, 2, 0);
        m.pool(BuiltinOperator.MAX_POOL_2D, d, mx, 0, 1, 3, 0);
        m.concat(new int[] {a, mx}, k, 3);
        m.op(BuiltinOperator.ADD, new int[] {k, k}, new int[] {s}, 11, f -> {
            f.startTable(2);
            return f.endTable();
        });
        m.op(BuiltinOperator.MEAN, new int[] {s, axes}, new int[] {mean}, 27, f -> {
            f.startTable(1);
            f.addBoolean(0, true, false);
            return f.endTable();
        });
        m.simple(BuiltinOperator.RESHAPE, new int[] {mean, shape}, flat);
        m.fullyConnected(flat, fw, -1, logits, 0);
        m.op(BuiltinOperator.SOFTMAX, new int[] {logits}, new int[] {probs}, 9, f -> {
            f.startTable(1);
            f.addFloat(0, 1f, 0);
            return f.endTable();
        });
        return m.build(new int[] {x}, new int[] {probs});
    }

    private static byte[] random(java.util.Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static float[] scales(int n, float s) {
        float[] v = new float[n];
        Arrays.fill(v, s);
        return v;
    }
}
