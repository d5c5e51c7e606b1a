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
import org.jdpu.importer.tflite.TfliteNetwork.HostSoftmax;
import org.jdpu.importer.tflite.TfliteQuantParams.Multiplier;
import org.jdpu.spec.Activation;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the first subgraph of an int8 TFLite model onto network-spec entries in {@code multiplier}
 * mode, operator by operator in the model's execution order. Convolutions, depthwise convolutions,
 * fully connected layers (as a convolution whose window covers the whole input), pools and
 * concatenations become layers; PAD becomes the next convolution's padding, RESHAPE a new view of
 * the same bytes, QUANTIZE / DEQUANTIZE the float edges and a final SOFTMAX the host's step. Any
 * other operator, or a use the spec cannot express exactly, is refused naming the operator's index
 * and op.
 *
 * <p>Per-channel weights: TFLite Micro takes a convolution's channel count from the filter's
 * output-channel dimension (0 for CONV_2D and FULLY_CONNECTED, 3 for DEPTHWISE_CONV_2D), checks the
 * filter's own {@code quantized_dimension} against it and never reads the bias tensor's
 * quantization. Old converters (person_detect) wrote {@code quantized_dimension} 3 on rank-1 bias
 * tensors; like TFLite Micro, the mapping ignores it.
 */
