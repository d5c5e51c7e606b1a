package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import static org.jdpu.importer.onnx.OnnxModelBuilder.floats;
import static org.jdpu.importer.onnx.OnnxModelBuilder.integer;
import static org.jdpu.importer.onnx.OnnxModelBuilder.ints;
import static org.jdpu.importer.onnx.OnnxModelBuilder.real;

/**
 * One network layer as an ONNX graph on int8 NCHW tensors, for ONNX Runtime:
 * <ul>
 *   <li>{@code dpuExact}: {@code ConvInteger} (exact int32), the aligned bias, {@code Mul 2^-shift_cut},
 *       the activation, then an explicit round half up ({@code Add 0.5}, {@code Floor}) and saturation;
 *       output {@code y} (int8) and {@code v} (the value before rounding, float);</li>
 *   <li>{@code qdq}: the same layer as a QDQ graph ({@code DequantizeLinear}, float {@code Conv} with
 *       dequantized weights and bias, the activation, {@code QuantizeLinear}), which rounds half to even.</li>
 * </ul>
 * With power-of-two scales every float step is exact while the accumulators stay below 2^24.
 */
final class LayerGraphs {
    private LayerGraphs() {}

    private static final int OPSET = 13;

    private static final class Graph {
        final GraphProto.Builder g = GraphProto.newBuilder().setName("layer");
        int counter;

        String node(String op, String[] in, AttributeProto... attrs) {
            String out = op.toLowerCase() + (++counter);
            NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out);
            for (String i : in) n.addInput(i);
            for (AttributeProto a : attrs) n.addAttribute(a);
            g.addNode(n);
            return out;
        }

        String constant(float... v) {
            String name = "c" + (++counter);
            g.addInitializer(floats(name, v.length == 1 ? new int[0] : new int[] {1, v.length, 1, 1}, v));
            return name;
        }

