package org.jdpu.importer.tflite;

import org.jdpu.importer.tflite.TfliteModel.Operator;
import org.jdpu.importer.tflite.TfliteModel.Tensor;
import org.jdpu.importer.tflite.TfliteReference.Map;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;

/**
 * Runs a TFLite model's operators one by one with {@link TfliteReference}'s kernels, straight from
 * the flatbuffer's tensors (nothing of the importer's mapping), for the operators of the shared
 * vision models: CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D (VALID), RESHAPE; it stops at SOFTMAX.
 * Returns every operator output by operator index.
 */
final class TfliteGraphReference {
    private TfliteGraphReference() {}

    static java.util.Map<Integer, Map> run(TfliteModel m, byte[] input) {
        java.util.Map<Integer, Map> values = new HashMap<>();
        java.util.Map<Integer, Map> byOperator = new LinkedHashMap<>();
        Tensor in = m.tensor(m.subgraph().inputs()[0]);
        values.put(in.index(), new Map(in.shape()[1], in.shape()[2], in.shape()[3], input, zp(in)));
        for (Operator op : m.subgraph().operators()) {
            Map x = values.get(op.inputs()[0]);
            Tensor y = m.tensor(op.outputs()[0]);
            Map out = switch (op.code().builtinCode()) {
                case BuiltinOperator.CONV_2D, BuiltinOperator.DEPTHWISE_CONV_2D -> conv(m, op, x, y);
                case BuiltinOperator.AVERAGE_POOL_2D -> avgValid(x, (BuiltinOptions.Pool2D) op.options());
                case BuiltinOperator.RESHAPE -> x;
                case BuiltinOperator.SOFTMAX -> null;
                default -> throw new IllegalArgumentException("the reference does not run " + op.label());
            };
            if (out == null) break;
            values.put(y.index(), out);
            byOperator.put(op.index(), out);
        }
        return byOperator;
    }

    private static Map conv(TfliteModel m, Operator op, Map x, Tensor y) {
        boolean dw = op.code().builtinCode() == BuiltinOperator.DEPTHWISE_CONV_2D;
        Tensor w = m.tensor(op.inputs()[1]), b = m.tensor(op.inputs()[2]);
        int oc = dw ? w.shape()[3] : w.shape()[0];
        boolean same;
        int stride;
        BuiltinOptions.FusedActivation act;
        if (op.options() instanceof BuiltinOptions.Conv2D o) {
            same = o.padding() == BuiltinOptions.Padding.SAME; stride = o.strideH(); act = o.activation();
        } else {
            BuiltinOptions.DepthwiseConv2D o = (BuiltinOptions.DepthwiseConv2D) op.options();
            same = o.padding() == BuiltinOptions.Padding.SAME; stride = o.strideH(); act = o.activation();
        }
        float inScale = m.tensor(op.inputs()[0]).quantization().scale()[0];
        float outScale = y.quantization().scale()[0];
        double[] real = new double[oc];
        float[] ws = w.quantization().scale();
        for (int c = 0; c < oc; c++) real[c] = TfliteQuantParams.effectiveScale(inScale, ws[ws.length == 1 ? 0 : c], outScale);
        int[] bias = new int[oc];
        ByteBuffer.wrap(m.buffer(b.buffer())).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(bias);
        int[] range = TfliteQuantParams.activationRange(act, outScale, zp(y));
        return TfliteReference.conv(x, dw, m.buffer(w.buffer()), oc, w.shape()[1], w.shape()[2], bias, same, stride,
                real, zp(y), range[0], range[1]);
    }

    private static Map avgValid(Map x, BuiltinOptions.Pool2D o) {
        int k = o.filterH(), s = o.strideH();
        int oh = (x.h() - k) / s + 1, ow = (x.w() - o.filterW()) / s + 1;
        byte[] y = new byte[oh * ow * x.c()];
        int count = k * o.filterW();
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int c = 0; c < x.c(); c++) {
                    int sum = 0;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < o.filterW(); kx++) sum += x.at(oy * s + ky, ox * s + kx, c);
                    }
                    y[(oy * ow + ox) * x.c() + c] = (byte) (sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count);
                }
            }
        }
        return new Map(oh, ow, x.c(), y, x.zp());
    }

    private static int zp(Tensor t) {
        return (int) t.quantization().zeroPoint()[0];
    }
}
