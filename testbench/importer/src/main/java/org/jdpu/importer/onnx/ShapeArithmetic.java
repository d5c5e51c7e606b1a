package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import org.jdpu.importer.onnx.Constants.Constant;
import org.jdpu.importer.onnx.TensorValue.ConstValue;
import org.jdpu.importer.onnx.TensorValue.MapValue;
import org.jdpu.importer.onnx.TensorValue.PaddedValue;
import org.jdpu.importer.onnx.TensorValue.QuantizedValue;
import org.jdpu.spec.FeatureShape;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape computations exporters write in front of a {@code Reshape} (PyTorch's
 * {@code x.view(x.size(0), -1)} becomes {@code Shape -> Gather -> Unsqueeze -> Concat -> Reshape}),
 * folded to constants: every shape is known once the batch is taken as 1. Only integer vectors
 * (and scalars) are folded, which is all such chains hold.
 */
final class ShapeArithmetic {
    private final GraphMapper mapper;

    ShapeArithmetic(GraphMapper mapper) {
        this.mapper = mapper;
    }

    private void put(NodeProto n, int[] shape, long[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = v[i];
        mapper.values.put(mapper.out(n), new ConstValue(new Constant(shape, f, v)));
    }

    /** {@code Shape}: the input's dimensions in ONNX (NCHW) order, batch 1. */
    void shape(NodeProto n) {
        FeatureShape s;
        int rank;
        switch (mapper.value(n, 0)) {
            case MapValue m -> {
                s = m.shape();
                rank = m.rank();
            }
            case QuantizedValue q -> {
                s = q.map().shape();
                rank = q.map().rank();
            }
            case PaddedValue p -> throw OnnxException.at(mapper.file, n, "the shape of a pad that is merged later is not supported");
            case ConstValue c -> {
                int[] d = c.c().shape();
                long[] v = new long[d.length];
                for (int i = 0; i < d.length; i++) v[i] = d[i];
                put(n, new int[] {d.length}, v);
                return;
            }
        }
        long[] dims = rank == 4 ? new long[] {1, s.c(), s.h(), s.w()} : new long[] {1, (long) s.c() * s.h() * s.w()};
        put(n, new int[] {dims.length}, dims);
    }

    private long[] ints(NodeProto n, int i) {
        Constant c = mapper.constant(n, i);
        if (c.integers() == null) throw OnnxException.at(mapper.file, n, "input " + i + " must be an integer constant");
        if (c.shape().length > 1) throw OnnxException.at(mapper.file, n, "only vectors and scalars are folded");
        return c.integers();
    }

    /** {@code Gather} on a constant vector along axis 0. */
    void gather(NodeProto n, Attributes a) {
        if (a.integer("axis", 0) != 0) throw OnnxException.at(mapper.file, n, "only Gather along axis 0 of a shape is supported");
        long[] data = ints(n, 0);
        Constant idx = mapper.constant(n, 1);
        long[] ix = ints(n, 1);
        long[] out = new long[ix.length];
        for (int i = 0; i < ix.length; i++) {
            long k = ix[i] < 0 ? ix[i] + data.length : ix[i];
            if (k < 0 || k >= data.length) throw OnnxException.at(mapper.file, n, "index " + ix[i] + " is out of range");
            out[i] = data[(int) k];
        }
        put(n, idx.shape().length == 0 ? new int[0] : new int[] {out.length}, out);
    }

    /** {@code Unsqueeze} of a scalar or vector to a vector (the axes as an attribute before opset 13, an input since). */
    void unsqueeze(NodeProto n, Attributes a) {
        long[] v = ints(n, 0);
        int rank = mapper.constant(n, 0).shape().length;
        if (rank != 0 && !(rank == 1 && v.length == 1)) {
            throw OnnxException.at(mapper.file, n, "only a scalar (or one value) can be unsqueezed here");
        }
        put(n, new int[] {v.length}, v);
    }

    /** {@code Squeeze} of a one-value vector to a scalar. */
    void squeeze(NodeProto n) {
        long[] v = ints(n, 0);
        if (v.length != 1) throw OnnxException.at(mapper.file, n, "only a one-value vector can be squeezed here");
        put(n, new int[0], v);
    }

    /** {@code Concat} of constant vectors. */
    void concat(NodeProto n) {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < n.getInputCount(); i++) for (long x : ints(n, i)) all.add(x);
        long[] v = all.stream().mapToLong(Long::longValue).toArray();
        put(n, new int[] {v.length}, v);
    }

    /** True when every input of {@code n} is a constant: a shape computation, not a layer. */
    boolean allConstant(NodeProto n) {
        for (int i = 0; i < n.getInputCount(); i++) {
            if (n.getInput(i).isEmpty() || !(mapper.values.get(n.getInput(i)) instanceof ConstValue)) return false;
        }
        return n.getInputCount() > 0;
    }
}
