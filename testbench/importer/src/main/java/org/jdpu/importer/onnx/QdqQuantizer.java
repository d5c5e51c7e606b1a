package org.jdpu.importer.onnx;

import org.jdpu.importer.edge.EdgeQuant;
import org.jdpu.importer.onnx.FloatGraph.Node;
import org.jdpu.importer.tflite.TfliteQuantParams;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An already-quantized ONNX model (QDQ: {@code QuantizeLinear}/{@code DequantizeLinear} around float
 * layers, as PyTorch exports it) as a network, with the model's own scales and zero points:
 * <ul>
 *   <li>a layer whose input, weight and output scales are all powers of two with zero points 0 (as the
 *       network holds them: uint8 moved by 128) runs in {@code shift} mode with those fix points, its
 *       int32 bias at {@code fp_input + fp_weights}, exactly as a DPU would;</li>
 *   <li>any other convolution runs in {@code multiplier} mode (TFLite's integer requantisation):
 *       per output channel {@code M = s_in * s_w / s_out} as a Q31 multiplier and shift, the zero points
 *       of input and output, a fused ReLU/ReLU6 as a clamp of the output range.</li>
 * </ul>
 * Pools and concats must keep their input's parameters; an add needs power-of-two scales (the spec's
 * add is in {@code shift} mode).
 */
final class QdqQuantizer {
    private QdqQuantizer() {}

    /** The entries, and each network output's edge quantization. */
    record Result(List<NetworkWriter.Entry> entries, Map<String, EdgeQuant> edgeQuant, List<String> notes) {}

    static Result quantize(GraphMapper.Mapped m, Path file) {
        FloatGraph g = m.graph();
        Map<String, QdqParams> q = new HashMap<>(m.activationQuant());
        if (!q.containsKey(FloatGraph.INPUT)) {
            throw new OnnxException(file, "a QDQ model's input must go through a QuantizeLinear first");
        }
        Set<String> outputs = g.outputs().stream().map(FloatGraph.Output::node).collect(Collectors.toSet());
        List<NetworkWriter.Entry> entries = new ArrayList<>();
        int shiftLayers = 0, multiplierLayers = 0;
        for (Node n : g.nodes()) {
            boolean out = outputs.contains(n.name());
            NetworkWriter.Entry e = switch (n) {
                case FloatGraph.Conv c -> {
                    NetworkWriter.Entry entry = conv(c, q, m.weightScales(), out, file);
                    if (entry.spec() instanceof Conv2dSpec s && s.quant() instanceof Quant.ShiftQuant
                            || entry.spec() instanceof DepthwiseConv2dSpec d && d.quant() instanceof Quant.ShiftQuant) {
                        shiftLayers++;
                    } else {
                        multiplierLayers++;
                    }
                    yield entry;
                }
                case FloatGraph.Pool p -> {
                    QdqParams in = passThrough(p, p.input(), q, file);
                    if (p.kind() == PoolSpec.Kind.AVG && in.networkZeroPoint() != 0 && !p.window().padding().equals(
                            org.jdpu.spec.Padding.NONE)) {
                        throw new OnnxException(file, p.origin() + ": a padded average pool on a zero point of "
                                + in.networkZeroPoint() + " would count the padding as that value's opposite");
                    }
                    Activation act = p.act() == FloatAct.RELU ? new Activation.Clamp(Math.max(-128, in.networkZeroPoint()), 127)
                            : Activation.NONE;
                    if (act instanceof Activation.Clamp cl && cl.min() == -128) act = Activation.NONE;
                    yield Pow2Quantizer.entry(p.name(), new PoolSpec(p.kind(), p.in(), p.window(), act), null, null,
                            p.inputs(), out, p, file);
                }
                case FloatGraph.Concat c -> {
                    QdqParams first = q.get(c.inputs().getFirst());
                    for (String i : c.inputs()) {
                        if (q.get(i) == null || !q.get(i).sameAs(first)) {
                            throw new OnnxException(file, c.origin() + ": its inputs are quantized differently; a concat "
                                    + "does not rescale");
                        }
                    }
                    checkSame(c, first, q, file);
                    yield Pow2Quantizer.entry(c.name(), new ConcatSpec(c.shapes()), null, null, c.inputs(), out, c, file);
                }
                case FloatGraph.Add a -> add(a, q, out, file);
                case FloatGraph.Resize r -> throw new OnnxException(file, r.origin() + ": nearest Resize is supported by the "
                        + "float reference but the network spec has no upsample layer yet");
            };
            entries.add(e);
        }
        Map<String, EdgeQuant> edge = new LinkedHashMap<>();
        edge.put(FloatGraph.INPUT, edgeQuant(q.get(FloatGraph.INPUT)));
        for (FloatGraph.Output o : g.outputs()) edge.put(o.node(), edgeQuant(q.get(o.node())));
        List<String> notes = List.of("QDQ model: " + shiftLayers + " convolutions in shift mode (power-of-two scales), "
                + multiplierLayers + " in multiplier mode");
        return new Result(entries, edge, notes);
    }

    static EdgeQuant edgeQuant(QdqParams p) {
        Integer fp = QdqParams.fixPoint(p.scale(0));
        if (fp != null && p.networkZeroPoint() == 0) return new EdgeQuant.FixPoint(fp);
        return new EdgeQuant.Affine(p.scale(0), p.networkZeroPoint());
    }

    /** A layer that does not rescale: its output has its input's parameters (recorded if the model does not say). */
    private static QdqParams passThrough(Node n, String input, Map<String, QdqParams> q, Path file) {
        QdqParams in = q.get(input);
        if (in == null) throw new OnnxException(file, n.origin() + ": its input is not quantized");
        checkSame(n, in, q, file);
        return in;
    }

