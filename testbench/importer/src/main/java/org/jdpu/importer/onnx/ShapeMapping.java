package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.jdpu.importer.onnx.Constants.Constant;
import org.jdpu.importer.onnx.TensorValue.ConstValue;
import org.jdpu.importer.onnx.TensorValue.MapValue;
import org.jdpu.importer.onnx.TensorValue.QuantizedValue;
import org.jdpu.spec.FeatureShape;

import java.util.Arrays;

/**
 * Constants, aliases and views: {@code Constant}, {@code Identity}/{@code Dropout}, {@code Flatten},
 * {@code Reshape}, {@code Cast} and {@code ConstantOfShape} on constants, and nearest {@code Resize}.
 */
final class ShapeMapping {
    private final GraphMapper mapper;

    ShapeMapping(GraphMapper mapper) {
        this.mapper = mapper;
    }

    void alias(NodeProto n) {
        mapper.values.put(mapper.out(n), mapper.value(n, 0));
    }

    void constant(NodeProto n, Attributes a) {
        AttributeProto t = a.tensorAttribute("value");
        Constant c;
        if (t != null) {
            c = Constants.of(mapper.file, t.getT(), OnnxException.describe(n));
        } else if (a.has("value_float")) {
            c = new Constant(new int[0], new float[] {a.real("value_float", 0)}, null);
        } else if (a.has("value_int")) {
            long v = a.integer("value_int", 0);
            c = new Constant(new int[0], new float[] {v}, new long[] {v});
        } else if (a.has("value_ints")) {
            int[] v = a.ints("value_ints", new int[0]);
            float[] f = new float[v.length];
            long[] l = new long[v.length];
            for (int i = 0; i < v.length; i++) f[i] = l[i] = v[i];
            c = new Constant(new int[] {v.length}, f, l);
        } else {
            throw OnnxException.at(mapper.file, n, "only value, value_float, value_int and value_ints constants are supported");
        }
        mapper.values.put(mapper.out(n), new ConstValue(c));
    }

    /** {@code Transpose}: only the NHWC-to-NCHW view of the model's input (see {@link GraphMapper#inputTranspose}). */
    void transpose(NodeProto n, Attributes a) {
        int[] perm = a.ints("perm", null);
        MapValue view = perm == null ? null : mapper.inputTranspose(n, perm);
        if (view == null) {
            throw OnnxException.at(mapper.file, n, "Transpose " + (perm == null ? "without perm" : Arrays.toString(perm))
                    + " is supported only as perm [0, 3, 1, 2] on an NHWC model input read by nothing else");
        }
        mapper.values.put(mapper.out(n), view);
    }

    void flatten(NodeProto n, Attributes a) {
        MapValue x = mapper.map(n, 0);
        long axis = a.integer("axis", 1);
        if (axis != 1 && !(x.rank() == 2 && axis == -1)) {
            throw OnnxException.at(mapper.file, n, "axis " + axis + ": only Flatten(axis=1) is supported");
        }
        mapper.values.put(mapper.out(n), new MapValue(x.node(), x.shape(), 2));
    }