final class TfliteMapper {
    private final TfliteModel model;
    private final Map<Integer, Value> values = new HashMap<>();
    private final List<NetworkWriter.Entry> entries = new ArrayList<>();
    private Edge inputEdge;
    private Edge outputEdge;
    private final List<String> notes = new ArrayList<>();
    private HostSoftmax softmax;
    private boolean inputRead;

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
                Quantization q = perTensor(in, "the model input");
                values.put(in.index(), new Value(NetworkSpec.INPUT, feature(in, "the model input"), q.scale()[0],
                        (int) q.zeroPoint()[0], Padding.NONE, in.shape()));
                inputEdge = new Edge(in.name(), in.shape(), EdgeDType.INT8, q.scale()[0], (int) q.zeroPoint()[0]);
            }
            case FLOAT32 -> { } // a QUANTIZE must read it
            default -> fail("the model input \"" + in.name() + "\" is " + typeName(in) + "; int8 or float32 (then QUANTIZE) is mapped");
        }
        for (Operator op : g.operators()) operator(op);
        if (inputEdge == null) fail("the float model input \"" + in.name() + "\" is not read by a QUANTIZE");
        Tensor out = model.tensor(g.outputs()[0]);
        Value last = values.get(out.index());
        if (last == null || entries.isEmpty() || !last.source().equals(entries.getLast().name())) {
            fail("the model output \"" + out.name() + "\" is not written by the last mapped layer");
        }
        if (outputEdge == null) {
            Quantization q = perTensor(out, "the model output");
            outputEdge = new Edge(out.name(), out.shape(), EdgeDType.INT8, q.scale()[0], (int) q.zeroPoint()[0]);
        }
        NetworkWriter.Entry first = entries.getFirst();
        ModelEdge edge = new ModelEdge(model.file().toString(),
                edgeTensor(inputEdge, NetworkSpec.INPUT, first.spec().input()),
                List.of(edgeTensor(outputEdge, entries.getLast().name(), entries.getLast().spec().output())));
        return new TfliteNetwork(entries, edge, softmax, notes);
    }

    /**
     * The edge as the model declares it when its NHWC (rank 4) or NC (rank 2) reading is the
     * network's map; otherwise (a RESHAPE the network absorbed, e.g. micro_speech's [1, 1960] read
     * as 49x40x1) the network's own NHWC shape, with a note.
     */
    private EdgeTensor edgeTensor(Edge e, String layer, FeatureShape network) {
        EdgeQuant quant = new EdgeQuant.Affine(e.scale(), e.zeroPoint());
        int[] s = e.shape();
        if (s.length == 4 && network.equals(featureOrNull(s))) return new EdgeTensor(e.name(), layer, s, EdgeLayout.NHWC, e.dtype(), quant);
        if (s.length == 2 && s[0] == 1 && network.h() == 1 && network.w() == 1 && network.c() == s[1]) {
            return new EdgeTensor(e.name(), layer, s, EdgeLayout.NC, e.dtype(), quant);
        }
        notes.add("model tensor \"" + e.name() + "\" " + Arrays.toString(s) + " is taken in the network's shape "
                + Arrays.toString(network.tensorShape()) + " (the same bytes, NHWC)");
        return new EdgeTensor(e.name(), layer, network.tensorShape(), EdgeLayout.NHWC, e.dtype(), quant);
    }

    private void operator(Operator op) {
        if (softmax != null && op.code().builtinCode() != BuiltinOperator.DEQUANTIZE) {
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
            case BuiltinOperator.ADD -> refuse(op, "is not mapped yet: the golden model has no TFLite int8 add");
            case BuiltinOperator.MEAN -> refuse(op, "is not mapped yet: the golden model has no TFLite int8 mean");
            case BuiltinOperator.TRANSPOSE -> refuse(op, "is not mapped: the network spec is NHWC throughout");
            default -> refuse(op, "is not supported (mapped: CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, "
                    + "AVERAGE_POOL_2D, MAX_POOL_2D, CONCATENATION, PAD, RESHAPE, QUANTIZE and DEQUANTIZE at the "
                    + "edges, SOFTMAX at the end)");
        }
    }

    // ---- convolutions: CONV_2D and DEPTHWISE_CONV_2D map one to one (OHWI and 1HWC weights are the spec's layouts)

    private void convolution(Operator op) {
        boolean depthwise = op.code().builtinCode() == BuiltinOperator.DEPTHWISE_CONV_2D;
        inputs(op, 2, 3);
        Value x = value(op, 0);
        Tensor w = constant(op, op.inputs()[1], TensorType.INT8, "filter");
        Tensor y = output(op);
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
        Padding pad = plus(samePadding(op, padding, seen, kh, kw, sh, sw, dh, dw), pre);
        Window window = new Window(kh, kw, sh, sw, dh, dw, pad);
        MultiplierQuant quant = quant(op, x, w, y, oc);
        Activation activation = activation(op, act, y);
        ConvolutionSpec spec = depthwise
                ? new DepthwiseConv2dSpec(in, oc / in.c(), window, quant, activation)
                : new Conv2dSpec(in, oc, window, quant, activation);
        add(op, spec, List.of(x), new Int8Tensor(w.shape(), int8(op, w)), bias(op, oc), y);
    }

    /** FULLY_CONNECTED as a conv2d whose window is the whole input map: {@code [out, N]} weights are OHWI for it. */
    private void fullyConnected(Operator op) {
        inputs(op, 2, 3);
        Value x = value(op, 0);
        Tensor w = constant(op, op.inputs()[1], TensorType.INT8, "filter");
        Tensor y = output(op);
        if (!(op.options() instanceof BuiltinOptions.FullyConnected o)) throw refusal(op, "has no FullyConnectedOptions");
        if (o.weightsFormat() != 0) refuse(op, "uses the shuffled weights format " + o.weightsFormat());
        FeatureShape in = x.feature();
        if (!x.pad().equals(Padding.NONE)) refuse(op, "reads a PAD; only a convolution takes a PAD as its padding");
        long n = (long) in.h() * in.w() * in.c();
        if (w.shape().length != 2 || w.shape()[1] != n) {
            refuse(op, "filter shape " + Arrays.toString(w.shape()) + " does not fit the " + in + " input (" + n + " values)");
        }
        if (in.h() > LayerChecks.MAX_KERNEL || in.w() > LayerChecks.MAX_KERNEL) {
            refuse(op, "reads a " + in + " map; as a convolution its window would exceed " + LayerChecks.MAX_KERNEL
                    + "x" + LayerChecks.MAX_KERNEL + " (the golden model has no dense layer yet)");
        }
        int oc = w.shape()[0];
        MultiplierQuant quant = quant(op, x, w, y, oc);
        Window window = new Window(in.h(), in.w(), 1, 1, 1, 1, Padding.NONE);
        Conv2dSpec spec = new Conv2dSpec(in, oc, window, quant, activation(op, o.activation(), y));
        Int8Tensor weights = new Int8Tensor(new int[] {oc, in.h(), in.w(), in.c()}, int8(op, w));
        add(op, spec, List.of(x), weights, bias(op, oc), y);
    }

    private MultiplierQuant quant(Operator op, Value x, Tensor w, Tensor y, int oc) {
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
        Quantization yq = perTensor(y, "output of " + op.label());
        int[] multiplier = new int[oc], shift = new int[oc];
        for (int c = 0; c < oc; c++) {
            float ws = wq.scale()[wq.perChannel() ? c : 0];
            Multiplier m = TfliteQuantParams.quantizeMultiplier(TfliteQuantParams.effectiveScale(x.scale(), ws, yq.scale()[0]));
            multiplier[c] = m.multiplier();
            shift[c] = m.shift();
        }
        return new MultiplierQuant(x.zeroPoint(), (int) yq.zeroPoint()[0], multiplier, shift);
    }

    private Int32Tensor bias(Operator op, int oc) {
        if (op.inputs().length < 3 || op.inputs()[2] < 0) return null;
        Tensor b = constant(op, op.inputs()[2], TensorType.INT32, "bias");
        if (b.elements() != oc) refuse(op, "bias \"" + b.name() + "\" has " + b.elements() + " values for " + oc + " output channels");
        byte[] raw = data(op, b, 4);
        int[] v = new int[oc];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
        return new Int32Tensor(new int[] {oc}, v);
    }

    private static Padding samePadding(Operator op, BuiltinOptions.Padding padding, FeatureShape in, int kh, int kw,
                                       int sh, int sw, int dh, int dw) {
        return switch (padding) {
            case VALID -> Padding.NONE;
            case SAME -> {
                if (sh < 1 || sw < 1 || dh < 1 || dw < 1) throw refusal(op, "has a stride or dilation below 1");
                int th = total(in.h(), kh, sh, dh), tw = total(in.w(), kw, sw, dw);
                // TFLite puts the odd pixel of SAME padding at the bottom and the right.
                yield new Padding(th / 2, tw / 2, th - th / 2, tw - tw / 2);
            }
            case UNKNOWN -> throw refusal(op, "has an unknown padding type");
        };
    }

    private static int total(int size, int k, int stride, int dilation) {
        int out = (size + stride - 1) / stride;
        return Math.max((out - 1) * stride + (k - 1) * dilation + 1 - size, 0);
    }

    private static Padding plus(Padding a, Padding b) {
        return new Padding(a.top() + b.top(), a.left() + b.left(), a.bottom() + b.bottom(), a.right() + b.right());
    }

    private Activation activation(Operator op, FusedActivation act, Tensor y) {
        Quantization q = perTensor(y, "output of " + op.label());
        int[] range = TfliteQuantParams.activationRange(act, q.scale()[0], (int) q.zeroPoint()[0]);
        if (range == null) refuse(op, "fuses activation " + act + ", which int8 kernels do not fuse");
        if (range[0] > range[1]) refuse(op, "fuses " + act + " with an empty int8 range " + Arrays.toString(range));
        return TfliteQuantParams.activation(range);
    }

    // ---- pools and concatenation: no rescaling, so input and output share scale and zero point

    private void pool(Operator op) {
        boolean max = op.code().builtinCode() == BuiltinOperator.MAX_POOL_2D;
        inputs(op, 1, 1);
        Value x = value(op, 0);
        Tensor y = output(op);
        requireView(op, x, false);
        if (!(op.options() instanceof BuiltinOptions.Pool2D o)) throw refusal(op, "has no Pool2DOptions");
        sameEncoding(op, x, y);
        Padding pad = samePadding(op, o.padding(), x.feature(), o.filterH(), o.filterW(), o.strideH(), o.strideW(), 1, 1);
        if (!max && (!pad.equals(Padding.NONE) || o.filterH() * o.filterW() % 2 == 0)) {
            // TFLite divides by the in-image taps and rounds ties away from zero; the golden avgpool divides
            // by the full kernel and rounds ties up. They agree only for full windows with an odd tap count.
            refuse(op, "is a " + o.filterH() + "x" + o.filterW() + " average with " + (pad.equals(Padding.NONE)
                    ? "an even tap count" : "padding") + ", which the golden avgpool does not round as TFLite does");
        }
        Window window = new Window(o.filterH(), o.filterW(), o.strideH(), o.strideW(), 1, 1, pad);
        PoolSpec spec = new PoolSpec(max ? PoolSpec.Kind.MAX : PoolSpec.Kind.AVG, x.feature(), window, activation(op, o.activation(), y));
        add(op, spec, List.of(x), null, null, y);
    }

    private void concatenation(Operator op) {
        if (op.inputs().length < 2) refuse(op, "has " + op.inputs().length + " inputs; concat needs two or more");
        Tensor y = output(op);
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
        add(op, new ConcatSpec(in.stream().map(Value::feature).toList()), in, null, null, y);
    }

    private void sameEncoding(Operator op, Value x, Tensor y) {
        Quantization q = perTensor(y, "output of " + op.label());
        if (q.scale()[0] != x.scale() || q.zeroPoint()[0] != x.zeroPoint()) {
            refuse(op, "rescales (input scale " + x.scale() + " zero point " + x.zeroPoint() + ", output scale "
                    + q.scale()[0] + " zero point " + q.zeroPoint()[0] + "); the mapped op keeps its input's encoding");
        }
    }

    // ---- operators that only relabel: PAD (merged into the next convolution), RESHAPE, the edges, SOFTMAX

    private void pad(Operator op) {
        inputs(op, 2, 3);
        Value x = value(op, 0);
        Tensor y = output(op);
        requireView(op, x, false);
        sameEncoding(op, x, y);
        Tensor p = constant(op, op.inputs()[1], TensorType.INT32, "paddings");
        int[] v = new int[(int) p.elements()];
        ByteBuffer.wrap(data(op, p, 4)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(v);
        if (v.length != 8) refuse(op, "pads a " + (v.length / 2) + "-D tensor; a 4-D NHWC tensor is mapped");
        if (v[0] != 0 || v[1] != 0 || v[6] != 0 || v[7] != 0) refuse(op, "pads the batch or channel axis " + Arrays.toString(v));
        for (int a : v) {
            if (a < 0) refuse(op, "has a negative padding " + Arrays.toString(v));
        }
        if (op.inputs().length == 3 && op.inputs()[2] >= 0) {
            Tensor c = constant(op, op.inputs()[2], TensorType.INT8, "constant value");
            byte[] cv = data(op, c, 1);
            if (cv.length != 1 || cv[0] != x.zeroPoint()) {
                refuse(op, "pads with " + (cv.length == 1 ? cv[0] : "several values") + ", not the zero point " + x.zeroPoint());
            }
        }
        Padding merged = plus(x.pad(), new Padding(v[2], v[4], v[3], v[5]));
        values.put(y.index(), new Value(x.source(), x.feature(), x.scale(), x.zeroPoint(), merged, y.shape()));
    }

    private void reshape(Operator op) {
        inputs(op, 1, 2);
        Value x = value(op, 0);
        Tensor y = output(op);
        if (!x.pad().equals(Padding.NONE)) refuse(op, "reshapes a PAD's output");
        sameEncoding(op, x, y);
        long n = (long) x.feature().h() * x.feature().w() * x.feature().c();
        if (y.elements() != n) refuse(op, "changes the element count from " + n + " to " + y.elements());
        if (x.source().equals(NetworkSpec.INPUT) && !inputRead) {
            // Nothing has read the network input yet: the reshaped view becomes the network's input shape.
            values.put(y.index(), new Value(x.source(), feature(y, "output of " + op.label()), x.scale(), x.zeroPoint(),
                    Padding.NONE, y.shape()));
        } else {
            values.put(y.index(), x.withView(y.shape()));
        }
    }

    private void quantize(Operator op) {
        inputs(op, 1, 1);
        Tensor in = model.tensor(op.inputs()[0]);
        Tensor y = output(op);
        if (in.index() != model.subgraph().inputs()[0] || in.type() != TensorType.FLOAT32) {
            refuse(op, "requantises inside the graph; QUANTIZE is mapped only from the float model input");
        }
        Quantization q = perTensor(y, "output of " + op.label());
        values.put(y.index(), new Value(NetworkSpec.INPUT, feature(y, "output of " + op.label()), q.scale()[0],
                (int) q.zeroPoint()[0], Padding.NONE, y.shape()));
        inputEdge = new Edge(in.name(), in.shape(), EdgeDType.FLOAT32, q.scale()[0], (int) q.zeroPoint()[0]);
    }

    private void dequantize(Operator op) {
        inputs(op, 1, 1);
        Value x = value(op, 0);
        Tensor y = model.tensor(op.outputs()[0]);
        if (op.outputs().length != 1 || y.index() != model.subgraph().outputs()[0] || y.type() != TensorType.FLOAT32) {
            refuse(op, "is mapped only as the last step to a float model output");
        }
        values.put(y.index(), x.withView(y.shape()));
        outputEdge = new Edge(y.name(), y.shape(), EdgeDType.FLOAT32, x.scale(), x.zeroPoint());
    }

    private void softmax(Operator op) {
        inputs(op, 1, 1);
        Value x = value(op, 0);
        Tensor y = output(op);
        if (!(op.options() instanceof BuiltinOptions.Softmax o)) throw refusal(op, "has no SoftmaxOptions");
        Quantization q = perTensor(y, "output of " + op.label());
        softmax = new HostSoftmax(x.scale(), x.zeroPoint(), o.beta(), q.scale()[0], (int) q.zeroPoint()[0]);
        values.put(y.index(), new Value(x.source(), x.feature(), q.scale()[0], (int) q.zeroPoint()[0], Padding.NONE, y.shape()));
        outputEdge = new Edge(y.name(), y.shape(), EdgeDType.INT8, q.scale()[0], (int) q.zeroPoint()[0]);
    }

    // ---- entries and tensors

    private void add(Operator op, LayerSpec spec, List<Value> in, Int8Tensor weights, Int32Tensor bias, Tensor y) {
        try {
            LayerChecks.validate(spec);
        } catch (SpecException e) {
            throw refusal(op, "cannot be expressed as a " + spec.op() + " layer: " + e.getMessage());
        }
        FeatureShape expected = feature(y, "output of " + op.label());
        if (!spec.output().equals(expected)) {
            refuse(op, "gives " + spec.output() + " as mapped, but the model says " + Arrays.toString(y.shape()));
        }
        String name = "op" + op.index() + "_" + op.code().name().toLowerCase(Locale.ROOT);
        for (Value v : in) inputRead |= v.source().equals(NetworkSpec.INPUT);
        entries.add(new NetworkWriter.Entry(name, spec, weights, bias, in.stream().map(Value::source).toList(), false));
        Quantization q = perTensor(y, "output of " + op.label());
        values.put(y.index(), new Value(name, spec.output(), q.scale()[0], (int) q.zeroPoint()[0], Padding.NONE, y.shape()));
    }

    private void inputs(Operator op, int min, int max) {
        if (op.inputs().length < min || op.inputs().length > max) {
            refuse(op, "has " + op.inputs().length + " inputs, expected " + (min == max ? min : min + " to " + max));
        }
        if (op.outputs().length != 1) refuse(op, "has " + op.outputs().length + " outputs, expected 1");
    }

    /** The feature map operator input {@code i} reads; it must have been written by a mapped operator or be the model input. */
    private Value value(Operator op, int i) {
        int t = op.inputs()[i];
        Value v = t < 0 ? null : values.get(t);
        if (v == null) {
            String what = t < 0 ? "an omitted tensor" : "\"" + model.tensor(t).name() + "\"";
            refuse(op, "reads " + what + ", which is neither the model input nor the output of a mapped operator");
        }
        return v;
    }

    /** A reader of feature maps needs the tensor's own shape to be its NHWC map (a RESHAPE may have changed it). */
    private void requireView(Operator op, Value v, boolean padAllowed) {
        if (!padAllowed && !v.pad().equals(Padding.NONE)) refuse(op, "reads a PAD; only a convolution takes a PAD as its padding");
        if (!v.pad().equals(Padding.NONE)) return;
        FeatureShape view = featureOrNull(v.view());
        if (!v.feature().equals(view)) {
            refuse(op, "reads " + Arrays.toString(v.view()) + ", a RESHAPE of the " + v.feature() + " map; only "
                    + "FULLY_CONNECTED and the model output may read a reshaped map");
        }
    }

    private Tensor output(Operator op) {
        Tensor y = model.tensor(op.outputs()[0]);
        if (y.type() != TensorType.INT8) refuse(op, "writes " + typeName(y) + " \"" + y.name() + "\"; int8 is mapped");
        return y;
    }

    private Tensor constant(Operator op, int index, TensorType type, String role) {
        if (index < 0) refuse(op, "has no " + role + " tensor");
        Tensor t = model.tensor(index);
        if (t.type() != type) refuse(op, role + " \"" + t.name() + "\" is " + typeName(t) + ", expected " + type.name().toLowerCase(Locale.ROOT));
        if (t.buffer() == 0 || model.buffer(t.buffer()).length == 0) refuse(op, role + " \"" + t.name() + "\" is not a constant");
        return t;
    }

    private byte[] data(Operator op, Tensor t, int elementSize) {
        byte[] raw = model.buffer(t.buffer());
        if (raw.length != t.elements() * elementSize) {
            refuse(op, "tensor \"" + t.name() + "\" has " + raw.length + " bytes of data for shape " + Arrays.toString(t.shape()));
        }
        return raw;
    }

    private byte[] int8(Operator op, Tensor t) {
        return data(op, t, 1).clone();
    }

    private Quantization perTensor(Tensor t, String role) {
        Quantization q = t.quantization();
        if (q == null || q.scale().length != 1 || q.zeroPoint().length != 1) {
            fail(role + " \"" + t.name() + "\" has no per-tensor quantization (one scale and one zero point)");
        }
        if (!(q.scale()[0] > 0) || Float.isInfinite(q.scale()[0])) fail(role + " \"" + t.name() + "\" has scale " + q.scale()[0]);
        if (q.zeroPoint()[0] < Byte.MIN_VALUE || q.zeroPoint()[0] > Byte.MAX_VALUE) {
            fail(role + " \"" + t.name() + "\" has zero point " + q.zeroPoint()[0] + ", outside int8");
        }
        return q;
    }

    /** The NHWC map of a batch-1 tensor shape: {@code [1,H,W,C]}, {@code [1,W,C]}, {@code [1,N]} or {@code [N]}. */
    private FeatureShape feature(Tensor t, String role) {
        FeatureShape f = featureOrNull(t.shape());
        if (f == null) fail(role + " \"" + t.name() + "\" has shape " + Arrays.toString(t.shape()) + "; batch 1 and at most 4-D is mapped");
        return f;
    }

    private static FeatureShape featureOrNull(int[] s) {
        return switch (s.length) {
            case 1 -> new FeatureShape(1, 1, s[0]);
            case 2 -> s[0] == 1 ? new FeatureShape(1, 1, s[1]) : null;
            case 3 -> s[0] == 1 ? new FeatureShape(1, s[1], s[2]) : null;
            case 4 -> s[0] == 1 ? new FeatureShape(s[1], s[2], s[3]) : null;
            default -> null;
        };
    }

    private static String typeName(Tensor t) {
        return t.type() == TensorType.OTHER ? "of tensor type " + t.typeCode() : t.type().name().toLowerCase(Locale.ROOT);
    }

    private void refuse(Operator op, String problem) {
        throw refusal(op, problem);
    }

    private static TfliteRefusal refusal(Operator op, String problem) {
        return new TfliteRefusal(op.label() + " " + problem);
    }

    private void fail(String problem) {
        throw new TfliteRefusal(problem);
    }

    /** A model part the mapping cannot express; the import adds the file name. */
    static final class TfliteRefusal extends RuntimeException {
        TfliteRefusal(String message) {
            super(message);
        }
    }
}
