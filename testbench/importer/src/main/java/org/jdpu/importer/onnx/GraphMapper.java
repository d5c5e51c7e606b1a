package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import org.jdpu.importer.edge.EdgeLayout;
import org.jdpu.importer.onnx.Constants.Constant;
import org.jdpu.importer.onnx.FloatGraph.Node;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 */
final class GraphMapper {
    static final List<String> SUPPORTED = List.of("Conv", "BatchNormalization", "Relu", "Clip", "LeakyRelu", "MaxPool",
            "AveragePool", "GlobalAveragePool", "Pad", "Add", "Concat", "Gemm", "MatMul", "Flatten", "Reshape", "Resize",
            "Constant", "Identity", "Dropout", "QuantizeLinear", "DequantizeLinear", "Cast (of constants)",
            "ConstantOfShape");

    /** What an ONNX tensor name stands for while mapping. */
    private sealed interface Value {}

    private record ConstValue(Constant c) implements Value {}

    /**
     * A map of {@code shape} computed by {@code node} (or the input); {@code rank} 2 is its NCHW
     * flattening {@code [1, C*H*W]}.
     */
    private record MapValue(String node, FeatureShape shape, int rank) implements Value {}

    /** {@code node}'s map with a zero pad of {@code pad} still to be merged into its reader. */
    private record PaddedValue(String node, FeatureShape shape, Padding pad, NodeProto padNode) implements Value {}

    /** The integers of a map after {@code QuantizeLinear}, before the {@code DequantizeLinear} that gives it back to layers. */
    private record QuantizedValue(MapValue map, QdqParams q, NodeProto quantizeNode) implements Value {}