        String int8Constant(String name, int[] shape, byte[] v) {
            TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT8_VALUE)
                    .setRawData(ByteString.copyFrom(v));
            for (int d : shape) t.addDims(d);
            g.addInitializer(t);
            return name;
        }

        void input(String name, int elemType) {
            g.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType))));
        }

        void output(String name, int elemType) {
            g.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType))));
        }

        String identity(String from, String to) {
            g.addNode(NodeProto.newBuilder().setOpType("Identity").setName(to + "_id").addInput(from).addOutput(to));
            return to;
        }

        byte[] bytes() {
            return ModelProto.newBuilder().setIrVersion(8)
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                    .setGraph(g).build().toByteArray();
        }
    }

    /** ONNX weights {@code [OC, IC/group, KH, KW]} from the network's OHWI or depthwise {@code [1, KH, KW, C*M]}. */
    private static byte[] onnxWeights(ConvolutionSpec spec, Int8Tensor w) {
        Window win = spec.window();
        int oc = spec.outputChannels(), icg = spec instanceof DepthwiseConv2dSpec ? 1 : spec.input().c();
        byte[] src = w.data(), out = new byte[src.length];
        for (int o = 0; o < oc; o++) {
            for (int i = 0; i < icg; i++) {
                for (int y = 0; y < win.kh(); y++) {
                    for (int x = 0; x < win.kw(); x++) {
                        int from = spec instanceof DepthwiseConv2dSpec ? (y * win.kw() + x) * oc + o
                                : ((o * win.kh() + y) * win.kw() + x) * icg + i;
                        out[((o * icg + i) * win.kh() + y) * win.kw() + x] = src[from];
                    }
                }
            }
        }
        return out;
    }

    private static AttributeProto[] window(ConvolutionSpec spec) {
        Window w = spec.window();
        int group = spec instanceof DepthwiseConv2dSpec ? spec.input().c() : 1;
        return new AttributeProto[] {ints("kernel_shape", w.kh(), w.kw()), ints("strides", w.sh(), w.sw()),
                ints("dilations", w.dh(), w.dw()), ints("pads", w.padding().top(), w.padding().left(),
                w.padding().bottom(), w.padding().right()), integer("group", group)};
    }

    private static String activation(Graph g, String v, Activation act, int fpOut, boolean realUnits) {
        return switch (act) {
            case Activation.None n -> v;
            case Activation.Relu r -> g.node("Relu", new String[] {v});
            case Activation.Relu6 r -> g.node("Clip", new String[] {v, g.constant(0f),
                    g.constant(realUnits ? 6f : (float) Math.scalb(6.0, fpOut))});
            case Activation.LeakyRelu l -> g.node("LeakyRelu", new String[] {v}, real("alpha", FloatAct.DPU_LEAKY_SLOPE));
            case Activation.Clamp c -> throw new IllegalArgumentException("clamp is not produced by the ONNX import");
        };
    }

    private static String roundHalfUpToInt8(Graph g, String v) {
        String r = g.node("Floor", new String[] {g.node("Add", new String[] {v, g.constant(0.5f)})});
        r = g.node("Clip", new String[] {r, g.constant(-128f), g.constant(127f)});
        return g.node("Cast", new String[] {r}, integer("to", TensorProto.DataType.INT8_VALUE));
    }

    static byte[] dpuExact(ConvolutionSpec spec, Int8Tensor w, Int32Tensor b) {
        Quant.ShiftQuant q = (Quant.ShiftQuant) spec.quant();
        Graph g = new Graph();
        g.input("x", TensorProto.DataType.INT8_VALUE);
        int oc = spec.outputChannels();
        String wt = g.int8Constant("w", new int[] {oc, spec instanceof DepthwiseConv2dSpec ? 1 : spec.input().c(),
                spec.window().kh(), spec.window().kw()}, onnxWeights(spec, w));
        String acc = g.node("Cast", new String[] {g.node("ConvInteger", new String[] {"x", wt}, window(spec))},
                integer("to", TensorProto.DataType.FLOAT_VALUE));
        float[] aligned = new float[oc];
        for (int o = 0; o < oc; o++) aligned[o] = b == null ? 0f : (float) Math.scalb((double) b.data()[o], q.shiftBias());
        String v = g.node("Add", new String[] {acc, g.constant(aligned)});
        v = g.node("Mul", new String[] {v, g.constant((float) Math.scalb(1.0, -q.shiftCut()))});
        v = activation(g, v, spec.activation(), q.fpOutput(), false);
        g.identity(roundHalfUpToInt8(g, v), "y");
        g.identity(v, "v");
        g.output("y", TensorProto.DataType.INT8_VALUE);
        g.output("v", TensorProto.DataType.FLOAT_VALUE);
        return g.bytes();
    }

    static byte[] qdq(ConvolutionSpec spec, Int8Tensor w, Int32Tensor b) {
        Quant.ShiftQuant q = (Quant.ShiftQuant) spec.quant();
        Graph g = new Graph();
        g.input("x", TensorProto.DataType.INT8_VALUE);
        int oc = spec.outputChannels();
        byte[] ow = onnxWeights(spec, w);
        float[] wf = new float[ow.length];
        for (int i = 0; i < ow.length; i++) wf[i] = (float) Math.scalb((double) ow[i], -q.fpWeights());
        int icg = spec instanceof DepthwiseConv2dSpec ? 1 : spec.input().c();
        String wName = "wf";
        g.g.addInitializer(floats(wName, new int[] {oc, icg, spec.window().kh(), spec.window().kw()}, wf));
        float[] bf = new float[oc];
        for (int o = 0; o < oc; o++) bf[o] = b == null ? 0f : (float) Math.scalb((double) b.data()[o], -q.fpBias());
        g.g.addInitializer(floats("bf", new int[] {oc}, bf));
        String zp = g.int8Constant("zp", new int[0], new byte[] {0});
        String x = g.node("DequantizeLinear", new String[] {"x", g.constant((float) Math.scalb(1.0, -q.fpInput())), zp});
        String v = g.node("Conv", new String[] {x, wName, "bf"}, window(spec));
        v = activation(g, v, spec.activation(), q.fpOutput(), true);
        g.identity(g.node("QuantizeLinear", new String[] {v, g.constant((float) Math.scalb(1.0, -q.fpOutput())), zp}), "y");
        g.output("y", TensorProto.DataType.INT8_VALUE);
        return g.bytes();
    }

    /** An add: both inputs to real values, summed, the activation, and the output rounded half up ({@code dpuExact}) or by QuantizeLinear. */
    static byte[] add(AddSpec spec, boolean dpuExact) {
        AddSpec.AddQuant q = (AddSpec.AddQuant) spec.quant();
        Graph g = new Graph();
        g.input("a", TensorProto.DataType.INT8_VALUE);
        g.input("b", TensorProto.DataType.INT8_VALUE);
        String zp = g.int8Constant("zp", new int[0], new byte[] {0});
        String a = g.node("DequantizeLinear", new String[] {"a", g.constant((float) Math.scalb(1.0, -q.fpInput())), zp});
        String b = g.node("DequantizeLinear", new String[] {"b", g.constant((float) Math.scalb(1.0, -q.fpInputB())), zp});
        String v = activation(g, g.node("Add", new String[] {a, b}), spec.activation(), q.fpOutput(), true);
        if (dpuExact) {
            String scaled = g.node("Mul", new String[] {v, g.constant((float) Math.scalb(1.0, q.fpOutput()))});
            g.identity(roundHalfUpToInt8(g, scaled), "y");
            g.identity(scaled, "v");
            g.output("y", TensorProto.DataType.INT8_VALUE);
            g.output("v", TensorProto.DataType.FLOAT_VALUE);
        } else {
            g.identity(g.node("QuantizeLinear", new String[] {v, g.constant((float) Math.scalb(1.0, -q.fpOutput())), zp}), "y");
            g.output("y", TensorProto.DataType.INT8_VALUE);
        }
        return g.bytes();
    }
}
