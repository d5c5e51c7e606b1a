package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import org.jdpu.importer.edge.EdgeLayout;
import org.jdpu.importer.onnx.Constants.Constant;
import org.jdpu.importer.onnx.FloatGraph.Node;
import org.jdpu.importer.onnx.TensorValue.ConstValue;
import org.jdpu.importer.onnx.TensorValue.MapValue;
import org.jdpu.importer.onnx.TensorValue.PaddedValue;
import org.jdpu.importer.onnx.TensorValue.QuantizedValue;
import org.jdpu.importer.onnx.TensorValue.Source;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps an ONNX graph onto a {@link FloatGraph}, node by node in the file's (topological) order.
 *
 * <p>Each ONNX tensor becomes a value: a constant (initializers, {@code Constant} nodes), a feature
 * map produced by a float layer (in ONNX's NCHW terms of rank 4, or rank 2 for the NCHW-order
 * flattening of a map), or a map with a zero {@code Pad} still to be merged into the next layer's
 * padding. BatchNormalization folds into the convolution before it (or becomes a 1x1 depthwise
 * convolution), an activation fuses into the layer before it when that layer's output has no other
 * reader, a constant {@code Add} after a convolution or MatMul becomes its bias, and Gemm/MatMul
 * become a convolution whose kernel covers the whole flattened map. Anything else is refused
 * naming the node and its op.
 *
 * <p>This class holds the mapping state and the helpers every operator uses; the operators
 * themselves live in {@link LayerMapping}, {@link WindowMapping}, {@link ActivationMapping},
 * {@link ShapeMapping} and {@link QdqMapping}.
 */
final class GraphMapper {
    static final List<String> SUPPORTED = List.of("Conv", "BatchNormalization", "Relu", "Clip", "LeakyRelu", "MaxPool",
            "AveragePool", "GlobalAveragePool", "Pad", "Add", "Concat", "Gemm", "MatMul", "Flatten", "Reshape", "Resize",
            "Softmax", "Transpose (of the NHWC input)", "Constant", "Identity", "Dropout", "QuantizeLinear", "DequantizeLinear", "Cast (of constants)",
            "ConstantOfShape", "Shape", "Gather", "Unsqueeze", "Squeeze (shape arithmetic)");

    final Path file;
    private final GraphProto graph;
    final long opset;
    final Map<String, TensorValue> values = new HashMap<>();
    final List<Node> nodes = new ArrayList<>();
    final Map<String, Integer> readers = new HashMap<>();
    final Set<String> graphOutputs = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    /** QDQ models: the quantization of each node's output (and the input), and each layer's weight scale per output. */
    final Map<String, QdqParams> activationQuant = new HashMap<>();
    final Map<String, float[]> weightScales = new HashMap<>();
    boolean qdq;
    private EdgeLayout inputLayout;
    private String inputName;
    private int[] inputShape;

    final ShapeMapping shapes = new ShapeMapping(this);
    final WindowMapping windows = new WindowMapping(this);
    final LayerMapping layers = new LayerMapping(this);
    final ActivationMapping activations = new ActivationMapping(this);
    final QdqMapping qdqMapping = new QdqMapping(this);
    final ShapeArithmetic shapeArithmetic = new ShapeArithmetic(this);

    private GraphMapper(OnnxFile model) {
        this.file = model.file();
        this.graph = model.graph();
        this.opset = model.opset();
    }

    /**
     * The mapped graph and what its edge looks like in the model's terms; for a QDQ model also the
     * quantization of every node output and the weight scales (else both empty and {@code qdq} false).
     */
    record Mapped(FloatGraph graph, String inputName, int[] inputShape, EdgeLayout inputLayout,
                  List<ModelOutput> outputs, boolean qdq, Map<String, QdqParams> activationQuant,
                  Map<String, float[]> weightScales) {}

    /** A model output: its tensor name, model shape and layout, the node computing it, and its integer type if it is quantized (else null). */
    record ModelOutput(String tensor, int[] shape, EdgeLayout layout, String node, QdqParams integerOutput) {}

    static Mapped map(OnnxFile model) {
        return new GraphMapper(model).run();
    }