    void reshape(NodeProto n) {
        MapValue x = mapper.map(n, 0);
        Constant s = mapper.constant(n, 1);
        if (s.integers() == null) throw OnnxException.at(mapper.file, n, "the shape must be an integer constant");
        long[] target = s.integers().clone();
        FeatureShape f = x.shape();
        long[] current = x.rank() == 4 ? new long[] {1, f.c(), f.h(), f.w()} : new long[] {1, (long) f.c() * f.h() * f.w()};
        long total = (long) f.c() * f.h() * f.w();
        long known = 1;
        int infer = -1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0 && i < current.length) target[i] = current[i];
            if (target[i] == -1) {
                if (infer >= 0) throw OnnxException.at(mapper.file, n, "shape has two -1 entries");
                infer = i;
            } else {
                known *= target[i];
            }
        }
        if (infer >= 0) target[infer] = known == 0 ? 0 : total / known;
        String wanted = Arrays.toString(target);
        if (target.length == 2 && target[0] == 1 && target[1] == total) {
            mapper.values.put(mapper.out(n), new MapValue(x.node(), f, 2));
        } else if (Arrays.equals(target, current)) {
            mapper.values.put(mapper.out(n), x);
        } else if (target.length == 4 && f.h() * f.w() == 1 && target[0] == 1 && target[1] == f.c() && target[2] == 1
                && target[3] == 1) {
            mapper.values.put(mapper.out(n), new MapValue(x.node(), f, 4));
        } else {
            throw OnnxException.at(mapper.file, n, "reshape of " + Arrays.toString(current) + " to " + wanted + " is not supported "
                    + "(only flattening to [1, C*H*W] and back to [1, C, 1, 1])");
        }
    }

    void resize(NodeProto n, Attributes a) {
        MapValue x = mapper.map(n, 0);
        if (x.rank() != 4) throw OnnxException.at(mapper.file, n, "input is not a [N, C, H, W] map");
        String mode = a.string("mode", "nearest");
        if (!mode.equals("nearest")) throw OnnxException.at(mapper.file, n, "mode " + mode + " is not supported (only nearest)");
        String coord = a.string("coordinate_transformation_mode", n.getOpType().equals("Upsample") || mapper.opset < 11 ? "asymmetric" : "half_pixel");
        String nearest = a.string("nearest_mode", mapper.opset < 11 ? "floor" : "round_prefer_floor");
        boolean repeats = (coord.equals("asymmetric") && nearest.equals("floor"))
                || ((coord.equals("half_pixel") || coord.equals("pytorch_half_pixel"))
                        && (nearest.equals("round_prefer_floor") || nearest.equals("round_prefer_ceil")));
        if (!repeats) {
            throw OnnxException.at(mapper.file, n, "coordinate_transformation_mode " + coord + " with nearest_mode " + nearest
                    + " is not a plain repeat; only asymmetric/floor and half_pixel/round_prefer_* are supported");
        }
        FeatureShape f = x.shape();
        float[] scales = null;
        int scalesAt = n.getOpType().equals("Upsample") || mapper.opset < 11 ? 1 : 2;
        if (mapper.present(n, scalesAt) && mapper.constant(n, scalesAt).size() > 0) {
            scales = mapper.constant(n, scalesAt).values();
        } else if (mapper.present(n, 3)) {
            Constant s = mapper.constant(n, 3);
            if (s.size() != 4) throw OnnxException.at(mapper.file, n, "sizes must have 4 values");
            scales = new float[] {1, 1, s.values()[2] / f.h(), s.values()[3] / f.w()};
        } else if (a.has("scales")) {
            throw OnnxException.at(mapper.file, n, "scales as an attribute are not supported");
        }
        if (scales == null || scales.length != 4) throw OnnxException.at(mapper.file, n, "needs 4 scales or sizes");
        if (scales[0] != 1f || scales[1] != 1f) throw OnnxException.at(mapper.file, n, "only the height and width may be resized");
        int fy = Math.round(scales[2]), fx = Math.round(scales[3]);
        if (fy < 1 || fx < 1 || fy != scales[2] || fx != scales[3]) {
            throw OnnxException.at(mapper.file, n, "scales " + scales[2] + " x " + scales[3] + ": only integer upsampling is supported");
        }
        String name = mapper.name(n);
        FloatGraph.Resize r = new FloatGraph.Resize(name, x.node(), f, fy, fx, OnnxException.describe(n));
        mapper.nodes.add(r);
        mapper.values.put(mapper.out(n), new MapValue(name, r.output(), 4));
    }

    void cast(NodeProto n) {
        long to = new Attributes(mapper.file, n).integer("to", 0);
        TensorValue v = mapper.value(n, 0);
        // Exporters also write casts that change nothing: to the type a tensor already has.
        boolean noOp = switch (v) {
            case MapValue m -> to == TensorProto.DataType.FLOAT_VALUE;
            case QuantizedValue q -> to == (q.q().unsigned() ? TensorProto.DataType.UINT8_VALUE : TensorProto.DataType.INT8_VALUE);
            default -> false;
        };
        if (noOp) {
            mapper.values.put(mapper.out(n), v);
            return;
        }
        if (!(v instanceof ConstValue c)) {
            throw OnnxException.at(mapper.file, n, "Cast to type " + to + " is supported only on constants (as exporters "
                    + "write it for zero points) and where it changes nothing");
        }
        boolean unsigned = to == TensorProto.DataType.UINT8_VALUE;
        boolean integer = to != TensorProto.DataType.FLOAT_VALUE && to != TensorProto.DataType.DOUBLE_VALUE;
        float[] f = c.c().values();
        long[] ints = null;
        if (integer) {
            ints = new long[f.length];
            for (int i = 0; i < f.length; i++) ints[i] = c.c().integers() != null ? c.c().integers()[i] : (long) f[i];
        }
        mapper.values.put(mapper.out(n), new ConstValue(new Constant(c.c().shape(), f, ints, unsigned, null)));
    }

    void constantOfShape(NodeProto n, Attributes a) {
        Constant shape = mapper.constant(n, 0);
        if (shape.integers() == null) throw OnnxException.at(mapper.file, n, "the shape must be an integer constant");
        int[] dims = new int[shape.size()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape.integers()[i];
            count *= dims[i];
        }
        if (count > 1 << 24) throw OnnxException.at(mapper.file, n, "a constant of " + count + " values is too large");
        AttributeProto t = a.tensorAttribute("value");
        Constant fill = t == null ? new Constant(new int[0], new float[] {0f}, null)
                : Constants.of(mapper.file, t.getT(), OnnxException.describe(n));
        float[] f = new float[(int) count];
        Arrays.fill(f, fill.values()[0]);
        long[] ints = null;
        if (fill.integers() != null) {
            ints = new long[f.length];
            Arrays.fill(ints, fill.integers()[0]);
        }
        mapper.values.put(mapper.out(n), new ConstValue(new Constant(dims, f, ints, fill.unsigned(), null)));
    }
}
