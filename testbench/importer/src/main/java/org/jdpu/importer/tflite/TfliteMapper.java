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
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.spec.QuantizedMultiplier;
import org.jdpu.spec.SoftmaxSpec;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.Window;
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
 * the spec cannot express exactly, is refused naming the operator's index and op.
 *
 * <p>Per-channel weights: TFLite Micro takes a convolution's channel count from the filter's
 * output-channel dimension (0 for CONV_2D and FULLY_CONNECTED, 3 for DEPTHWISE_CONV_2D), checks the
 * filter's own {@code quantized_dimension} against it and never reads the bias tensor's
 * quantization. Old converters (person_detect) wrote {@code quantized_dimension} 3 on rank-1 bias
 * tensors; like TFLite Micro, the mapping ignores it.
 */
final class TfliteMapper {
    private final TfliteModel model;
    private final TfliteOperands operands;
    private final Map<Integer, Value> values = new HashMap<>();
    private final List<NetworkWriter.Entry> entries = new ArrayList<>();
    private Edge inputEdge;
    private Edge outputEdge;
    private final List<String> notes = new ArrayList<>();
    private boolean softmax;
    private boolean inputRead;
    /** Tensors holding a TRANSPOSE's NCHW view of a map (only the model output may be one). */
    private final Set<Integer> nchw = new HashSet<>();
    /** True when the network input is a TRANSPOSE of an NCHW model input. */
    private boolean inputNchw;

    /**
     * The int8 feature map a tensor holds: the entry that wrote it (or the network input), its NHWC
     * shape there, its scale and zero point, PAD amounts still to merge into the reader, and the
     * shape the model gives the tensor (a RESHAPE changes only this view).
     */
    private record Value(String source, FeatureShape feature, float scale, int zeroPoint, Padding pad, int[] view) {
        Value withView(int[] v) {
            return new Value(source, feature, scale, zeroPoint, pad, v);
        }
    }

