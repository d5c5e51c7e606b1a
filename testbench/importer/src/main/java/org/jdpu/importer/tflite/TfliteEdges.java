package org.jdpu.importer.tflite;

import org.jdpu.importer.edge.EdgeDType;
import org.jdpu.importer.tflite.TfliteMapper.Edge;
import org.jdpu.importer.tflite.TfliteMapper.Value;
import org.jdpu.importer.tflite.TfliteModel.Operator;
import org.jdpu.importer.tflite.TfliteModel.Quantization;
import org.jdpu.importer.tflite.TfliteModel.Tensor;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;

import java.util.Arrays;

/**
 * The operators that only relabel a feature map: PAD (kept for the convolution that reads it),
 * RESHAPE (a new view of the same bytes), TRANSPOSE at the edges (an NCHW edge), and QUANTIZE /
 * DEQUANTIZE at the edges (a float32 or uint8 edge).
 */
final class TfliteEdges {
    private final TfliteMapper m;

    TfliteEdges(TfliteMapper m) {
        this.m = m;
    }

    /** PAD / PADV2 of height and width with the zero point: kept on the value for the convolution that reads it. */
    void pad(Operator op) {
        TfliteOperands.count(op, 2, 3);
        Value x = m.value(op, 0);
        Tensor y = m.operands.output(op);
        m.requireView(op, x, false);
        m.sameEncoding(op, x, y);
        Tensor p = m.operands.constant(op, op.inputs()[1], TensorType.INT32, "paddings");
        int[] v = m.operands.int32(op, p);
        if (v.length != 8) m.refuse(op, "pads a " + (v.length / 2) + "-D tensor; a 4-D NHWC tensor is mapped");
        if (v[0] != 0 || v[1] != 0 || v[6] != 0 || v[7] != 0) m.refuse(op, "pads the batch or channel axis " + Arrays.toString(v));
        for (int a : v) {
            if (a < 0) m.refuse(op, "has a negative padding " + Arrays.toString(v));
        }
        if (op.inputs().length == 3 && op.inputs()[2] >= 0) {
            Tensor c = m.operands.constant(op, op.inputs()[2], TensorType.INT8, "constant value");
            byte[] cv = m.operands.data(op, c, 1);
            if (cv.length != 1 || cv[0] != x.zeroPoint()) {
                m.refuse(op, "pads with " + (cv.length == 1 ? cv[0] : "several values") + ", not the zero point " + x.zeroPoint());
            }
        }
        Padding merged = TflitePadding.plus(x.pad(), new Padding(v[2], v[4], v[3], v[5]));
        m.values.put(y.index(), new Value(x.source(), x.feature(), x.scale(), x.zeroPoint(), merged, y.shape()));
    }

    /** RESHAPE: the same bytes under the model's new shape; at the untouched model input, the network's input shape. */
    void reshape(Operator op) {
        TfliteOperands.count(op, 1, 2);
        Value x = m.value(op, 0);
        Tensor y = m.operands.output(op);
        if (!x.pad().equals(Padding.NONE)) m.refuse(op, "reshapes a PAD's output");
        m.sameEncoding(op, x, y);
        long n = (long) x.feature().h() * x.feature().w() * x.feature().c();
        if (y.elements() != n) m.refuse(op, "changes the element count from " + n + " to " + y.elements());
        if (x.source().equals(NetworkSpec.INPUT) && !m.inputRead) {
            // Nothing has read the network input yet: the reshaped view becomes the network's input shape.
            m.values.put(y.index(), new Value(x.source(), TfliteOperands.feature(y, "output of " + op.label()), x.scale(), x.zeroPoint(),
                    Padding.NONE, y.shape()));
        } else {
            m.values.put(y.index(), x.withView(y.shape()));
        }
    }

    /**
     * TRANSPOSE at the edges: NCHW to NHWC ({@code [0, 2, 3, 1]}) of the model input, which makes
     * the input edge NCHW, or NHWC to NCHW ({@code [0, 3, 1, 2]}) of a map the model outputs.
     */
    void transpose(Operator op) {
        TfliteOperands.count(op, 2, 2);
        Value x = m.value(op, 0);
        Tensor y = m.operands.output(op);
        m.sameEncoding(op, x, y);
        Tensor p = m.operands.constant(op, op.inputs()[1], TensorType.INT32, "perm");
        int[] perm = m.operands.int32(op, p);
        if (Arrays.equals(perm, new int[] {0, 1, 2, 3})) {
            m.values.put(y.index(), x.withView(y.shape()));
        } else if (Arrays.equals(perm, new int[] {0, 2, 3, 1}) && x.source().equals(NetworkSpec.INPUT) && !m.inputRead
                && !m.inputNchw && x.view().length == 4) {
            m.values.put(y.index(), new Value(x.source(), TfliteOperands.feature(y, "output of " + op.label()), x.scale(), x.zeroPoint(),
                    Padding.NONE, y.shape()));
            m.inputNchw = true;
        } else if (Arrays.equals(perm, new int[] {0, 3, 1, 2}) && x.pad().equals(Padding.NONE)) {
            m.requireView(op, x, false);
            m.values.put(y.index(), x.withView(y.shape()));
            m.nchw.add(y.index());
        } else {
            m.refuse(op, "permutes " + Arrays.toString(perm) + "; only NCHW to NHWC of the model input and NHWC to NCHW "
                    + "of the model output are mapped");
        }
    }