    private Mapped run() {
        for (TensorProto t : graph.getInitializerList()) {
            values.put(t.getName(), new ConstValue(Constants.of(file, t, "initializer \"" + t.getName() + "\"")));
        }
        readInput();
        for (NodeProto n : graph.getNodeList()) {
            for (String in : n.getInputList()) if (!in.isEmpty()) readers.merge(in, 1, Integer::sum);
        }
        for (ValueInfoProto o : graph.getOutputList()) {
            graphOutputs.add(o.getName());
            readers.merge(o.getName(), 1, Integer::sum);
        }
        names.add(FloatGraph.INPUT);
        for (NodeProto n : graph.getNodeList()) mapNode(n);
        List<ModelOutput> outs = new ArrayList<>();
        for (ValueInfoProto o : graph.getOutputList()) outs.add(output(o.getName()));
        List<Node> live = prune(outs);
        List<FloatGraph.Output> graphOuts = outs.stream().map(o -> new FloatGraph.Output(o.tensor(), o.node())).toList();
        FeatureShape in = inputFeatureShape();
        return new Mapped(new FloatGraph(in, live, graphOuts), inputName, inputShape, inputLayout, outs, qdq,
                Map.copyOf(activationQuant), Map.copyOf(weightScales));
    }

    // ---- edges ----------------------------------------------------------------------------------

