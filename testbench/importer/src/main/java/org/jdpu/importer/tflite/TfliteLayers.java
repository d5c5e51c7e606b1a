package org.jdpu.importer.tflite;

import org.jdpu.importer.tflite.BuiltinOptions.FusedActivation;
import org.jdpu.importer.tflite.TfliteMapper.Value;
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
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.spec.QuantizedMultiplier;
import org.jdpu.spec.SoftmaxSpec;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The operators that become layers, each onto its spec: CONV_2D and DEPTHWISE_CONV_2D one to one
 * (OHWI and {@code [1,KH,KW,C*M]} weights are the spec's layouts), FULLY_CONNECTED as a whole-map
 * conv2d or a dense layer, the pools, ADD, MEAN, CONCATENATION and the host-run SOFTMAX, with
 * TFLite's multipliers, zero points and activation clamps.
 */
final class TfliteLayers {
    private final TfliteMapper m;

    TfliteLayers(TfliteMapper m) {
        this.m = m;
    }

    /** CONV_2D or DEPTHWISE_CONV_2D: SAME padding as TFLite places it, plus any PAD merged into the reader. */
    void convolution(Operator op) {
        boolean depthwise = op.code().builtinCode() == BuiltinOperator.DEPTHWISE_CONV_2D;
        TfliteOperands.count(op, 2, 3);
        Value x = m.value(op, 0);
        Tensor w = m.operands.constant(op, op.inputs()[1], TensorType.INT8, "filter");
        byte[] weights = m.operands.int8(op, w); // first: a shape that disagrees with the data is refused before any use
        Tensor y = m.operands.output(op);
        if (w.shape().length != 4) m.refuse(op, "filter shape " + Arrays.toString(w.shape()) + " is not 4-D");
        int oc = depthwise ? w.shape()[3] : w.shape()[0];
        int kh = w.shape()[1], kw = w.shape()[2];
        FeatureShape in = x.feature();
        m.requireView(op, x, true);
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
            default -> throw TfliteRefusal.of(op, "has no " + (depthwise ? "DepthwiseConv2DOptions" : "Conv2DOptions"));
        }
        if (depthwise ? w.shape()[0] != 1 || oc % in.c() != 0 : w.shape()[3] != in.c()) {
            m.refuse(op, "filter shape " + Arrays.toString(w.shape()) + " does not fit the input " + in);
        }
        // SAME pads the map the convolution sees, which a merged PAD has already grown.
        Padding pre = x.pad();
        FeatureShape seen = new FeatureShape(in.h() + pre.top() + pre.bottom(), in.w() + pre.left() + pre.right(), in.c());
        Padding pad = TflitePadding.plus(TflitePadding.of(op, padding, seen, kh, kw, sh, sw, dh, dw), pre);
        Window window = new Window(kh, kw, sh, sw, dh, dw, pad);
        MultiplierQuant quant = quant(op, x, w, y, oc);
        Activation activation = m.activation(op, act, y);
        ConvolutionSpec spec = depthwise
                ? new DepthwiseConv2dSpec(in, oc / in.c(), window, quant, activation)
                : new Conv2dSpec(in, oc, window, quant, activation);
        m.emit(op, spec, List.of(x), new Int8Tensor(w.shape(), weights), bias(op, oc), y);
    }

    /**
     * FULLY_CONNECTED as a conv2d whose window is the whole input map ({@code [out, N]} weights are
     * OHWI for it, and the engine runs convolutions), or as a dense layer when the map is wider than
     * a convolution's window; both read the map flattened in NHWC order, as TFLite does.
     */
    void fullyConnected(Operator op) {
        TfliteOperands.count(op, 2, 3);
        Value x = m.value(op, 0);
        Tensor w = m.operands.constant(op, op.inputs()[1], TensorType.INT8, "filter");
        byte[] weights = m.operands.int8(op, w);
        Tensor y = m.operands.output(op);
        if (!(op.options() instanceof BuiltinOptions.FullyConnected o)) throw TfliteRefusal.of(op, "has no FullyConnectedOptions");
        if (o.weightsFormat() != 0) m.refuse(op, "uses the shuffled weights format " + o.weightsFormat());
        FeatureShape in = x.feature();
        if (!x.pad().equals(Padding.NONE)) m.refuse(op, "reads a PAD; only a convolution takes a PAD as its padding");
        long n = (long) in.h() * in.w() * in.c();
        if (w.shape().length != 2 || w.shape()[1] != n) {
            m.refuse(op, "filter shape " + Arrays.toString(w.shape()) + " does not fit the " + in + " input (" + n + " values)");
        }
        int oc = w.shape()[0];
        MultiplierQuant quant = quant(op, x, w, y, oc);
        Activation activation = m.activation(op, o.activation(), y);
        if (in.h() > LayerChecks.MAX_KERNEL || in.w() > LayerChecks.MAX_KERNEL) {
            m.emit(op, new DenseSpec(in, oc, quant, activation), List.of(x), new Int8Tensor(w.shape(), weights), bias(op, oc), y);
            return;
        }
        Window window = new Window(in.h(), in.w(), 1, 1, 1, 1, Padding.NONE);
        Conv2dSpec spec = new Conv2dSpec(in, oc, window, quant, activation);
        m.emit(op, spec, List.of(x), new Int8Tensor(new int[] {oc, in.h(), in.w(), in.c()}, weights), bias(op, oc), y);
    }

    /** Per-channel multipliers and shifts from the input, filter and output scales, as TFLite Micro prepares them. */
    private MultiplierQuant quant(Operator op, Value x, Tensor w, Tensor y, int oc) {
        if (oc < 1 || oc > LayerChecks.MAX_CHANNELS) m.refuse(op, "has " + oc + " output channels; 1.." + LayerChecks.MAX_CHANNELS + " are mapped");
        Quantization wq = w.quantization();
        if (wq == null || wq.scale().length == 0) m.refuse(op, "filter \"" + w.name() + "\" is not quantized");
        if (wq.scale().length != 1 && wq.scale().length != oc) {
            m.refuse(op, "filter \"" + w.name() + "\" has " + wq.scale().length + " scales for " + oc + " output channels");
        }
        if (wq.perChannel()) {
            int dim = wq.quantizedDimension();
            if (dim < 0 || dim >= w.shape().length || w.shape()[dim] != oc) {
                m.refuse(op, "filter \"" + w.name() + "\" is quantized along dimension " + dim + " of "
                        + Arrays.toString(w.shape()) + ", not along its " + oc + " output channels");
            }
        }
        for (long zp : wq.zeroPoint()) {
            if (zp != 0) m.refuse(op, "filter \"" + w.name() + "\" has weight zero point " + zp + "; int8 kernels need 0");
        }
        Quantization yq = TfliteOperands.perTensor(y, "output of " + op.label());
        int[] multiplier = new int[oc], shift = new int[oc];
        for (int c = 0; c < oc; c++) {
            float ws = wq.scale()[wq.perChannel() ? c : 0];
            if (!(ws > 0) || Float.isInfinite(ws)) m.refuse(op, "filter \"" + w.name() + "\" has scale " + ws + " for channel " + c);
            double real = TfliteQuantParams.effectiveScale(x.scale(), ws, yq.scale()[0]);
            QuantizedMultiplier m;
            try {
                m = QuantizedMultiplier.of(real);
            } catch (IllegalArgumentException e) {
                throw TfliteRefusal.of(op, "channel " + c + " rescales by " + real + ", too large for TFLite's int32 scaling");
            }
            multiplier[c] = m.multiplier();
            shift[c] = m.shift();
        }
        return new MultiplierQuant(x.zeroPoint(), (int) yq.zeroPoint()[0], multiplier, shift);
    }

    private Int32Tensor bias(Operator op, int oc) {
        if (op.inputs().length < 3 || op.inputs()[2] < 0) return null;
        Tensor b = m.operands.constant(op, op.inputs()[2], TensorType.INT32, "bias");
        if (b.elements() != oc) m.refuse(op, "bias \"" + b.name() + "\" has " + b.elements() + " values for " + oc + " output channels");
        return new Int32Tensor(new int[] {oc}, m.operands.int32(op, b));
    }

    /** MAX_POOL_2D or AVERAGE_POOL_2D with TFLite's rounding; input and output share scale and zero point. */
    void pool(Operator op) {
        boolean max = op.code().builtinCode() == BuiltinOperator.MAX_POOL_2D;
        TfliteOperands.count(op, 1, 1);
        Value x = m.value(op, 0);
        Tensor y = m.operands.output(op);
        m.requireView(op, x, false);
        if (!(op.options() instanceof BuiltinOptions.Pool2D o)) throw TfliteRefusal.of(op, "has no Pool2DOptions");
        m.sameEncoding(op, x, y);
        Padding pad = TflitePadding.of(op, o.padding(), x.feature(), o.filterH(), o.filterW(), o.strideH(), o.strideW(), 1, 1);
        Window window = new Window(o.filterH(), o.filterW(), o.strideH(), o.strideW(), 1, 1, pad);
        // TFLite's pools: an average divides by the taps inside the image and rounds half away from zero.
        PoolSpec spec = new PoolSpec(max ? PoolSpec.Kind.MAX : PoolSpec.Kind.AVG, x.feature(), window,
                new PoolQuant.TflitePool(x.zeroPoint()), m.activation(op, o.activation(), y));
        m.emit(op, spec, List.of(x), null, null, y);
    }

    /** ADD of two maps of one shape, both rescaled to a common scale as TFLite's int8 ADD does. */
    void add(Operator op) {
        TfliteOperands.count(op, 2, 2);
        Value a = m.value(op, 0), b = m.value(op, 1);
        Tensor y = m.operands.output(op);
        m.requireView(op, a, false);
        m.requireView(op, b, false);
        if (!a.feature().equals(b.feature())) m.refuse(op, "adds " + a.feature() + " and " + b.feature() + "; broadcasting is not mapped");
        if (!(op.options() instanceof BuiltinOptions.Add o)) throw TfliteRefusal.of(op, "has no AddOptions");
        Quantization yq = TfliteOperands.perTensor(y, "output of " + op.label());
        AddSpec.TfliteAddQuant quant;
        try {
            quant = AddSpec.TfliteAddQuant.of(a.scale(), a.zeroPoint(), b.scale(), b.zeroPoint(), yq.scale()[0], (int) yq.zeroPoint()[0]);
        } catch (IllegalArgumentException e) {
            throw TfliteRefusal.of(op, "cannot be prepared as TFLite prepares it: " + e.getMessage());
        }
        m.emit(op, new AddSpec(a.feature(), quant, m.activation(op, o.activation(), y)), List.of(a, b), null, null, y);
    }

    /** MEAN over height and width as a global average pool with TFLite's folded multiplier. */
    void mean(Operator op) {
        TfliteOperands.count(op, 2, 2);
        Value x = m.value(op, 0);
        Tensor y = m.operands.output(op);
        m.requireView(op, x, false);
        if (x.view().length != 4) m.refuse(op, "reduces a " + x.view().length + "-D tensor; 4-D NHWC is mapped");
        Tensor axes = m.operands.constant(op, op.inputs()[1], TensorType.INT32, "axis");
        int[] v = m.operands.int32(op, axes);
        int[] sorted = Arrays.stream(v).map(i -> i < 0 ? i + 4 : i).sorted().toArray();
        if (!Arrays.equals(sorted, new int[] {1, 2})) m.refuse(op, "reduces axes " + Arrays.toString(v) + "; only height and width (1, 2) are mapped");
        Quantization yq = TfliteOperands.perTensor(y, "output of " + op.label());
        PoolQuant.TfliteMean quant;
        try {
            quant = PoolQuant.TfliteMean.of(x.scale(), x.zeroPoint(), yq.scale()[0], (int) yq.zeroPoint()[0]);
        } catch (IllegalArgumentException e) {
            throw TfliteRefusal.of(op, "cannot be prepared as TFLite prepares it: " + e.getMessage());
        }
        m.emit(op, new GlobalAvgPoolSpec(x.feature(), quant, Activation.NONE), List.of(x), null, null, y);
    }

    /** CONCATENATION along the channel axis of maps that share the output's scale and zero point. */
    void concatenation(Operator op) {
        TfliteOperands.count(op, 2, Integer.MAX_VALUE);
        Tensor y = m.operands.output(op);
        if (!(op.options() instanceof BuiltinOptions.Concatenation o)) throw TfliteRefusal.of(op, "has no ConcatenationOptions");
        int rank = y.shape().length;
        int axis = o.axis() < 0 ? o.axis() + rank : o.axis();
        if (axis != rank - 1) m.refuse(op, "joins along axis " + o.axis() + " of " + Arrays.toString(y.shape()) + "; only the channel axis is mapped");
        List<Value> in = new ArrayList<>();
        for (int i = 0; i < op.inputs().length; i++) {
            Value v = m.value(op, i);
            m.requireView(op, v, false);
            m.sameEncoding(op, v, y);
            in.add(v);
        }
        if (!(m.activation(op, o.activation(), y) instanceof Activation.None)) m.refuse(op, "fuses " + o.activation() + "; concat takes no activation");
        m.emit(op, new ConcatSpec(in.stream().map(Value::feature).toList()), in, null, null, y);
    }

    /** SOFTMAX over the channels, last: a host-run layer, as the DPU leaves softmax to the CPU. */
    void softmax(Operator op) {
        TfliteOperands.count(op, 1, 1);
        Value x = m.value(op, 0);
        Tensor y = m.operands.output(op);
        m.requireView(op, x, false);
        if (!(op.options() instanceof BuiltinOptions.Softmax o)) throw TfliteRefusal.of(op, "has no SoftmaxOptions");
        Quantization q = TfliteOperands.perTensor(y, "output of " + op.label());
        if (q.scale()[0] != 1f / 256 || q.zeroPoint()[0] != SoftmaxSpec.OUTPUT_ZERO_POINT) {
            m.refuse(op, "writes scale " + q.scale()[0] + " zero point " + q.zeroPoint()[0]
                    + "; TFLite's int8 softmax writes scale 1/256 and zero point -128");
        }
        SoftmaxSpec spec;
        try {
            spec = SoftmaxSpec.of(x.feature(), o.beta(), x.scale());
        } catch (IllegalArgumentException e) {
            throw TfliteRefusal.of(op, "cannot be expressed: " + e.getMessage());
        }
        m.emit(op, spec, List.of(x), null, null, y);
        m.softmax = true;
        m.notes.add(op.label() + " runs on the host, after the engine's layers");
    }
}