    /**
     * QUANTIZE at the edges: the float32 model input to int8; a uint8 model input to int8 of the same
     * scale with the zero point moved by 128 (the edge moves the values); or int8 to a uint8 model
     * output the same way. A requantisation inside the graph is refused.
     */
    void quantize(Operator op) {
        TfliteOperands.count(op, 1, 1);
        Tensor in = m.model.tensor(op.inputs()[0]);
        Tensor y = m.model.tensor(op.outputs()[0]);
        boolean fromInput = in.index() == m.model.subgraph().inputs()[0];
        boolean toOutput = y.index() == m.model.subgraph().outputs()[0];
        String role = "output of " + op.label();
        if (fromInput && in.type() == TensorType.FLOAT32 && y.type() == TensorType.INT8) {
            Quantization q = TfliteOperands.perTensor(y, role);
            m.values.put(y.index(), new Value(NetworkSpec.INPUT, TfliteOperands.feature(y, role), q.scale()[0],
                    (int) q.zeroPoint()[0], Padding.NONE, y.shape()));
            m.inputEdge = new Edge(in.name(), in.shape(), EdgeDType.FLOAT32, q.scale()[0], (int) q.zeroPoint()[0]);
        } else if (fromInput && in.type() == TensorType.UINT8 && y.type() == TensorType.INT8) {
            Quantization qi = TfliteOperands.perTensor(in, "the model input", 0, 255), qo = TfliteOperands.perTensor(y, role);
            moveBy128(op, qi, qo);
            m.values.put(y.index(), new Value(NetworkSpec.INPUT, TfliteOperands.feature(y, role), qo.scale()[0],
                    (int) qo.zeroPoint()[0], Padding.NONE, y.shape()));
            m.inputEdge = new Edge(in.name(), in.shape(), EdgeDType.UINT8, qo.scale()[0], (int) qo.zeroPoint()[0]);
        } else if (toOutput && in.type() == TensorType.INT8 && y.type() == TensorType.UINT8) {
            Value x = m.value(op, 0);
            Quantization qi = TfliteOperands.perTensor(in, "input of " + op.label()), qo = TfliteOperands.perTensor(y, role, 0, 255);
            moveBy128(op, qo, qi);
            m.values.put(y.index(), x.withView(y.shape()));
            if (m.nchw.contains(in.index())) m.nchw.add(y.index());
            m.outputEdge = new Edge(y.name(), y.shape(), EdgeDType.UINT8, x.scale(), x.zeroPoint());
        } else {
            m.refuse(op, "requantises inside the graph; QUANTIZE is mapped only from a float32 or uint8 model input "
                    + "and to a uint8 model output");
        }
    }

    /** The int8 side of a uint8 edge has the uint8 side's scale and its zero point minus 128. */
    private static void moveBy128(Operator op, Quantization uint8, Quantization int8) {
        if (uint8.scale()[0] != int8.scale()[0] || int8.zeroPoint()[0] != uint8.zeroPoint()[0] - 128) {
            throw TfliteRefusal.of(op, "rescales between uint8 (scale " + uint8.scale()[0] + ", zero point " + uint8.zeroPoint()[0]
                    + ") and int8 (scale " + int8.scale()[0] + ", zero point " + int8.zeroPoint()[0]
                    + "); only the move by 128 of one scale is mapped");
        }
    }

    /** DEQUANTIZE of the last map to the float model output. */
    void dequantize(Operator op) {
        TfliteOperands.count(op, 1, 1);
        Value x = m.value(op, 0);
        Tensor y = m.model.tensor(op.outputs()[0]);
        if (op.outputs().length != 1 || y.index() != m.model.subgraph().outputs()[0] || y.type() != TensorType.FLOAT32) {
            m.refuse(op, "is mapped only as the last step to a float model output");
        }
        m.values.put(y.index(), x.withView(y.shape()));
        if (m.nchw.contains(op.inputs()[0])) m.nchw.add(y.index());
        m.outputEdge = new Edge(y.name(), y.shape(), EdgeDType.FLOAT32, x.scale(), x.zeroPoint());
    }
}