    private static void checkSame(Node n, QdqParams in, Map<String, QdqParams> q, Path file) {
        QdqParams own = q.get(n.name());
        if (own != null && !own.sameAs(in)) {
            throw new OnnxException(file, n.origin() + ": its output is quantized with " + own + " but its input with " + in
                    + "; this layer does not rescale");
        }
        q.put(n.name(), in);
    }

    private static QdqParams required(Node n, String name, Map<String, QdqParams> q, Path file, String what) {
        QdqParams p = q.get(name);
        if (p == null) throw new OnnxException(file, n.origin() + ": its " + what + " is not quantized (no QuantizeLinear)");
        return p;
    }

    private static NetworkWriter.Entry conv(FloatGraph.Conv c, Map<String, QdqParams> q, Map<String, float[]> weightScales,
                                            boolean out, Path file) {
        QdqParams in = required(c, c.input(), q, file, "input");
        QdqParams o = required(c, c.name(), q, file, "output");
        float[] sw = weightScales.get(c.name());
        if (sw == null) throw new OnnxException(file, c.origin() + ": its weights are not quantized (no DequantizeLinear)");
        int oc = c.outChannels();
        int perOut = c.weights().length / oc;
        byte[] w = new byte[c.weights().length];
        for (int i = 0; i < w.length; i++) {
            int ch = c.depthwise() ? i % oc : i / perOut;
            long v = Math.round(c.weights()[i] / (double) sw[ch]);
            if (v < -128 || v > 127) throw new OnnxException(file, c.origin() + ": weight " + v + " is outside int8");
            w[i] = (byte) v;
        }
        int[] b = new int[oc];
        boolean anyBias = false;
        for (int ch = 0; ch < oc; ch++) {
            double v = Math.rint(c.bias()[ch] / ((double) in.scale(0) * sw[ch]));
            if (Math.abs(v) > Integer.MAX_VALUE) throw new OnnxException(file, c.origin() + ": bias " + v + " is outside int32");
            b[ch] = (int) v;
            anyBias |= b[ch] != 0;
        }
        Integer fpIn = QdqParams.fixPoint(in.scale(0)), fpOut = QdqParams.fixPoint(o.scale(0));
        Integer fpW = QdqParams.fixPoint(sw[0]);
        boolean sameW = true;
        for (float s : sw) sameW &= s == sw[0];
        boolean shift = fpIn != null && fpOut != null && fpW != null && sameW && in.networkZeroPoint() == 0
                && o.networkZeroPoint() == 0 && c.act() != FloatAct.LEAKY_RELU;
        Quant quant;
        Activation act;
        if (shift) {
            quant = new Quant.ShiftQuant(fpIn, fpW, fpIn + fpW, fpOut);
            act = c.act().spec();
        } else {
            if (c.act() == FloatAct.LEAKY_RELU) {
                throw new OnnxException(file, c.origin() + ": LeakyRelu needs power-of-two scales (shift mode)");
            }
            int[] mult = new int[oc], sh = new int[oc];
            for (int ch = 0; ch < oc; ch++) {
                TfliteQuantParams.Multiplier mq = TfliteQuantParams.quantizeMultiplier(
                        TfliteQuantParams.effectiveScale(in.scale(0), sw[ch], o.scale(0)));
                mult[ch] = mq.multiplier();
                sh[ch] = mq.shift();
            }
            quant = new Quant.MultiplierQuant(in.networkZeroPoint(), o.networkZeroPoint(), mult, sh);
            int zp = o.networkZeroPoint();
            act = switch (c.act()) {
                case NONE -> Activation.NONE;
                case RELU -> zp <= -128 ? Activation.NONE : new Activation.Clamp(Math.max(-128, zp), 127);
                case RELU6 -> new Activation.Clamp(Math.max(-128, zp),
                        (int) Math.min(127, zp + Math.rint(6.0 / o.scale(0))));
                case LEAKY_RELU -> throw new IllegalStateException();
            };
        }
        LayerSpec spec;
        Int8Tensor weights;
        if (c.depthwise()) {
            DepthwiseConv2dSpec d = new DepthwiseConv2dSpec(c.in(), oc / c.in().c(), c.window(), quant, act);
            spec = d;
            weights = new Int8Tensor(d.weightShape(), w);
        } else {
            Conv2dSpec d = new Conv2dSpec(c.in(), oc, c.window(), quant, act);
            spec = d;
            weights = new Int8Tensor(d.weightShape(), w);
        }
        return Pow2Quantizer.entry(c.name(), spec, weights, anyBias ? new Int32Tensor(new int[] {oc}, b) : null, c.inputs(),
                out, c, file);
    }

    private static NetworkWriter.Entry add(FloatGraph.Add a, Map<String, QdqParams> q, boolean out, Path file) {
        QdqParams qa = required(a, a.a(), q, file, "first input");
        QdqParams qb = required(a, a.b(), q, file, "second input");
        QdqParams qo = required(a, a.name(), q, file, "output");
        Integer fa = QdqParams.fixPoint(qa.scale(0)), fb = QdqParams.fixPoint(qb.scale(0)), fo = QdqParams.fixPoint(qo.scale(0));
        if (fa == null || fb == null || fo == null || qa.networkZeroPoint() != 0 || qb.networkZeroPoint() != 0
                || qo.networkZeroPoint() != 0) {
            throw new OnnxException(file, a.origin() + ": an add with scales that are not powers of two (or zero points) "
                    + "needs the TFLite-style add, which the network spec does not have yet");
        }
        AddSpec spec = new AddSpec(a.shape(), new AddSpec.AddQuant(fa, fb, fo), a.act().spec());
        return Pow2Quantizer.entry(a.name(), spec, null, null, a.inputs(), out, a, file);
    }
}