    private void readInput() {
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) if (!values.containsKey(v.getName())) inputs.add(v);
        if (inputs.size() != 1) {
            throw new OnnxException(file, "the model has " + inputs.size() + " inputs "
                    + inputs.stream().map(ValueInfoProto::getName).toList() + "; the network takes exactly one");
        }
        ValueInfoProto v = inputs.getFirst();
        inputName = v.getName();
        if (!v.getType().hasTensorType()) throw new OnnxException(file, "input \"" + inputName + "\" is not a tensor");
        int elem = v.getType().getTensorType().getElemType();
        if (elem != TensorProto.DataType.FLOAT_VALUE) {
            throw new OnnxException(file, "input \"" + inputName + "\" has element type "
                    + TensorProto.DataType.forNumber(elem) + "; only float32 inputs are supported");
        }
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        int rank = shape.getDimCount();
        if (rank != 4 && rank != 2) {
            throw new OnnxException(file, "input \"" + inputName + "\" has rank " + rank
                    + "; the network takes [N, C, H, W] or [N, K]");
        }
        inputShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            boolean fixed = d.hasDimValue() && d.getDimValue() > 0;
            if (i == 0) {
                if (fixed && d.getDimValue() != 1) {
                    throw new OnnxException(file, "input \"" + inputName + "\" has batch " + d.getDimValue()
                            + "; the network runs one image at a time (export with batch 1 or a dynamic batch)");
                }
                inputShape[0] = 1; // a dynamic batch is taken as 1
                continue;
            }
            if (!fixed) {
                throw new OnnxException(file, "input \"" + inputName + "\": dimension " + i + " is dynamic"
                        + (d.hasDimParam() ? " ('" + d.getDimParam() + "')" : "") + "; only the batch may be");
            }
            if (d.getDimValue() > 16384) throw new OnnxException(file, "input \"" + inputName + "\": dimension " + i + " is " + d.getDimValue());
            inputShape[i] = (int) d.getDimValue();
        }
        inputLayout = rank == 4 ? EdgeLayout.NCHW : EdgeLayout.NC;
        FeatureShape s = inputFeatureShape();
        values.put(inputName, new MapValue(FloatGraph.INPUT, s, rank));
    }

    /** The network input's NHWC shape for the model's input shape and layout. */
    private FeatureShape inputFeatureShape() {
        return switch (inputLayout) {
            case NC -> new FeatureShape(1, 1, inputShape[1]);
            case NCHW -> new FeatureShape(inputShape[2], inputShape[3], inputShape[1]);
            case NHWC -> new FeatureShape(inputShape[1], inputShape[2], inputShape[3]);
        };
    }

    /**
     * A {@code Transpose(perm=[0, 3, 1, 2])} read only from the model's input, as converters from
     * NHWC frameworks write it: the input is NHWC and the transpose its NCHW view, nothing moves.
     * Returns the view, or null when {@code n} is not such a transpose.
     */
    MapValue inputTranspose(NodeProto n, int[] perm) {
        if (n.getInputCount() < 1 || !n.getInput(0).equals(inputName) || inputLayout != EdgeLayout.NCHW
                || !java.util.Arrays.equals(perm, new int[] {0, 3, 1, 2}) || readers.getOrDefault(inputName, 0) != 1) {
            return null;
        }
        inputLayout = EdgeLayout.NHWC;
        MapValue view = new MapValue(FloatGraph.INPUT, inputFeatureShape(), 4);
        values.put(inputName, view);
        return view;
    }

    private ModelOutput output(String tensor) {
        TensorValue v = values.get(tensor);
        QdqParams integer = null;
        if (v instanceof QuantizedValue q) {
            integer = q.q();
            v = q.map();
        }
        if (!(v instanceof MapValue m)) {
            throw new OnnxException(file, "output \"" + tensor + "\" is " + (v == null ? "never computed"
                    : v instanceof ConstValue ? "a constant" : "a pad that no layer reads") + "; it cannot be a network output");
        }
        if (m.node().equals(FloatGraph.INPUT)) throw new OnnxException(file, "output \"" + tensor + "\" is the model input itself");
        FeatureShape s = m.shape();
        if (m.rank() == 4) return new ModelOutput(tensor, new int[] {1, s.c(), s.h(), s.w()}, EdgeLayout.NCHW, m.node(), integer);
        if (s.h() * s.w() != 1) {
            throw new OnnxException(file, "output \"" + tensor + "\" is a flattened " + s.h() + "x" + s.w()
                    + " map; outputs must be maps [1, C, H, W] or vectors [1, K]");
        }
        return new ModelOutput(tensor, new int[] {1, s.c()}, EdgeLayout.NC, m.node(), integer);
    }

    /** Drops layers that no output depends on (the network spec has no dead entries). */
    private List<Node> prune(List<ModelOutput> outs) {
        Set<String> needed = new LinkedHashSet<>();
        for (ModelOutput o : outs) needed.add(o.node());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (needed.contains(nodes.get(i).name())) needed.addAll(nodes.get(i).inputs());
        }
        return nodes.stream().filter(n -> needed.contains(n.name())).toList();
    }

    // ---- nodes ----------------------------------------------------------------------------------

    private void mapNode(NodeProto n) {
        Attributes a = new Attributes(file, n);
        switch (n.getOpType()) {
            case "Constant" -> shapes.constant(n, a);
            case "Identity" -> shapes.alias(n);
            case "Dropout" -> {
                if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty() && readers.containsKey(n.getOutput(1))) {
                    throw OnnxException.at(file, n, "its mask output is used; only inference graphs are supported");
                }
                shapes.alias(n);
            }
            case "Conv" -> layers.conv(n, a);
            case "BatchNormalization" -> layers.batchNorm(n, a);
            case "Relu" -> activations.activation(n, FloatAct.RELU, 0f);
            case "LeakyRelu" -> activations.leakyRelu(n, a);
            case "Clip" -> activations.clip(n, a);
            case "MaxPool" -> windows.pool(n, a, PoolSpec.Kind.MAX);
            case "AveragePool" -> windows.pool(n, a, PoolSpec.Kind.AVG);
            case "GlobalAveragePool" -> windows.globalAveragePool(n);
            case "Pad" -> windows.pad(n, a);
            case "Add" -> layers.add(n);
            case "Concat" -> {
                if (shapeArithmetic.allConstant(n)) shapeArithmetic.concat(n);
                else layers.concat(n, a);
            }
            case "Softmax" -> activations.softmax(n, a);
            case "Transpose" -> shapes.transpose(n, a);
            case "Shape" -> shapeArithmetic.shape(n);
            case "Gather" -> shapeArithmetic.gather(n, a);
            case "Unsqueeze" -> shapeArithmetic.unsqueeze(n, a);
            case "Squeeze" -> shapeArithmetic.squeeze(n);
            case "Flatten" -> shapes.flatten(n, a);
            case "Reshape" -> shapes.reshape(n);
            case "Gemm" -> layers.gemm(n, a);
            case "MatMul" -> layers.matMul(n);
            case "Resize", "Upsample" -> shapes.resize(n, a);
            case "QuantizeLinear" -> qdqMapping.quantize(n, a);
            case "DequantizeLinear" -> qdqMapping.dequantize(n, a);
            case "Cast" -> shapes.cast(n);
            case "ConstantOfShape" -> shapes.constantOfShape(n, a);
            default -> throw OnnxException.at(file, n, "operator " + n.getOpType() + (n.getDomain().isEmpty() ? ""
                    : " of domain " + n.getDomain()) + " is not supported (supported: " + String.join(", ", SUPPORTED) + ")");
        }
    }

    String out(NodeProto n) {
        if (n.getOutputCount() == 0) throw OnnxException.at(file, n, "has no output");
        for (int i = 1; i < n.getOutputCount(); i++) {
            if (!n.getOutput(i).isEmpty() && readers.containsKey(n.getOutput(i)) && !n.getOpType().equals("Dropout")) {
                throw OnnxException.at(file, n, "its output " + i + " (\"" + n.getOutput(i) + "\") is used; only the first is supported");
            }
        }
        return n.getOutput(0);
    }

    TensorValue value(NodeProto n, int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) throw OnnxException.at(file, n, "input " + i + " is missing");
        TensorValue v = values.get(n.getInput(i));
        if (v == null) throw OnnxException.at(file, n, "input \"" + n.getInput(i) + "\" is not computed before it");
        return v;
    }

    boolean present(NodeProto n, int i) {
        return i < n.getInputCount() && !n.getInput(i).isEmpty();
    }

    MapValue map(NodeProto n, int i) {
        return switch (value(n, i)) {
            case MapValue m -> m;
            case ConstValue c -> throw OnnxException.at(file, n, "input \"" + n.getInput(i) + "\" is a constant; "
                    + "layers on constants only are not supported");
            case PaddedValue p -> throw OnnxException.at(file, n, "reads the output of " + OnnxException.describe(p.padNode())
                    + ", which can only be merged into the padding of a Conv or AveragePool");
            case QuantizedValue q -> throw OnnxException.at(file, n, "reads the integers of " + OnnxException.describe(q.quantizeNode())
                    + " directly; layers must read them through a DequantizeLinear");
        };
    }

    Constant constant(NodeProto n, int i) {
        if (value(n, i) instanceof ConstValue c) return c.c();
        throw OnnxException.at(file, n, "input \"" + n.getInput(i) + "\" must be a constant (an initializer or a "
                + "Constant node)");
    }

    String name(NodeProto n) {
        String base = !n.getName().isEmpty() ? n.getName() : n.getOutputCount() > 0 ? n.getOutput(0) : n.getOpType();
        String clean = base.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (clean.isEmpty()) clean = n.getOpType();
        if (clean.length() > 56) clean = clean.substring(0, 56);
        String name = clean;
        for (int k = 2; !names.add(name); k++) name = clean + "_" + k;
        return name;
    }

    /** The index of node {@code name} in the list, or -1 for the input. */
    int indexOf(String name) {
        for (int i = 0; i < nodes.size(); i++) if (nodes.get(i).name().equals(name)) return i;
        return -1;
    }

    /** True when tensor {@code t} has exactly one reader and is no graph output: its producer may absorb what follows. */
    boolean onlyReader(String t) {
        return readers.getOrDefault(t, 0) == 1 && !graphOutputs.contains(t);
    }

    Source paddable(NodeProto n, int i) {
        return switch (value(n, i)) {
            case PaddedValue p -> new Source(p.node(), p.shape(), p.pad());
            case TensorValue v -> {
                MapValue m = map(n, i);
                if (m.rank() != 4) throw OnnxException.at(file, n, "input \"" + n.getInput(i) + "\" is not a [N, C, H, W] map");
                yield new Source(m.node(), m.shape(), Padding.NONE);
            }
        };
    }

    void checkOutput(NodeProto n, FeatureShape s) {
        if (s.h() < 1 || s.w() < 1) throw OnnxException.at(file, n, "its output would be empty (" + s + ")");
    }

    float[] perChannel(NodeProto n, int i, int c) {
        Constant k = constant(n, i);
        if (k.size() != c) throw OnnxException.at(file, n, "input " + i + " has " + k.size() + " values for " + c + " channels");
        return k.values();
    }

    float scalar(NodeProto n, int i) {
        Constant c = constant(n, i);
        if (c.size() != 1) throw OnnxException.at(file, n, "input " + i + " must be a scalar");
        return c.values()[0];
    }
}