    private final Path file;
    private final GraphProto graph;
    private final long opset;
    private final Map<String, Value> values = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> readers = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    /** QDQ models: the quantization of each node's output (and the input), and each layer's weight scale per output. */
    private final Map<String, QdqParams> activationQuant = new HashMap<>();
    private final Map<String, float[]> weightScales = new HashMap<>();
    private boolean qdq;
    private EdgeLayout inputLayout;
    private String inputName;
    private int[] inputShape;

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
        FeatureShape in = inputLayout == EdgeLayout.NC ? new FeatureShape(1, 1, inputShape[1])
                : new FeatureShape(inputShape[2], inputShape[3], inputShape[1]);
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
        FeatureShape s = rank == 4 ? new FeatureShape(inputShape[2], inputShape[3], inputShape[1])
                : new FeatureShape(1, 1, inputShape[1]);
        values.put(inputName, new MapValue(FloatGraph.INPUT, s, rank));
    }

    private ModelOutput output(String tensor) {
        Value v = values.get(tensor);
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
            case "Constant" -> constant(n, a);
            case "Identity" -> alias(n);
            case "Dropout" -> {
                if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty() && readers.containsKey(n.getOutput(1))) {
                    throw OnnxException.at(file, n, "its mask output is used; only inference graphs are supported");
                }
                alias(n);
            }
            case "Conv" -> conv(n, a);
            case "BatchNormalization" -> batchNorm(n, a);
            case "Relu" -> activation(n, FloatAct.RELU, 0f);
            case "LeakyRelu" -> leakyRelu(n, a);
            case "Clip" -> clip(n, a);
            case "MaxPool" -> pool(n, a, PoolSpec.Kind.MAX);
            case "AveragePool" -> pool(n, a, PoolSpec.Kind.AVG);
            case "GlobalAveragePool" -> globalAveragePool(n);
            case "Pad" -> pad(n, a);
            case "Add" -> add(n);
            case "Concat" -> concat(n, a);
            case "Flatten" -> flatten(n, a);
            case "Reshape" -> reshape(n);
            case "Gemm" -> gemm(n, a);
            case "MatMul" -> matMul(n);
            case "Resize", "Upsample" -> resize(n, a);
            case "QuantizeLinear" -> quantize(n, a);
            case "DequantizeLinear" -> dequantize(n, a);
            case "Cast" -> cast(n);
            case "ConstantOfShape" -> constantOfShape(n, a);
            default -> throw OnnxException.at(file, n, "operator " + n.getOpType() + (n.getDomain().isEmpty() ? ""
                    : " of domain " + n.getDomain()) + " is not supported (supported: " + String.join(", ", SUPPORTED) + ")");
        }
    }

    private String out(NodeProto n) {
        if (n.getOutputCount() == 0) throw OnnxException.at(file, n, "has no output");
        for (int i = 1; i < n.getOutputCount(); i++) {
            if (!n.getOutput(i).isEmpty() && readers.containsKey(n.getOutput(i)) && !n.getOpType().equals("Dropout")) {
                throw OnnxException.at(file, n, "its output " + i + " (\"" + n.getOutput(i) + "\") is used; only the first is supported");
            }
        }
        return n.getOutput(0);
    }

    private Value value(NodeProto n, int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) throw OnnxException.at(file, n, "input " + i + " is missing");
        Value v = values.get(n.getInput(i));
        if (v == null) throw OnnxException.at(file, n, "input \"" + n.getInput(i) + "\" is not computed before it");
        return v;
    }

    private boolean present(NodeProto n, int i) {
        return i < n.getInputCount() && !n.getInput(i).isEmpty();
    }

    private MapValue map(NodeProto n, int i) {
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

    private Constant constant(NodeProto n, int i) {
        if (value(n, i) instanceof ConstValue c) return c.c();
        throw OnnxException.at(file, n, "input \"" + n.getInput(i) + "\" must be a constant (an initializer or a "
                + "Constant node)");
    }

    private String name(NodeProto n) {
        String base = !n.getName().isEmpty() ? n.getName() : n.getOutputCount() > 0 ? n.getOutput(0) : n.getOpType();
        String clean = base.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (clean.isEmpty()) clean = n.getOpType();
        if (clean.length() > 56) clean = clean.substring(0, 56);
        String name = clean;
        for (int k = 2; !names.add(name); k++) name = clean + "_" + k;
        return name;
    }

    private void alias(NodeProto n) {
        values.put(out(n), value(n, 0));
    }

    private void constant(NodeProto n, Attributes a) {
        AttributeProto t = a.tensorAttribute("value");
        Constant c;
        if (t != null) {
            c = Constants.of(file, t.getT(), OnnxException.describe(n));
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
            throw OnnxException.at(file, n, "only value, value_float, value_int and value_ints constants are supported");
        }
        values.put(out(n), new ConstValue(c));
    }

    /** The index of node {@code name} in the list, or -1 for the input. */
    private int indexOf(String name) {
        for (int i = 0; i < nodes.size(); i++) if (nodes.get(i).name().equals(name)) return i;
        return -1;
    }

    /** True when tensor {@code t} has exactly one reader and is no graph output: its producer may absorb what follows. */
    private boolean onlyReader(String t) {
        return readers.getOrDefault(t, 0) == 1 && !graphOutputs.contains(t);
    }

    // ---- windows --------------------------------------------------------------------------------

    private record Geometry(int kh, int kw, int sh, int sw, int dh, int dw, Padding pad) {
        Window window() {
            return new Window(kh, kw, sh, sw, dh, dw, pad);
        }
    }

    private Geometry geometry(NodeProto n, Attributes a, FeatureShape in, int kh, int kw, Padding merged) {
        int[] strides = a.ints("strides", new int[] {1, 1});
        int[] dilations = a.ints("dilations", new int[] {1, 1});
        if (strides.length != 2 || dilations.length != 2) throw OnnxException.at(file, n, "only 2-D windows are supported");
        String autoPad = a.string("auto_pad", "NOTSET");
        int[] pads = a.ints("pads", new int[] {0, 0, 0, 0});
        if (pads.length != 4) throw OnnxException.at(file, n, "pads must have 4 values for a 2-D window");
        switch (autoPad) {
            case "NOTSET", "VALID" -> { if (autoPad.equals("VALID")) pads = new int[4]; }
            case "SAME_UPPER", "SAME_LOWER" -> {
                int[] hw = {in.h(), in.w()};
                int[] k = {kh, kw};
                pads = new int[4];
                for (int ax = 0; ax < 2; ax++) {
                    int outSize = (hw[ax] + strides[ax] - 1) / strides[ax];
                    int total = Math.max(0, (outSize - 1) * strides[ax] + (k[ax] - 1) * dilations[ax] + 1 - hw[ax]);
                    int small = total / 2;
                    pads[ax] = autoPad.equals("SAME_UPPER") ? small : total - small;
                    pads[ax + 2] = total - pads[ax];
                }
            }
            default -> throw OnnxException.at(file, n, "auto_pad " + autoPad + " is not supported");
        }
        for (int p : pads) if (p < 0) throw OnnxException.at(file, n, "negative padding " + Arrays.toString(pads) + " is not supported");
        Padding pad = new Padding(pads[0] + merged.top(), pads[1] + merged.left(), pads[2] + merged.bottom(),
                pads[3] + merged.right());
        return new Geometry(kh, kw, strides[0], strides[1], dilations[0], dilations[1], pad);
    }

    /** The reader's input and the pad merged into it, from a map or a pending pad. */
    private record Source(String node, FeatureShape shape, Padding pad) {}

    private Source paddable(NodeProto n, int i) {
        return switch (value(n, i)) {
            case PaddedValue p -> new Source(p.node(), p.shape(), p.pad());
            case Value v -> {
                MapValue m = map(n, i);
                if (m.rank() != 4) throw OnnxException.at(file, n, "input \"" + n.getInput(i) + "\" is not a [N, C, H, W] map");
                yield new Source(m.node(), m.shape(), Padding.NONE);
            }
        };
    }

    // ---- layers ---------------------------------------------------------------------------------

    private void conv(NodeProto n, Attributes a) {
        Source x = paddable(n, 0);
        Constant w = constant(n, 1);
        int[] ws = w.shape();
        if (ws.length != 4) throw OnnxException.at(file, n, "weights of rank " + ws.length + "; only 2-D convolutions are supported");
        int oc = ws[0], icg = ws[1], kh = ws[2], kw = ws[3];
        int group = (int) a.integer("group", 1);
        int c = x.shape().c();
        boolean depthwise;
        if (group == 1 && icg == c) {
            depthwise = false;
        } else if (group == c && icg == 1 && oc % c == 0) {
            depthwise = true;
        } else {
            throw OnnxException.at(file, n, "group=" + group + " with weights " + Arrays.toString(ws) + " on " + c
                    + " input channels: only group 1 and depthwise (group = input channels) are supported");
        }
        Geometry g = geometry(n, a, x.shape(), kh, kw, x.pad());
        float[] wv = w.values();
        float[] weights = new float[wv.length];
        for (int o = 0; o < oc; o++) {
            for (int ci = 0; ci < icg; ci++) {
                for (int y = 0; y < kh; y++) {
                    for (int xx = 0; xx < kw; xx++) {
                        float v = wv[((o * icg + ci) * kh + y) * kw + xx];
                        if (depthwise) weights[(y * kw + xx) * oc + o] = v;
                        else weights[((o * kh + y) * kw + xx) * icg + ci] = v;
                    }
                }
            }
        }
        float[] bias = new float[oc];
        if (present(n, 2)) {
            Constant b = constant(n, 2);
            if (b.size() != oc) throw OnnxException.at(file, n, "bias has " + b.size() + " values for " + oc + " outputs");
            bias = b.values().clone();
        }
        String name = name(n);
        if (w.quant() != null) weightScales.put(name, outputScales(n, w.quant(), oc, 0));
        FloatGraph.Conv conv = new FloatGraph.Conv(name, x.node(), x.shape(), oc, depthwise, g.window(), weights, bias,
                FloatAct.NONE, 0f, OnnxException.describe(n));
        checkOutput(n, conv.output());
        nodes.add(conv);
        values.put(out(n), new MapValue(name, conv.output(), 4));
    }

    private void checkOutput(NodeProto n, FeatureShape s) {
        if (s.h() < 1 || s.w() < 1) throw OnnxException.at(file, n, "its output would be empty (" + s + ")");
    }

    private void batchNorm(NodeProto n, Attributes a) {
        if (a.integer("training_mode", 0) != 0) throw OnnxException.at(file, n, "training mode is not supported");
        MapValue x = map(n, 0);
        int c = x.shape().c();
        float[] scale = perChannel(n, 1, c), shift = perChannel(n, 2, c), mean = perChannel(n, 3, c), var = perChannel(n, 4, c);
        float eps = a.real("epsilon", 1e-5f);
        float[] s = new float[c], t = new float[c];
        for (int i = 0; i < c; i++) {
            s[i] = (float) (scale[i] / Math.sqrt((double) var[i] + eps));
            t[i] = shift[i] - mean[i] * s[i];
        }
        int at = indexOf(x.node());
        if (at >= 0 && nodes.get(at) instanceof FloatGraph.Conv conv && conv.act() == FloatAct.NONE && onlyReader(n.getInput(0))) {
            float[] w = conv.weights().clone();
            float[] b = conv.bias().clone();
            int oc = conv.outChannels();
            for (int i = 0; i < w.length; i++) {
                int o = conv.depthwise() ? i % oc : i / (w.length / oc);
                w[i] *= s[o];
            }
            for (int o = 0; o < oc; o++) b[o] = b[o] * s[o] + t[o];
            nodes.set(at, conv.with(w, b, " + " + OnnxException.describe(n)));
            values.put(out(n), x);
            return;
        }
        // A batch norm with nothing to fold into is a per-channel scale and shift: a 1x1 depthwise convolution.
        String name = name(n);
        FloatGraph.Conv conv = new FloatGraph.Conv(name, x.node(), x.shape(), c, true,
                new Window(1, 1, 1, 1, 1, 1, Padding.NONE), s, t, FloatAct.NONE, 0f, OnnxException.describe(n));
        nodes.add(conv);
        values.put(out(n), new MapValue(name, x.shape(), x.rank()));
    }

    private float[] perChannel(NodeProto n, int i, int c) {
        Constant k = constant(n, i);
        if (k.size() != c) throw OnnxException.at(file, n, "input " + i + " has " + k.size() + " values for " + c + " channels");
        return k.values();
    }

    private void leakyRelu(NodeProto n, Attributes a) {
        float alpha = a.real("alpha", 0.01f);
        if (Math.abs(alpha - FloatAct.DPU_LEAKY_SLOPE) > 0.01f) {
            throw OnnxException.at(file, n, "alpha " + alpha + " is not supported: the DPU's leaky ReLU has the fixed "
                    + "slope 26/256 = 0.1015625 (alphas within 0.01 of it are accepted)");
        }
        activation(n, FloatAct.LEAKY_RELU, alpha);
    }

    private void clip(NodeProto n, Attributes a) {
        float lo, hi;
        if (opset >= 11) {
            lo = present(n, 1) ? scalar(n, 1) : Float.NEGATIVE_INFINITY;
            hi = present(n, 2) ? scalar(n, 2) : Float.POSITIVE_INFINITY;
        } else {
            lo = a.real("min", -Float.MAX_VALUE);
            hi = a.real("max", Float.MAX_VALUE);
        }
        if (lo == 0f && hi == 6f) {
            activation(n, FloatAct.RELU6, 0f);
        } else if (lo == 0f && hi >= Float.MAX_VALUE) {
            activation(n, FloatAct.RELU, 0f);
        } else {
            throw OnnxException.at(file, n, "Clip to [" + lo + ", " + hi + "] is not supported (only [0, 6] as relu6 and "
                    + "[0, inf) as relu)");
        }
    }

    private float scalar(NodeProto n, int i) {
        Constant c = constant(n, i);
        if (c.size() != 1) throw OnnxException.at(file, n, "input " + i + " must be a scalar");
        return c.values()[0];
    }

    private void activation(NodeProto n, FloatAct act, float alpha) {
        MapValue x = map(n, 0);
        int at = indexOf(x.node());
        Node producer = at >= 0 ? nodes.get(at) : null;
        String origin = " + " + OnnxException.describe(n);
        if (producer != null && onlyReader(n.getInput(0))) {
            switch (producer) {
                case FloatGraph.Conv c when c.act() == FloatAct.NONE -> {
                    nodes.set(at, c.with(act, alpha, origin));
                    values.put(out(n), x);
                    return;
                }
                case FloatGraph.Add ad when ad.act() == FloatAct.NONE -> {
                    nodes.set(at, new FloatGraph.Add(ad.name(), ad.a(), ad.b(), ad.shape(), act, alpha, ad.origin() + origin));
                    values.put(out(n), x);
                    return;
                }
                case FloatGraph.Pool p when p.act() == FloatAct.NONE && act == FloatAct.RELU -> {
                    nodes.set(at, new FloatGraph.Pool(p.name(), p.input(), p.in(), p.kind(), p.window(), act, p.origin() + origin));
                    values.put(out(n), x);
                    return;
                }
                default -> { }
            }
        }
        FloatAct before = switch (producer) {
            case FloatGraph.Conv c -> c.act();
            case FloatGraph.Add ad -> ad.act();
            case FloatGraph.Pool p -> p.act();
            case null, default -> FloatAct.NONE;
        };
        if (act == FloatAct.RELU && (before == FloatAct.RELU || before == FloatAct.RELU6)) {
            values.put(out(n), x); // already non-negative
            return;
        }
        String name = name(n);
        Window one = new Window(1, 1, 1, 1, 1, 1, Padding.NONE);
        Node node;
        if (act == FloatAct.RELU) {
            // A 1x1 max pool with a fused ReLU: the same fix point in and out, nothing rescaled.
            node = new FloatGraph.Pool(name, x.node(), x.shape(), PoolSpec.Kind.MAX, one, FloatAct.RELU, OnnxException.describe(n));
        } else {
            float[] ones = new float[x.shape().c()];
            Arrays.fill(ones, 1f);
            node = new FloatGraph.Conv(name, x.node(), x.shape(), x.shape().c(), true, one, ones, new float[ones.length],
                    act, alpha, OnnxException.describe(n));
        }
        nodes.add(node);
        values.put(out(n), new MapValue(name, x.shape(), x.rank()));
    }

    private void pool(NodeProto n, Attributes a, PoolSpec.Kind kind) {
        Value v = value(n, 0);
        if (kind == PoolSpec.Kind.MAX && v instanceof PaddedValue p) {
            throw OnnxException.at(file, n, "reads " + OnnxException.describe(p.padNode()) + ": a zero pad before MaxPool "
                    + "cannot be merged (the network's padding is never the maximum)");
        }
        Source x = paddable(n, 0);
        int[] k = a.ints("kernel_shape", null);
        if (k == null || k.length != 2) throw OnnxException.at(file, n, "kernel_shape must give 2 values");
        int[] dil = a.ints("dilations", new int[] {1, 1});
        if (dil[0] != 1 || dil[1] != 1) throw OnnxException.at(file, n, "dilated pooling is not supported");
        Geometry g = geometry(n, a, x.shape(), k[0], k[1], x.pad());
        int[] own = a.ints("pads", new int[4]);
        boolean ownPads = Arrays.stream(own).anyMatch(p -> p != 0) || a.string("auto_pad", "NOTSET").startsWith("SAME");
        if (kind == PoolSpec.Kind.AVG && ownPads && a.integer("count_include_pad", 0) == 0) {
            throw OnnxException.at(file, n, "average pooling with padding and count_include_pad=0 divides by the taps inside "
                    + "the image; the network divides by the whole window (export with count_include_pad=1)");
        }
        Window w = g.window();
        if (a.integer("ceil_mode", 0) != 0) {
            int ceilH = ceilSize(x.shape().h(), w.padding().top() + w.padding().bottom(), w.kh(), w.sh());
            int ceilW = ceilSize(x.shape().w(), w.padding().left() + w.padding().right(), w.kw(), w.sw());
            if (ceilH != w.outputHeight(x.shape().h()) || ceilW != w.outputWidth(x.shape().w())) {
                throw OnnxException.at(file, n, "ceil_mode=1 changes the output size here; only floor sizes are supported");
            }
        }
        String name = name(n);
        FloatGraph.Pool pool = new FloatGraph.Pool(name, x.node(), x.shape(), kind, w, FloatAct.NONE, OnnxException.describe(n));
        checkOutput(n, pool.output());
        nodes.add(pool);
        values.put(out(n), new MapValue(name, pool.output(), 4));
    }

    private static int ceilSize(int in, int pad, int k, int s) {
        int span = in + pad - k;
        int size = span < 0 ? 0 : (span + s - 1) / s + 1;
        // ONNX drops a last window that would start inside the end padding.
        if (size > 0 && (size - 1) * s >= in + pad / 2) size--;
        return size;
    }

    private void globalAveragePool(NodeProto n) {
        MapValue x = map(n, 0);
        if (x.rank() != 4) throw OnnxException.at(file, n, "input is not a [N, C, H, W] map");
        String name = name(n);
        Window w = new Window(x.shape().h(), x.shape().w(), 1, 1, 1, 1, Padding.NONE);
        FloatGraph.Pool pool = new FloatGraph.Pool(name, x.node(), x.shape(), PoolSpec.Kind.AVG, w, FloatAct.NONE,
                OnnxException.describe(n));
        nodes.add(pool);
        values.put(out(n), new MapValue(name, pool.output(), 4));
    }

    private void pad(NodeProto n, Attributes a) {
        String mode = a.string("mode", "constant");
        if (!mode.equals("constant")) throw OnnxException.at(file, n, "pad mode " + mode + " is not supported (only constant zeros)");
        int[] pads;
        float fill;
        if (opset >= 11) {
            if (present(n, 3)) throw OnnxException.at(file, n, "the axes input is not supported");
            Constant p = constant(n, 1);
            pads = new int[p.size()];
            for (int i = 0; i < pads.length; i++) pads[i] = (int) p.integers()[i];
            fill = present(n, 2) ? scalar(n, 2) : 0f;
        } else {
            pads = a.ints("pads", null);
            fill = a.real("value", 0f);
            if (pads == null) throw OnnxException.at(file, n, "pads are missing");
        }
        if (fill != 0f) throw OnnxException.at(file, n, "pad value " + fill + " is not supported (only 0)");
        if (pads.length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0) {
            throw OnnxException.at(file, n, "pads " + Arrays.toString(pads) + ": only the height and width of a "
                    + "[N, C, H, W] map may be padded");
        }
        for (int p : pads) if (p < 0) throw OnnxException.at(file, n, "negative pads (cropping) are not supported");
        Padding add = new Padding(pads[2], pads[3], pads[6], pads[7]);
        Value v = value(n, 0);
        if (v instanceof PaddedValue p) {
            Padding sum = new Padding(p.pad().top() + add.top(), p.pad().left() + add.left(),
                    p.pad().bottom() + add.bottom(), p.pad().right() + add.right());
            values.put(out(n), new PaddedValue(p.node(), p.shape(), sum, n));
            return;
        }
        MapValue m = map(n, 0);
        if (m.rank() != 4) throw OnnxException.at(file, n, "input is not a [N, C, H, W] map");
        values.put(out(n), new PaddedValue(m.node(), m.shape(), add, n));
    }

    private void add(NodeProto n) {
        Value va = value(n, 0), vb = value(n, 1);
        if (va instanceof ConstValue && vb instanceof MapValue) {
            biasAdd(n, 1, 0);
            return;
        }
        if (vb instanceof ConstValue) {
            biasAdd(n, 0, 1);
            return;
        }
        MapValue a = map(n, 0), b = map(n, 1);
        if (!a.shape().equals(b.shape()) || a.rank() != b.rank()) {
            throw OnnxException.at(file, n, "adds " + a.shape() + " and " + b.shape() + "; only maps of one shape can be "
                    + "added (no broadcasting)");
        }
        String name = name(n);
        nodes.add(new FloatGraph.Add(name, a.node(), b.node(), a.shape(), FloatAct.NONE, 0f, OnnxException.describe(n)));
        values.put(out(n), new MapValue(name, a.shape(), a.rank()));
    }

    /** {@code map + constant}: a per-channel constant after a convolution (or Gemm/MatMul) becomes its bias. */
    private void biasAdd(NodeProto n, int mapIndex, int constIndex) {
        MapValue x = map(n, mapIndex);
        Constant c = constant(n, constIndex);
        int ch = x.shape().c();
        int at = indexOf(x.node());
        boolean perChannel = c.size() == ch && (x.rank() == 2 ? x.shape().h() * x.shape().w() == 1
                : c.shape().length <= 1 || (c.shape().length >= 3 && c.shape()[c.shape().length - 1] == 1
                        && c.shape()[c.shape().length - 2] == 1));
        if (at >= 0 && perChannel && nodes.get(at) instanceof FloatGraph.Conv conv && conv.act() == FloatAct.NONE
                && onlyReader(n.getInput(mapIndex))) {
            float[] b = conv.bias().clone();
            for (int o = 0; o < ch; o++) b[o] += c.values()[o];
            nodes.set(at, conv.with(conv.weights(), b, " + " + OnnxException.describe(n)));
            values.put(out(n), x);
            return;
        }
        throw OnnxException.at(file, n, "adding a constant is supported only as the per-channel bias of the Conv, Gemm "
                + "or MatMul right before it");
    }

    private void concat(NodeProto n, Attributes a) {
        List<String> ins = new ArrayList<>();
        List<FeatureShape> shapes = new ArrayList<>();
        int rank = -1;
        for (int i = 0; i < n.getInputCount(); i++) {
            MapValue m = map(n, i);
            rank = m.rank();
            if (m.rank() == 2 && m.shape().h() * m.shape().w() != 1) {
                throw OnnxException.at(file, n, "joins flattened maps; only channel concatenation of maps is supported");
            }
            ins.add(m.node());
            shapes.add(m.shape());
        }
        long axis = a.integer("axis", Long.MIN_VALUE);
        if (axis < 0 && axis != Long.MIN_VALUE) axis += rank;
        if (axis != 1) throw OnnxException.at(file, n, "axis " + a.integer("axis", 0) + ": only the channel axis (1) is supported");
        if (ins.size() < 2) {
            values.put(out(n), value(n, 0));
            return;
        }
        for (FeatureShape s : shapes) {
            if (s.h() != shapes.getFirst().h() || s.w() != shapes.getFirst().w()) {
                throw OnnxException.at(file, n, "joins maps of different sizes " + shapes);
            }
        }
        String name = name(n);
        FloatGraph.Concat c = new FloatGraph.Concat(name, ins, shapes, OnnxException.describe(n));
        nodes.add(c);
        values.put(out(n), new MapValue(name, c.output(), rank));
    }

    private void flatten(NodeProto n, Attributes a) {
        MapValue x = map(n, 0);
        long axis = a.integer("axis", 1);
        if (axis != 1 && !(x.rank() == 2 && axis == -1)) {
            throw OnnxException.at(file, n, "axis " + axis + ": only Flatten(axis=1) is supported");
        }
        values.put(out(n), new MapValue(x.node(), x.shape(), 2));
    }

    private void reshape(NodeProto n) {
        MapValue x = map(n, 0);
        Constant s = constant(n, 1);
        if (s.integers() == null) throw OnnxException.at(file, n, "the shape must be an integer constant");
        long[] target = s.integers().clone();
        FeatureShape f = x.shape();
        long[] current = x.rank() == 4 ? new long[] {1, f.c(), f.h(), f.w()} : new long[] {1, (long) f.c() * f.h() * f.w()};
        long total = (long) f.c() * f.h() * f.w();
        long known = 1;
        int infer = -1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0 && i < current.length) target[i] = current[i];
            if (target[i] == -1) {
                if (infer >= 0) throw OnnxException.at(file, n, "shape has two -1 entries");
                infer = i;
            } else {
                known *= target[i];
            }
        }
        if (infer >= 0) target[infer] = known == 0 ? 0 : total / known;
        String wanted = Arrays.toString(target);
        if (target.length == 2 && target[0] == 1 && target[1] == total) {
            values.put(out(n), new MapValue(x.node(), f, 2));
        } else if (Arrays.equals(target, current)) {
            values.put(out(n), x);
        } else if (target.length == 4 && f.h() * f.w() == 1 && target[0] == 1 && target[1] == f.c() && target[2] == 1
                && target[3] == 1) {
            values.put(out(n), new MapValue(x.node(), f, 4));
        } else {
            throw OnnxException.at(file, n, "reshape of " + Arrays.toString(current) + " to " + wanted + " is not supported "
                    + "(only flattening to [1, C*H*W] and back to [1, C, 1, 1])");
        }
    }

    private void gemm(NodeProto n, Attributes a) {
        if (a.integer("transA", 0) != 0) throw OnnxException.at(file, n, "transA=1 is not supported");
        dense(n, a.integer("transB", 0) != 0, a.real("alpha", 1f), a.real("beta", 1f), present(n, 2));
    }

    private void matMul(NodeProto n) {
        dense(n, false, 1f, 0f, false);
    }

    /**
     * {@code y = alpha * x B (+ beta * C)} on a flattened map of H x W x C: a convolution with an
     * H x W kernel and no padding, whose weight (n, y, x, c) is B's entry for NCHW flat index
     * {@code c*H*W + y*W + x}.
     */
    private void dense(NodeProto n, boolean transB, float alpha, float beta, boolean hasBias) {
        MapValue x = map(n, 0);
        if (x.rank() != 2) {
            throw OnnxException.at(file, n, "input \"" + n.getInput(0) + "\" is a [N, C, H, W] map; flatten it first");
        }
        Constant b = constant(n, 1);
        if (b.shape().length != 2) throw OnnxException.at(file, n, "weights must be a matrix, got " + Arrays.toString(b.shape()));
        FeatureShape f = x.shape();
        int k = f.c() * f.h() * f.w();
        int rows = b.shape()[0], cols = b.shape()[1];
        int kb = transB ? cols : rows;
        int units = transB ? rows : cols;
        if (kb != k) throw OnnxException.at(file, n, "weights " + Arrays.toString(b.shape()) + " do not fit an input of " + k);
        float[] bv = b.values();
        int hw = f.h() * f.w();
        float[] weights = new float[units * k];
        for (int u = 0; u < units; u++) {
            for (int c = 0; c < f.c(); c++) {
                for (int y = 0; y < f.h(); y++) {
                    for (int xx = 0; xx < f.w(); xx++) {
                        int flat = c * hw + y * f.w() + xx;
                        float v = transB ? bv[u * k + flat] : bv[flat * units + u];
                        weights[((u * f.h() + y) * f.w() + xx) * f.c() + c] = alpha * v;
                    }
                }
            }
        }
        float[] bias = new float[units];
        if (hasBias) {
            Constant c = constant(n, 2);
            if (c.size() == 1) Arrays.fill(bias, beta * c.values()[0]);
            else if (c.size() == units) for (int u = 0; u < units; u++) bias[u] = beta * c.values()[u];
            else throw OnnxException.at(file, n, "bias has " + c.size() + " values for " + units + " outputs");
        }
        String name = name(n);
        if (b.quant() != null) weightScales.put(name, outputScales(n, b.quant(), units, transB ? 0 : 1));
        Window w = new Window(f.h(), f.w(), 1, 1, 1, 1, Padding.NONE);
        nodes.add(new FloatGraph.Conv(name, x.node(), f, units, false, w, weights, bias, FloatAct.NONE, 0f,
                OnnxException.describe(n)));
        values.put(out(n), new MapValue(name, new FeatureShape(1, 1, units), 2));
    }

    private void resize(NodeProto n, Attributes a) {
        MapValue x = map(n, 0);
        if (x.rank() != 4) throw OnnxException.at(file, n, "input is not a [N, C, H, W] map");
        String mode = a.string("mode", "nearest");
        if (!mode.equals("nearest")) throw OnnxException.at(file, n, "mode " + mode + " is not supported (only nearest)");
        String coord = a.string("coordinate_transformation_mode", n.getOpType().equals("Upsample") || opset < 11 ? "asymmetric" : "half_pixel");
        String nearest = a.string("nearest_mode", opset < 11 ? "floor" : "round_prefer_floor");
        boolean repeats = (coord.equals("asymmetric") && nearest.equals("floor"))
                || ((coord.equals("half_pixel") || coord.equals("pytorch_half_pixel"))
                        && (nearest.equals("round_prefer_floor") || nearest.equals("round_prefer_ceil")));
        if (!repeats) {
            throw OnnxException.at(file, n, "coordinate_transformation_mode " + coord + " with nearest_mode " + nearest
                    + " is not a plain repeat; only asymmetric/floor and half_pixel/round_prefer_* are supported");
        }
        FeatureShape f = x.shape();
        float[] scales = null;
        int scalesAt = n.getOpType().equals("Upsample") || opset < 11 ? 1 : 2;
        if (present(n, scalesAt) && constant(n, scalesAt).size() > 0) {
            scales = constant(n, scalesAt).values();
        } else if (present(n, 3)) {
            Constant s = constant(n, 3);
            if (s.size() != 4) throw OnnxException.at(file, n, "sizes must have 4 values");
            scales = new float[] {1, 1, (float) s.values()[2] / f.h(), (float) s.values()[3] / f.w()};
        } else if (a.has("scales")) {
            throw OnnxException.at(file, n, "scales as an attribute are not supported");
        }
        if (scales == null || scales.length != 4) throw OnnxException.at(file, n, "needs 4 scales or sizes");
        if (scales[0] != 1f || scales[1] != 1f) throw OnnxException.at(file, n, "only the height and width may be resized");
        int fy = Math.round(scales[2]), fx = Math.round(scales[3]);
        if (fy < 1 || fx < 1 || fy != scales[2] || fx != scales[3]) {
            throw OnnxException.at(file, n, "scales " + scales[2] + " x " + scales[3] + ": only integer upsampling is supported");
        }
        String name = name(n);
        FloatGraph.Resize r = new FloatGraph.Resize(name, x.node(), f, fy, fx, OnnxException.describe(n));
        nodes.add(r);
        values.put(out(n), new MapValue(name, r.output(), 4));
    }

    // ---- QDQ ------------------------------------------------------------------------------------

    /** Per-output-channel weight scales of a layer from its weights' {@code DequantizeLinear}. */
    private float[] outputScales(NodeProto n, QdqParams q, int outputs, int outputAxis) {
        float[] s = new float[outputs];
        if (!q.perTensor() && q.axis() != outputAxis) {
            throw OnnxException.at(file, n, "weights are quantized per channel along axis " + q.axis()
                    + ", not along the output axis " + outputAxis);
        }
        if (!q.perTensor() && q.scales().length != outputs) {
            throw OnnxException.at(file, n, q.scales().length + " weight scales for " + outputs + " outputs");
        }
        for (int i = 0; i < outputs; i++) {
            if (q.zeroPoint(i) != 0) throw OnnxException.at(file, n, "weights with a zero point are not supported (only symmetric int8)");
            s[i] = q.scale(i);
        }
        return s;
    }

    private QdqParams params(NodeProto n, Attributes a, int rank) {
        Constant scale = constant(n, 1);
        long[] zp;
        boolean unsigned;
        if (present(n, 2)) {
            Constant z = constant(n, 2);
            if (z.integers() == null) throw OnnxException.at(file, n, "the zero point must be an integer constant");
            zp = z.integers();
            unsigned = z.unsigned();
        } else {
            zp = new long[] {0};
            unsigned = true; // ONNX's default zero point is uint8 0
        }
        for (float f : scale.values()) {
            if (!(f > 0) || Float.isInfinite(f)) throw OnnxException.at(file, n, "scale " + f + " is not a positive number");
        }
        long axis = a.integer("axis", 1);
        if (axis < 0) axis += rank;
        return new QdqParams(scale.values(), zp, (int) axis, unsigned);
    }

    private void quantize(NodeProto n, Attributes a) {
        qdq = true;
        Value v = value(n, 0);
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
            values.put(out(n), new ConstValue(new Constant(shape, asFloat, ints, q.unsigned(), null)));
            return;
        }
        MapValue m = map(n, 0);
        QdqParams q = params(n, a, m.rank() == 4 ? 4 : 2);
        if (!q.perTensor()) throw OnnxException.at(file, n, "activations quantized per channel are not supported");
        QdqParams before = activationQuant.get(m.node());
        if (before != null && !before.sameAs(q)) {
            throw OnnxException.at(file, n, "quantizes the output of " + m.node() + " with " + q + " but it was already "
                    + "quantized with " + before);
        }
        activationQuant.put(m.node(), q);
        values.put(out(n), new QuantizedValue(m, q, n));
    }

    private static int channelOf(int flat, int[] shape, int axis) {
        if (shape.length == 0 || axis >= shape.length) return 0;
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) inner *= shape[i];
        return (flat / inner) % shape[axis];
    }

    private void dequantize(NodeProto n, Attributes a) {
        qdq = true;
        Value v = value(n, 0);
        if (v instanceof QuantizedValue q) {
            QdqParams p = params(n, a, q.map().rank() == 4 ? 4 : 2);
            if (!p.sameAs(q.q())) {
                throw OnnxException.at(file, n, "dequantizes with " + p + " what " + OnnxException.describe(q.quantizeNode())
                        + " quantized with " + q.q());
            }
            values.put(out(n), q.map());
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
            values.put(out(n), new ConstValue(new Constant(shape, f, null, false, p)));
            return;
        }
        throw OnnxException.at(file, n, "dequantizes \"" + n.getInput(0) + "\", which is neither the output of a "
                + "QuantizeLinear nor an integer constant");
    }

    private void cast(NodeProto n) {
        if (!(value(n, 0) instanceof ConstValue c)) {
            throw OnnxException.at(file, n, "Cast is supported only on constants (as exporters write it for zero points)");
        }
        long to = new Attributes(file, n).integer("to", 0);
        boolean unsigned = to == TensorProto.DataType.UINT8_VALUE;
        boolean integer = to != TensorProto.DataType.FLOAT_VALUE && to != TensorProto.DataType.DOUBLE_VALUE;
        float[] f = c.c().values();
        long[] ints = null;
        if (integer) {
            ints = new long[f.length];
            for (int i = 0; i < f.length; i++) ints[i] = c.c().integers() != null ? c.c().integers()[i] : (long) f[i];
        }
        values.put(out(n), new ConstValue(new Constant(c.c().shape(), f, ints, unsigned, null)));
    }

    private void constantOfShape(NodeProto n, Attributes a) {
        Constant shape = constant(n, 0);
        if (shape.integers() == null) throw OnnxException.at(file, n, "the shape must be an integer constant");
        int[] dims = new int[shape.size()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape.integers()[i];
            count *= dims[i];
        }
        if (count > 1 << 24) throw OnnxException.at(file, n, "a constant of " + count + " values is too large");
        AttributeProto t = a.tensorAttribute("value");
        Constant fill = t == null ? new Constant(new int[0], new float[] {0f}, null)
                : Constants.of(file, t.getT(), OnnxException.describe(n));
        float[] f = new float[(int) count];
        Arrays.fill(f, fill.values()[0]);
        long[] ints = null;
        if (fill.integers() != null) {
            ints = new long[f.length];
            Arrays.fill(ints, fill.integers()[0]);
        }
        values.put(out(n), new ConstValue(new Constant(dims, f, ints, fill.unsigned(), null)));
    }
}