    /** A model edge tensor before the network entry that produces it is known. */
    private record Edge(String name, int[] shape, EdgeDType dtype, float scale, int zeroPoint) {}

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
        EdgeQuant quant = new EdgeQuant.Affine(e.scale(), e.zeroPoint());
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
            case BuiltinOperator.CONV_2D, BuiltinOperator.DEPTHWISE_CONV_2D -> convolution(op);
            case BuiltinOperator.FULLY_CONNECTED -> fullyConnected(op);
            case BuiltinOperator.AVERAGE_POOL_2D, BuiltinOperator.MAX_POOL_2D -> pool(op);
            case BuiltinOperator.CONCATENATION -> concatenation(op);
            case BuiltinOperator.PAD, BuiltinOperator.PADV2 -> pad(op);
            case BuiltinOperator.RESHAPE -> reshape(op);
            case BuiltinOperator.QUANTIZE -> quantize(op);
            case BuiltinOperator.DEQUANTIZE -> dequantize(op);
            case BuiltinOperator.SOFTMAX -> softmax(op);
            case BuiltinOperator.ADD -> add(op);
            case BuiltinOperator.MEAN -> mean(op);
            case BuiltinOperator.TRANSPOSE -> transpose(op);
            default -> refuse(op, "is not supported (mapped: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, "
                    + "ADD, AVERAGE_POOL_2D, MAX_POOL_2D, MEAN over height and width, CONCATENATION, PAD, RESHAPE, "
                    + "TRANSPOSE, QUANTIZE and DEQUANTIZE at the edges, SOFTMAX at the end)");
        }
    }

    // ---- convolutions: CONV_2D and DEPTHWISE_CONV_2D map one to one (OHWI and 1HWC weights are the spec's layouts)

    private void convolution(Operator op) {
        boolean depthwise = op.code().builtinCode() == BuiltinOperator.DEPTHWISE_CONV_2D;
        TfliteOperands.count(op, 2, 3);
        Value x = value(op, 0);
        Tensor w = operands.constant(op, op.inputs()[1], TensorType.INT8, "filter");
        byte[] weights = operands.int8(op, w); // first: a shape that disagrees with the data is refused before any use
        Tensor y = operands.output(op);
        if (w.shape().length != 4) refuse(op, "filter shape " + Arrays.toString(w.shape()) + " is not 4-D");
        int oc = depthwise ? w.shape()[3] : w.shape()[0];
        int kh = w.shape()[1], kw = w.shape()[2];
        FeatureShape in = x.feature();
        requireView(op, x, true);
        int sh, sw, dh, dw;
        BuiltinOptions.Padding padding;
        FusedActivation act;
        switch (op.options()) {
            case BuiltinOptions.Conv2D o when !depthwise -> {
                padding = o.padding(); sh = o.strideH(); sw = o.strideW(); dh = o.dilationH(); dw = o.dilationW(); act = o.activation();
            }
            case BuiltinOptions.DepthwiseConv2D o when depthwise -> {
                padding = o.padding(); sh = o.strideH(); sw = o.strideW(); dh = o.dilationH(); dw = o.dilationW(); act = o.activation();
            }
            default -> throw refusal(op, "has no " + (depthwise ? "DepthwiseConv2DOptions" : "Conv2DOptions"));
        }
        if (depthwise ? w.shape()[0] != 1 || oc % in.c() != 0 : w.shape()[3] != in.c()) {
            refuse(op, "filter shape " + Arrays.toString(w.shape()) + " does not fit the input " + in);
        }
        // SAME pads the map the convolution sees, which a merged PAD has already grown.
        Padding pre = x.pad();
        FeatureShape seen = new FeatureShape(in.h() + pre.top() + pre.bottom(), in.w() + pre.left() + pre.right(), in.c());
        Padding pad = TflitePadding.plus(TflitePadding.of(op, padding, seen, kh, kw, sh, sw, dh, dw), pre);
        Window window = new Window(kh, kw, sh, sw, dh, dw, pad);
        MultiplierQuant quant = quant(op, x, w, y, oc);
        Activation activation = activation(op, act, y);
        ConvolutionSpec spec = depthwise
                ? new DepthwiseConv2dSpec(in, oc / in.c(), window, quant, activation)
                : new Conv2dSpec(in, oc, window, quant, activation);
        emit(op, spec, List.of(x), new Int8Tensor(w.shape(), weights), bias(op, oc), y);
    }

    /**
     * FULLY_CONNECTED as a conv2d whose window is the whole input map ({@code [out, N]} weights are
     * OHWI for it, and the engine runs convolutions), or as a dense layer when the map is wider than
     * a convolution's window; both read the map flattened in NHWC order, as TFLite does.
     */
    private void fullyConnected(Operator op) {
        TfliteOperands.count(op, 2, 3);
        Value x = value(op, 0);
        Tensor w = operands.constant(op, op.inputs()[1], TensorType.INT8, "filter");
        byte[] weights = operands.int8(op, w);
        Tensor y = operands.output(op);
        if (!(op.options() instanceof BuiltinOptions.FullyConnected o)) throw refusal(op, "has no FullyConnectedOptions");
        if (o.weightsFormat() != 0) refuse(op, "uses the shuffled weights format " + o.weightsFormat());
        FeatureShape in = x.feature();
        if (!x.pad().equals(Padding.NONE)) refuse(op, "reads a PAD; only a convolution takes a PAD as its padding");
        long n = (long) in.h() * in.w() * in.c();
        if (w.shape().length != 2 || w.shape()[1] != n) {
            refuse(op, "filter shape " + Arrays.toString(w.shape()) + " does not fit the " + in + " input (" + n + " values)");
        }
        int oc = w.shape()[0];
        MultiplierQuant quant = quant(op, x, w, y, oc);
        Activation activation = activation(op, o.activation(), y);
        if (in.h() > LayerChecks.MAX_KERNEL || in.w() > LayerChecks.MAX_KERNEL) {
            emit(op, new DenseSpec(in, oc, quant, activation), List.of(x), new Int8Tensor(w.shape(), weights), bias(op, oc), y);
            return;
        }
        Window window = new Window(in.h(), in.w(), 1, 1, 1, 1, Padding.NONE);
        Conv2dSpec spec = new Conv2dSpec(in, oc, window, quant, activation);
        emit(op, spec, List.of(x), new Int8Tensor(new int[] {oc, in.h(), in.w(), in.c()}, weights), bias(op, oc), y);
    }

    private MultiplierQuant quant(Operator op, Value x, Tensor w, Tensor y, int oc) {
        if (oc < 1 || oc > LayerChecks.MAX_CHANNELS) refuse(op, "has " + oc + " output channels; 1.." + LayerChecks.MAX_CHANNELS + " are mapped");
        Quantization wq = w.quantization();
        if (wq == null || wq.scale().length == 0) refuse(op, "filter \"" + w.name() + "\" is not quantized");
        if (wq.scale().length != 1 && wq.scale().length != oc) {
            refuse(op, "filter \"" + w.name() + "\" has " + wq.scale().length + " scales for " + oc + " output channels");
        }
        if (wq.perChannel()) {
            int dim = wq.quantizedDimension();
            if (dim < 0 || dim >= w.shape().length || w.shape()[dim] != oc) {
                refuse(op, "filter \"" + w.name() + "\" is quantized along dimension " + dim + " of "
                        + Arrays.toString(w.shape()) + ", not along its " + oc + " output channels");
            }
        }
        for (long zp : wq.zeroPoint()) {
            if (zp != 0) refuse(op, "filter \"" + w.name() + "\" has weight zero point " + zp + "; int8 kernels need 0");
        }
        Quantization yq = TfliteOperands.perTensor(y, "output of " + op.label());
        int[] multiplier = new int[oc], shift = new int[oc];
        for (int c = 0; c < oc; c++) {
            float ws = wq.scale()[wq.perChannel() ? c : 0];
            if (!(ws > 0) || Float.isInfinite(ws)) refuse(op, "filter \"" + w.name() + "\" has scale " + ws + " for channel " + c);
            double real = TfliteQuantParams.effectiveScale(x.scale(), ws, yq.scale()[0]);
            QuantizedMultiplier m;
            try {
                m = QuantizedMultiplier.of(real);
            } catch (IllegalArgumentException e) {
                throw refusal(op, "channel " + c + " rescales by " + real + ", too large for TFLite's int32 scaling");
            }
            multiplier[c] = m.multiplier();
            shift[c] = m.shift();
        }
        return new MultiplierQuant(x.zeroPoint(), (int) yq.zeroPoint()[0], multiplier, shift);
    }

    private Int32Tensor bias(Operator op, int oc) {
        if (op.inputs().length < 3 || op.inputs()[2] < 0) return null;
        Tensor b = operands.constant(op, op.inputs()[2], TensorType.INT32, "bias");
        if (b.elements() != oc) refuse(op, "bias \"" + b.name() + "\" has " + b.elements() + " values for " + oc + " output channels");
        return new Int32Tensor(new int[] {oc}, operands.int32(op, b));
    }

    private Activation activation(Operator op, FusedActivation act, Tensor y) {
        Quantization q = TfliteOperands.perTensor(y, "output of " + op.label());
        int[] range = TfliteQuantParams.activationRange(act, q.scale()[0], (int) q.zeroPoint()[0]);
        if (range == null) refuse(op, "fuses activation " + act + ", which int8 kernels do not fuse");
        if (range[0] > range[1]) refuse(op, "fuses " + act + " with an empty int8 range " + Arrays.toString(range));
        return TfliteQuantParams.activation(range);
    }

    // ---- pools and concatenation: no rescaling, so input and output share scale and zero point

    private void pool(Operator op) {
        boolean max = op.code().builtinCode() == BuiltinOperator.MAX_POOL_2D;
        TfliteOperands.count(op, 1, 1);
        Value x = value(op, 0);
        Tensor y = operands.output(op);
        requireView(op, x, false);
        if (!(op.options() instanceof BuiltinOptions.Pool2D o)) throw refusal(op, "has no Pool2DOptions");
        sameEncoding(op, x, y);
        Padding pad = TflitePadding.of(op, o.padding(), x.feature(), o.filterH(), o.filterW(), o.strideH(), o.strideW(), 1, 1);
        Window window = new Window(o.filterH(), o.filterW(), o.strideH(), o.strideW(), 1, 1, pad);
        // TFLite's pools: an average divides by the taps inside the image and rounds half away from zero.
        PoolSpec spec = new PoolSpec(max ? PoolSpec.Kind.MAX : PoolSpec.Kind.AVG, x.feature(), window,
                new PoolQuant.TflitePool(x.zeroPoint()), activation(op, o.activation(), y));
        emit(op, spec, List.of(x), null, null, y);
    }

    /** ADD of two maps of one shape, both rescaled to a common scale as TFLite's int8 ADD does. */
    private void add(Operator op) {
        TfliteOperands.count(op, 2, 2);
        Value a = value(op, 0), b = value(op, 1);
        Tensor y = operands.output(op);
        requireView(op, a, false);
        requireView(op, b, false);
        if (!a.feature().equals(b.feature())) refuse(op, "adds " + a.feature() + " and " + b.feature() + "; broadcasting is not mapped");
        if (!(op.options() instanceof BuiltinOptions.Add o)) throw refusal(op, "has no AddOptions");
        Quantization yq = TfliteOperands.perTensor(y, "output of " + op.label());
        AddSpec.TfliteAddQuant quant;
        try {
            quant = AddSpec.TfliteAddQuant.of(a.scale(), a.zeroPoint(), b.scale(), b.zeroPoint(), yq.scale()[0], (int) yq.zeroPoint()[0]);
        } catch (IllegalArgumentException e) {
            throw refusal(op, "cannot be prepared as TFLite prepares it: " + e.getMessage());
        }
        emit(op, new AddSpec(a.feature(), quant, activation(op, o.activation(), y)), List.of(a, b), null, null, y);
    }

    /** MEAN over height and width as a global average pool with TFLite's folded multiplier. */
    private void mean(Operator op) {
        TfliteOperands.count(op, 2, 2);
        Value x = value(op, 0);
        Tensor y = operands.output(op);
        requireView(op, x, false);
        if (x.view().length != 4) refuse(op, "reduces a " + x.view().length + "-D tensor; 4-D NHWC is mapped");
        Tensor axes = operands.constant(op, op.inputs()[1], TensorType.INT32, "axis");
        int[] v = operands.int32(op, axes);
        int[] sorted = Arrays.stream(v).map(i -> i < 0 ? i + 4 : i).sorted().toArray();
        if (!Arrays.equals(sorted, new int[] {1, 2})) refuse(op, "reduces axes " + Arrays.toString(v) + "; only height and width (1, 2) are mapped");
        Quantization yq = TfliteOperands.perTensor(y, "output of " + op.label());
        PoolQuant.TfliteMean quant;
        try {
            quant = PoolQuant.TfliteMean.of(x.scale(), x.zeroPoint(), yq.scale()[0], (int) yq.zeroPoint()[0]);
        } catch (IllegalArgumentException e) {
            throw refusal(op, "cannot be prepared as TFLite prepares it: " + e.getMessage());
        }
        emit(op, new GlobalAvgPoolSpec(x.feature(), quant, Activation.NONE), List.of(x), null, null, y);
    }

    private void concatenation(Operator op) {
        TfliteOperands.count(op, 2, Integer.MAX_VALUE);
        Tensor y = operands.output(op);
        if (!(op.options() instanceof BuiltinOptions.Concatenation o)) throw refusal(op, "has no ConcatenationOptions");
        int rank = y.shape().length;
        int axis = o.axis() < 0 ? o.axis() + rank : o.axis();
        if (axis != rank - 1) refuse(op, "joins along axis " + o.axis() + " of " + Arrays.toString(y.shape()) + "; only the channel axis is mapped");
        List<Value> in = new ArrayList<>();
        for (int i = 0; i < op.inputs().length; i++) {
            Value v = value(op, i);
            requireView(op, v, false);
            sameEncoding(op, v, y);
            in.add(v);
        }
        if (!(activation(op, o.activation(), y) instanceof Activation.None)) refuse(op, "fuses " + o.activation() + "; concat takes no activation");
        emit(op, new ConcatSpec(in.stream().map(Value::feature).toList()), in, null, null, y);
    }

    private void sameEncoding(Operator op, Value x, Tensor y) {
        Quantization q = TfliteOperands.perTensor(y, "output of " + op.label());
        if (q.scale()[0] != x.scale() || q.zeroPoint()[0] != x.zeroPoint()) {
            refuse(op, "rescales (input scale " + x.scale() + " zero point " + x.zeroPoint() + ", output scale "
                    + q.scale()[0] + " zero point " + q.zeroPoint()[0] + "); the mapped op keeps its input's encoding");
        }
    }

    // ---- operators that only relabel: PAD (merged into the next convolution), RESHAPE, the edges, SOFTMAX

    private void pad(Operator op) {
        TfliteOperands.count(op, 2, 3);
        Value x = value(op, 0);
        Tensor y = operands.output(op);
        requireView(op, x, false);
        sameEncoding(op, x, y);
        Tensor p = operands.constant(op, op.inputs()[1], TensorType.INT32, "paddings");
        int[] v = operands.int32(op, p);
        if (v.length != 8) refuse(op, "pads a " + (v.length / 2) + "-D tensor; a 4-D NHWC tensor is mapped");
        if (v[0] != 0 || v[1] != 0 || v[6] != 0 || v[7] != 0) refuse(op, "pads the batch or channel axis " + Arrays.toString(v));
        for (int a : v) {
            if (a < 0) refuse(op, "has a negative padding " + Arrays.toString(v));
        }
        if (op.inputs().length == 3 && op.inputs()[2] >= 0) {
            Tensor c = operands.constant(op, op.inputs()[2], TensorType.INT8, "constant value");
            byte[] cv = operands.data(op, c, 1);
            if (cv.length != 1 || cv[0] != x.zeroPoint()) {
                refuse(op, "pads with " + (cv.length == 1 ? cv[0] : "several values") + ", not the zero point " + x.zeroPoint());
            }
        }
        Padding merged = TflitePadding.plus(x.pad(), new Padding(v[2], v[4], v[3], v[5]));
        values.put(y.index(), new Value(x.source(), x.feature(), x.scale(), x.zeroPoint(), merged, y.shape()));
    }

    private void reshape(Operator op) {
        TfliteOperands.count(op, 1, 2);
        Value x = value(op, 0);
        Tensor y = operands.output(op);
        if (!x.pad().equals(Padding.NONE)) refuse(op, "reshapes a PAD's output");
        sameEncoding(op, x, y);
        long n = (long) x.feature().h() * x.feature().w() * x.feature().c();
        if (y.elements() != n) refuse(op, "changes the element count from " + n + " to " + y.elements());
        if (x.source().equals(NetworkSpec.INPUT) && !inputRead) {
            // Nothing has read the network input yet: the reshaped view becomes the network's input shape.
            values.put(y.index(), new Value(x.source(), TfliteOperands.feature(y, "output of " + op.label()), x.scale(), x.zeroPoint(),
                    Padding.NONE, y.shape()));
        } else {
            values.put(y.index(), x.withView(y.shape()));
        }
    }

    /**
     * TRANSPOSE at the edges: NCHW to NHWC ({@code [0, 2, 3, 1]}) of the model input, which makes
     * the input edge NCHW, or NHWC to NCHW ({@code [0, 3, 1, 2]}) of a map the model outputs.
     */
    private void transpose(Operator op) {
        TfliteOperands.count(op, 2, 2);
        Value x = value(op, 0);
        Tensor y = operands.output(op);
        sameEncoding(op, x, y);
        Tensor p = operands.constant(op, op.inputs()[1], TensorType.INT32, "perm");
        int[] perm = operands.int32(op, p);
        if (Arrays.equals(perm, new int[] {0, 1, 2, 3})) {
            values.put(y.index(), x.withView(y.shape()));
        } else if (Arrays.equals(perm, new int[] {0, 2, 3, 1}) && x.source().equals(NetworkSpec.INPUT) && !inputRead
                && !inputNchw && x.view().length == 4) {
            values.put(y.index(), new Value(x.source(), TfliteOperands.feature(y, "output of " + op.label()), x.scale(), x.zeroPoint(),
                    Padding.NONE, y.shape()));
            inputNchw = true;
        } else if (Arrays.equals(perm, new int[] {0, 3, 1, 2}) && x.pad().equals(Padding.NONE)) {
            requireView(op, x, false);
            values.put(y.index(), x.withView(y.shape()));
            nchw.add(y.index());
        } else {
            refuse(op, "permutes " + Arrays.toString(perm) + "; only NCHW to NHWC of the model input and NHWC to NCHW "
                    + "of the model output are mapped");
        }
    }

    /**
     * QUANTIZE at the edges: the float32 model input to int8; a uint8 model input to int8 of the same
     * scale with the zero point moved by 128 (the edge moves the values); or int8 to a uint8 model
     * output the same way. A requantisation inside the graph is refused.
     */
    private void quantize(Operator op) {
        TfliteOperands.count(op, 1, 1);
        Tensor in = model.tensor(op.inputs()[0]);
        Tensor y = model.tensor(op.outputs()[0]);
        boolean fromInput = in.index() == model.subgraph().inputs()[0];
        boolean toOutput = y.index() == model.subgraph().outputs()[0];
        String role = "output of " + op.label();
        if (fromInput && in.type() == TensorType.FLOAT32 && y.type() == TensorType.INT8) {
            Quantization q = TfliteOperands.perTensor(y, role);
            values.put(y.index(), new Value(NetworkSpec.INPUT, TfliteOperands.feature(y, role), q.scale()[0],
                    (int) q.zeroPoint()[0], Padding.NONE, y.shape()));
            inputEdge = new Edge(in.name(), in.shape(), EdgeDType.FLOAT32, q.scale()[0], (int) q.zeroPoint()[0]);
        } else if (fromInput && in.type() == TensorType.UINT8 && y.type() == TensorType.INT8) {
            Quantization qi = TfliteOperands.perTensor(in, "the model input", 0, 255), qo = TfliteOperands.perTensor(y, role);
            moveBy128(op, qi, qo);
            values.put(y.index(), new Value(NetworkSpec.INPUT, TfliteOperands.feature(y, role), qo.scale()[0],
                    (int) qo.zeroPoint()[0], Padding.NONE, y.shape()));
            inputEdge = new Edge(in.name(), in.shape(), EdgeDType.UINT8, qo.scale()[0], (int) qo.zeroPoint()[0]);
        } else if (toOutput && in.type() == TensorType.INT8 && y.type() == TensorType.UINT8) {
            Value x = value(op, 0);
            Quantization qi = TfliteOperands.perTensor(in, "input of " + op.label()), qo = TfliteOperands.perTensor(y, role, 0, 255);
            moveBy128(op, qo, qi);
            values.put(y.index(), x.withView(y.shape()));
            if (nchw.contains(in.index())) nchw.add(y.index());
            outputEdge = new Edge(y.name(), y.shape(), EdgeDType.UINT8, x.scale(), x.zeroPoint());
        } else {
            refuse(op, "requantises inside the graph; QUANTIZE is mapped only from a float32 or uint8 model input "
                    + "and to a uint8 model output");
        }
    }

    /** The int8 side of a uint8 edge has the uint8 side's scale and its zero point minus 128. */
    private static void moveBy128(Operator op, Quantization uint8, Quantization int8) {
        if (uint8.scale()[0] != int8.scale()[0] || int8.zeroPoint()[0] != uint8.zeroPoint()[0] - 128) {
            throw refusal(op, "rescales between uint8 (scale " + uint8.scale()[0] + ", zero point " + uint8.zeroPoint()[0]
                    + ") and int8 (scale " + int8.scale()[0] + ", zero point " + int8.zeroPoint()[0]
                    + "); only the move by 128 of one scale is mapped");
        }
    }

    private void dequantize(Operator op) {
        TfliteOperands.count(op, 1, 1);
        Value x = value(op, 0);
        Tensor y = model.tensor(op.outputs()[0]);
        if (op.outputs().length != 1 || y.index() != model.subgraph().outputs()[0] || y.type() != TensorType.FLOAT32) {
            refuse(op, "is mapped only as the last step to a float model output");
        }
        values.put(y.index(), x.withView(y.shape()));
        if (nchw.contains(op.inputs()[0])) nchw.add(y.index());
        outputEdge = new Edge(y.name(), y.shape(), EdgeDType.FLOAT32, x.scale(), x.zeroPoint());
    }

    /** SOFTMAX over the channels, last: a host-run layer, as the DPU leaves softmax to the CPU. */
    private void softmax(Operator op) {
        TfliteOperands.count(op, 1, 1);
        Value x = value(op, 0);
        Tensor y = operands.output(op);
        requireView(op, x, false);
        if (!(op.options() instanceof BuiltinOptions.Softmax o)) throw refusal(op, "has no SoftmaxOptions");
        Quantization q = TfliteOperands.perTensor(y, "output of " + op.label());
        if (q.scale()[0] != 1f / 256 || q.zeroPoint()[0] != SoftmaxSpec.OUTPUT_ZERO_POINT) {
            refuse(op, "writes scale " + q.scale()[0] + " zero point " + q.zeroPoint()[0]
                    + "; TFLite's int8 softmax writes scale 1/256 and zero point -128");
        }
        SoftmaxSpec spec;
        try {
            spec = SoftmaxSpec.of(x.feature(), o.beta(), x.scale());
        } catch (IllegalArgumentException e) {
            throw refusal(op, "cannot be expressed: " + e.getMessage());
        }
        emit(op, spec, List.of(x), null, null, y);
        softmax = true;
        notes.add(op.label() + " runs on the host, after the engine's layers");
    }

    // ---- entries and tensors

    private void emit(Operator op, LayerSpec spec, List<Value> in, Int8Tensor weights, Int32Tensor bias, Tensor y) {
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
    private Value value(Operator op, int i) {
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
    private void requireView(Operator op, Value v, boolean padAllowed) {
        if (!padAllowed && !v.pad().equals(Padding.NONE)) refuse(op, "reads a PAD; only a convolution takes a PAD as its padding");
        if (!v.pad().equals(Padding.NONE)) return;
        FeatureShape view = TfliteOperands.featureOrNull(v.view());
        if (!v.feature().equals(view)) {
            refuse(op, "reads " + Arrays.toString(v.view()) + ", a RESHAPE of the " + v.feature() + " map; only "
                    + "FULLY_CONNECTED and the model output may read a reshaped map");
        }
    }

    private void refuse(Operator op, String problem) {
        throw refusal(op, problem);
    }

    private static TfliteRefusal refusal(Operator op, String problem) {
        return TfliteRefusal.of(op, problem);
    }

    private void fail(String problem) {
        throw new TfliteRefusal(problem);
    }
}
