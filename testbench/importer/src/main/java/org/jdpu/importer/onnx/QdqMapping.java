package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import org.jdpu.importer.onnx.Constants.Constant;
import org.jdpu.importer.onnx.TensorValue.ConstValue;
import org.jdpu.importer.onnx.TensorValue.MapValue;
import org.jdpu.importer.onnx.TensorValue.QuantizedValue;

/**
 * {@code QuantizeLinear} and {@code DequantizeLinear}: the scales and zero points of a QDQ model's
 * activations and weights.
 */
final class QdqMapping {
    private final GraphMapper mapper;

    QdqMapping(GraphMapper mapper) {
        this.mapper = mapper;
    }

    /** Per-output-channel weight scales of a layer from its weights' {@code DequantizeLinear}. */
    float[] outputScales(NodeProto n, QdqParams q, int outputs, int outputAxis) {
        float[] s = new float[outputs];
        if (!q.perTensor() && q.axis() != outputAxis) {
            throw OnnxException.at(mapper.file, n, "weights are quantized per channel along axis " + q.axis()
                    + ", not along the output axis " + outputAxis);
        }
        if (!q.perTensor() && q.scales().length != outputs) {
            throw OnnxException.at(mapper.file, n, q.scales().length + " weight scales for " + outputs + " outputs");
        }
        for (int i = 0; i < outputs; i++) {
            if (q.zeroPoint(i) != 0) throw OnnxException.at(mapper.file, n, "weights with a zero point are not supported (only symmetric int8)");
            s[i] = q.scale(i);
        }
        return s;
    }

    QdqParams params(NodeProto n, Attributes a, int rank) {
        Constant scale = mapper.constant(n, 1);
        long[] zp;
        boolean unsigned;
        if (mapper.present(n, 2)) {
            Constant z = mapper.constant(n, 2);
            if (z.integers() == null) throw OnnxException.at(mapper.file, n, "the zero point must be an integer constant");
            zp = z.integers();
            unsigned = z.unsigned();
        } else {
            zp = new long[] {0};
            unsigned = true; // ONNX's default zero point is uint8 0
        }
        for (float f : scale.values()) {
            if (!(f > 0) || Float.isInfinite(f)) throw OnnxException.at(mapper.file, n, "scale " + f + " is not a positive number");
        }
        long axis = a.integer("axis", 1);
        if (axis < 0) axis += rank;
        return new QdqParams(scale.values(), zp, (int) axis, unsigned);
    }

    void quantize(NodeProto n, Attributes a) {
        mapper.qdq = true;
        TensorValue v = mapper.value(n, 0);
        if (v instanceof ConstValue c) {
            // A float constant quantized in the graph: keep its integers for the DequantizeLinear after it.
            QdqParams q = params(n, a, c.c().shape().length);
            float[] f = c.c().values();
            long[] ints = new long[f.length];
            int lo = q.unsigned() ? 0 : -128, hi = q.unsigned() ? 255 : 127;
            int[] shape = c.c().shape();
            for (int i = 0; i < f.length; i++) {
                int ch = channelOf(i, shape, q.axis());
                double r = Math.rint(f[i] / q.scale(ch)) + q.zeroPoint(ch);
                ints[i] = (long) Math.max(lo, Math.min(hi, r));
            }
            float[] asFloat = new float[f.length];
            for (int i = 0; i < f.length; i++) asFloat[i] = ints[i];
            mapper.values.put(mapper.out(n), new ConstValue(new Constant(shape, asFloat, ints, q.unsigned(), null)));
            return;
        }
        MapValue mv = mapper.map(n, 0);
        QdqParams q = params(n, a, mv.rank() == 4 ? 4 : 2);
        if (!q.perTensor()) throw OnnxException.at(mapper.file, n, "activations quantized per channel are not supported");
        QdqParams before = mapper.activationQuant.get(mv.node());
        if (before != null && !before.sameAs(q)) {
            throw OnnxException.at(mapper.file, n, "quantizes the output of " + mv.node() + " with " + q + " but it was already "
                    + "quantized with " + before);
        }
        mapper.activationQuant.put(mv.node(), q);
        mapper.values.put(mapper.out(n), new QuantizedValue(mv, q, n));
    }

    private static int channelOf(int flat, int[] shape, int axis) {
        if (shape.length == 0 || axis >= shape.length) return 0;
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
        return (flat / inner) % shape[axis];
    }

    void dequantize(NodeProto n, Attributes a) {
        mapper.qdq = true;
        TensorValue v = mapper.value(n, 0);
        if (v instanceof QuantizedValue q) {
            QdqParams p = params(n, a, q.map().rank() == 4 ? 4 : 2);
            if (!p.sameAs(q.q())) {
                throw OnnxException.at(mapper.file, n, "dequantizes with " + p + " what " + OnnxException.describe(q.quantizeNode())
                        + " quantized with " + q.q());
            }
            mapper.values.put(mapper.out(n), q.map());
            return;
        }
        if (v instanceof ConstValue c && c.c().integers() != null) {
            int[] shape = c.c().shape();
            QdqParams p = params(n, a, shape.length);
            p = new QdqParams(p.scales(), p.zeroPoints(), p.axis(), c.c().unsigned());
            long[] ints = c.c().integers();
            float[] f = new float[ints.length];
            for (int i = 0; i < f.length; i++) {
                int ch = channelOf(i, shape, p.axis());
                f[i] = (float) ((ints[i] - p.zeroPoint(ch)) * (double) p.scale(ch));
            }
            mapper.values.put(mapper.out(n), new ConstValue(new Constant(shape, f, null, false, p)));
            return;
        }
        throw OnnxException.at(mapper.file, n, "dequantizes \"" + n.getInput(0) + "\", which is neither the output of a "
                + "QuantizeLinear nor an integer constant");
    }
}
