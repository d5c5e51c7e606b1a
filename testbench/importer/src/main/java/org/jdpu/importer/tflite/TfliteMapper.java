package org.jdpu.importer.tflite;

import org.jdpu.importer.edge.EdgeDType;
import org.jdpu.importer.edge.EdgeLayout;
import org.jdpu.importer.edge.EdgeQuant;
import org.jdpu.importer.edge.EdgeTensor;
import org.jdpu.importer.edge.ModelEdge;
import org.jdpu.importer.tflite.BuiltinOptions.FusedActivation;
import org.jdpu.importer.tflite.TfliteModel.Operator;
import org.jdpu.importer.tflite.TfliteModel.Quantization;
import org.jdpu.importer.tflite.TfliteModel.Tensor;
import org.jdpu.spec.Activation;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.spec.Padding;
import org.jdpu.spec.SpecException;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps the first subgraph of an int8 TFLite model onto network-spec entries in {@code multiplier}
 * mode, operator by operator in the model's execution order. Convolutions, depthwise convolutions,
 * fully connected layers (a convolution whose window covers the whole input, or a dense layer),
 * pools, ADD, MEAN over height and width, concatenations and a final host-run SOFTMAX become layers;
 * PAD becomes the next convolution's padding, RESHAPE a new view of the same bytes, QUANTIZE /
 * DEQUANTIZE the float edges and TRANSPOSE at the edges an NCHW edge. Any other operator, or a use
 * the spec cannot express exactly, is refused naming the operator's index and op. This class holds
 * the walk and its state (each tensor's {@link Value}, the entries, the edges);
 * {@link TfliteLayers} and {@link TfliteEdges} map the operators.
 *
 * <p>Per-channel weights: TFLite Micro takes a convolution's channel count from the filter's
 * output-channel dimension (0 for CONV_2D and FULLY_CONNECTED, 3 for DEPTHWISE_CONV_2D), checks the
 * filter's own {@code quantized_dimension} against it and never reads the bias tensor's
 * quantization. Old converters (person_detect) wrote {@code quantized_dimension} 3 on rank-1 bias
 * tensors; like TFLite Micro, the mapping ignores it.
 */
final class TfliteMapper {
    final TfliteModel model;
    final TfliteOperands operands;
    final Map<Integer, Value> values = new HashMap<>();
    private final List<NetworkWriter.Entry> entries = new ArrayList<>();
    Edge inputEdge;
    Edge outputEdge;
    final List<String> notes = new ArrayList<>();
    boolean softmax;
    boolean inputRead;
    /** Tensors holding a TRANSPOSE's NCHW view of a map (only the model output may be one). */
    final Set<Integer> nchw = new HashSet<>();
    /** True when the network input is a TRANSPOSE of an NCHW model input. */
    boolean inputNchw;

    /**
     * The int8 feature map a tensor holds: the entry that wrote it (or the network input), its NHWC
     * shape there, its scale and zero point, PAD amounts still to merge into the reader, and the
     * shape the model gives the tensor (a RESHAPE changes only this view).
     */
    record Value(String source, FeatureShape feature, float scale, int zeroPoint, Padding pad, int[] view) {
        Value withView(int[] v) {
            return new Value(source, feature, scale, zeroPoint, pad, v);
        }
    }

    /** A model edge tensor before the network entry that produces it is known. */
    record Edge(String name, int[] shape, EdgeDType dtype, float scale, int zeroPoint) {}

    private final TfliteLayers layers = new TfliteLayers(this);
    private final TfliteEdges edges = new TfliteEdges(this);

    private TfliteMapper(TfliteModel model) {
        this.model = model;
        this.operands = new TfliteOperands(model);
    }

    static TfliteNetwork map(TfliteModel model) {
        return new TfliteMapper(model).run();
    }

    private TfliteNetwork run() {
        TfliteModel.Subgraph g = model.subgraph();
        if (g.inputs().length != 1) fail("the model has " + g.inputs().length + " inputs; the network spec takes one");
        if (g.outputs().length != 1) fail("the model has " + g.outputs().length + " outputs; the importer maps one");
        if (g.operators().isEmpty()) fail("the model has no operators");
        Tensor in = model.tensor(g.inputs()[0]);
        switch (in.type()) {
            case INT8 -> {
                Quantization q = TfliteOperands.perTensor(in, "the model input");
                values.put(in.index(), new Value(NetworkSpec.INPUT, TfliteOperands.feature(in, "the model input"), q.scale()[0],
                        (int) q.zeroPoint()[0], Padding.NONE, in.shape()));
                inputEdge = new Edge(in.name(), in.shape(), EdgeDType.INT8, q.scale()[0], (int) q.zeroPoint()[0]);
            }
            case FLOAT32, UINT8 -> { } // a QUANTIZE must read it
            default -> fail("the model input \"" + in.name() + "\" is " + TfliteOperands.typeName(in)
                    + "; int8, or float32 or uint8 then QUANTIZE, is mapped");
        }
        for (Operator op : g.operators()) operator(op);
        if (inputEdge == null) fail("the " + TfliteOperands.typeName(in) + " model input \"" + in.name() + "\" is not read by a QUANTIZE");
        Tensor out = model.tensor(g.outputs()[0]);
        Value last = values.get(out.index());
        if (last == null || entries.isEmpty() || !last.source().equals(entries.getLast().name())) {
            fail("the model output \"" + out.name() + "\" is not written by the last mapped layer");
        }
        if (outputEdge == null) {
            Quantization q = TfliteOperands.perTensor(out, "the model output");
            outputEdge = new Edge(out.name(), out.shape(), EdgeDType.INT8, q.scale()[0], (int) q.zeroPoint()[0]);
        }
        NetworkWriter.Entry first = entries.getFirst();
        ModelEdge edge = new ModelEdge(model.file().toString(),
                edgeTensor(inputEdge, NetworkSpec.INPUT, first.spec().input(), inputNchw),
                List.of(edgeTensor(outputEdge, entries.getLast().name(), entries.getLast().spec().output(),
                        nchw.contains(out.index()))));
        return new TfliteNetwork(entries, edge, notes);
    }

    /**
     * The edge as the model declares it when its NHWC (rank 4) or NC (rank 2) reading is the
     * network's map; otherwise (a RESHAPE the network absorbed, e.g. micro_speech's [1, 1960] read
     * as 49x40x1) the network's own NHWC shape, with a note.
     */
    private EdgeTensor edgeTensor(Edge e, String layer, FeatureShape network, boolean transposed) {
        // A float edge quantizes as TFLite's QUANTIZE does; an integer edge only records the model's parameters.
        EdgeQuant quant = e.dtype() == EdgeDType.FLOAT32 ? new EdgeQuant.TfliteAffine(e.scale(), e.zeroPoint())
                : new EdgeQuant.Affine(e.scale(), e.zeroPoint());
        int[] s = e.shape();
        if (transposed) return new EdgeTensor(e.name(), layer, s, EdgeLayout.NCHW, e.dtype(), quant);
        if (s.length == 4 && network.equals(TfliteOperands.featureOrNull(s))) {
            return new EdgeTensor(e.name(), layer, s, EdgeLayout.NHWC, e.dtype(), quant);
        }
        if (s.length == 2 && s[0] == 1 && network.h() == 1 && network.w() == 1 && network.c() == s[1]) {
            return new EdgeTensor(e.name(), layer, s, EdgeLayout.NC, e.dtype(), quant);
        }
        notes.add("model tensor \"" + e.name() + "\" " + Arrays.toString(s) + " is taken in the network's shape "
                + Arrays.toString(network.tensorShape()) + " (the same bytes, NHWC)");
        return new EdgeTensor(e.name(), layer, network.tensorShape(), EdgeLayout.NHWC, e.dtype(), quant);
    }

    private void operator(Operator op) {
        int code = op.code().builtinCode();
        if (softmax && code != BuiltinOperator.DEQUANTIZE && code != BuiltinOperator.QUANTIZE) {
            refuse(op, "follows the SOFTMAX; the host runs the softmax last, after the network");
        }
        switch (op.code().builtinCode()) {
            case BuiltinOperator.CONV_2D, BuiltinOperator.DEPTHWISE_CONV_2D -> layers.convolution(op);
            case BuiltinOperator.FULLY_CONNECTED -> layers.fullyConnected(op);
            case BuiltinOperator.AVERAGE_POOL_2D, BuiltinOperator.MAX_POOL_2D -> layers.pool(op);
            case BuiltinOperator.CONCATENATION -> layers.concatenation(op);
            case BuiltinOperator.PAD, BuiltinOperator.PADV2 -> edges.pad(op);
            case BuiltinOperator.RESHAPE -> edges.reshape(op);
            case BuiltinOperator.QUANTIZE -> edges.quantize(op);
            case BuiltinOperator.DEQUANTIZE -> edges.dequantize(op);
            case BuiltinOperator.SOFTMAX -> layers.softmax(op);
            case BuiltinOperator.ADD -> layers.add(op);
            case BuiltinOperator.MEAN -> layers.mean(op);
            case BuiltinOperator.TRANSPOSE -> edges.transpose(op);
            default -> refuse(op, "is not supported (mapped: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, "
                    + "ADD, AVERAGE_POOL_2D, MAX_POOL_2D, MEAN over height and width, CONCATENATION, PAD, RESHAPE, "
                    + "TRANSPOSE, QUANTIZE and DEQUANTIZE at the edges, SOFTMAX at the end)");
        }
    }

    Activation activation(Operator op, FusedActivation act, Tensor y) {
        Quantization q = TfliteOperands.perTensor(y, "output of " + op.label());
        int[] range = TfliteQuantParams.activationRange(act, q.scale()[0], (int) q.zeroPoint()[0]);
        if (range == null) refuse(op, "fuses activation " + act + ", which int8 kernels do not fuse");
        if (range[0] > range[1]) refuse(op, "fuses " + act + " with an empty int8 range " + Arrays.toString(range));
        return TfliteQuantParams.activation(range);
    }

    void sameEncoding(Operator op, Value x, Tensor y) {
        Quantization q = TfliteOperands.perTensor(y, "output of " + op.label());
        if (q.scale()[0] != x.scale() || q.zeroPoint()[0] != x.zeroPoint()) {
            refuse(op, "rescales (input scale " + x.scale() + " zero point " + x.zeroPoint() + ", output scale "
                    + q.scale()[0] + " zero point " + q.zeroPoint()[0] + "); the mapped op keeps its input's encoding");
        }
    }

    // ---- entries and tensors

    void emit(Operator op, LayerSpec spec, List<Value> in, Int8Tensor weights, Int32Tensor bias, Tensor y) {
        try {
            LayerChecks.validate(spec);
        } catch (SpecException e) {
            throw refusal(op, "cannot be expressed as a " + spec.op() + " layer: " + e.getMessage());
        }
        FeatureShape expected = TfliteOperands.feature(y, "output of " + op.label());
        if (!spec.output().equals(expected)) {
            refuse(op, "gives " + spec.output() + " as mapped, but the model says " + Arrays.toString(y.shape()));
        }
        String name = "op" + op.index() + "_" + op.code().name().toLowerCase(Locale.ROOT);
        for (Value v : in) inputRead |= v.source().equals(NetworkSpec.INPUT);
        entries.add(new NetworkWriter.Entry(name, spec, weights, bias, in.stream().map(Value::source).toList(), false));
        Quantization q = TfliteOperands.perTensor(y, "output of " + op.label());
        values.put(y.index(), new Value(name, spec.output(), q.scale()[0], (int) q.zeroPoint()[0], Padding.NONE, y.shape()));
    }

    /** The feature map operator input {@code i} reads; it must have been written by a mapped operator or be the model input. */
    Value value(Operator op, int i) {
        int t = op.inputs()[i];
        Value v = t < 0 ? null : values.get(t);
        if (v == null) {
            String what = t < 0 ? "an omitted tensor" : "\"" + model.tensor(t).name() + "\"";
            refuse(op, "reads " + what + ", which is neither the model input nor the output of a mapped operator");
        }
        int code = op.code().builtinCode();
        if (nchw.contains(t) && code != BuiltinOperator.DEQUANTIZE && code != BuiltinOperator.QUANTIZE) {
            refuse(op, "reads the output of a TRANSPOSE; transposes are mapped only at the model's input and output");
        }
        return v;
    }

    /** A reader of feature maps needs the tensor's own shape to be its NHWC map (a RESHAPE may have changed it). */
    void requireView(Operator op, Value v, boolean padAllowed) {
        if (!padAllowed && !v.pad().equals(Padding.NONE)) refuse(op, "reads a PAD; only a convolution takes a PAD as its padding");
        if (!v.pad().equals(Padding.NONE)) return;
        FeatureShape view = TfliteOperands.featureOrNull(v.view());
        if (!v.feature().equals(view)) {
            refuse(op, "reads " + Arrays.toString(v.view()) + ", a RESHAPE of the " + v.feature() + " map; only "
                    + "FULLY_CONNECTED and the model output may read a reshaped map");
        }
    }

    void refuse(Operator op, String problem) {
        throw refusal(op, problem);
    }

    private static TfliteRefusal refusal(Operator op, String problem) {
        return TfliteRefusal.of(op, problem);
    }

    void fail(String problem) {
        throw new TfliteRefusal(problem);
    }
}
