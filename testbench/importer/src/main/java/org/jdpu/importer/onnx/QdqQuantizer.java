package org.jdpu.importer.onnx;

import org.jdpu.importer.edge.EdgeQuant;
import org.jdpu.importer.onnx.FloatGraph.Node;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.QuantizedMultiplier;
import org.jdpu.spec.UpsampleSpec;
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
 * layers, as PyTorch exports it) as a network, with the model's own scales and zero points. The
 * network spec chains either fix points or zero points, never both, so the mode is the network's:
 * <ul>
 *   <li>when every activation scale is a power of two with zero point 0 (as the network holds it:
 *       uint8 moved by 128) and every layer's weights have one power-of-two scale, every layer runs in
 *       {@code shift} mode with those fix points, biases in int32 at {@code fp_input + fp_weights},
 *       exactly as a DPU would;</li>
 *   <li>otherwise every layer runs in {@code multiplier} mode (TFLite's integer arithmetic): per output
 *       channel {@code M = s_in * s_w / s_out} as a Q31 multiplier and shift, the zero points, a fused
 *       ReLU/ReLU6 as a clamp of the output range, TFLite's int8 add and pool rounding.</li>
 * </ul>
 * Pools, concats and upsampling keep their input's parameters.
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
        fillPassThrough(g, q, file);
        boolean shift = allShift(g, q, m.weightScales(), file);
        Set<String> outputs = g.outputs().stream().map(FloatGraph.Output::node).collect(Collectors.toSet());
        List<NetworkWriter.Entry> entries = new ArrayList<>();
        int convolutions = 0;
        for (Node n : g.nodes()) {
            boolean out = outputs.contains(n.name());
            NetworkWriter.Entry e = switch (n) {
                case FloatGraph.Conv c -> {
                    convolutions++;
                    yield conv(c, q, m.weightScales(), shift, out, file);
                }
                case FloatGraph.Pool p -> {
                    QdqParams in = q.get(p.input());
                    if (p.kind() == PoolSpec.Kind.AVG && !shift && !p.window().padding().equals(Padding.NONE)) {
                        throw new OnnxException(file, p.origin() + ": a padded average pool outside shift mode would "
                                + "divide by the taps inside the image (TFLite's rule), not by the whole window");
                    }
                    yield Pow2Quantizer.entry(p.name(), new PoolSpec(p.kind(), p.in(), p.window(), poolQuant(in, shift),
                            poolActivation(p.act(), in, shift)), null, null, p.inputs(), out, p, file);
                }
                case FloatGraph.GlobalPool p -> {
                    QdqParams in = q.get(p.input());
                    yield Pow2Quantizer.entry(p.name(), new GlobalAvgPoolSpec(p.in(), poolQuant(in, shift),
                            poolActivation(p.act(), in, shift)), null, null, p.inputs(), out, p, file);
                }
                case FloatGraph.Concat c -> Pow2Quantizer.entry(c.name(), new ConcatSpec(c.shapes()), null, null, c.inputs(),
                        out, c, file);
                case FloatGraph.Add a -> add(a, q, shift, out, file);
                case FloatGraph.Softmax sm -> {
                    QdqParams in = required(sm, sm.input(), q, file, "input");
                    yield Pow2Quantizer.entry(sm.name(), Pow2Quantizer.softmax(g, sm, in.scale(0), file), null, null,
                            sm.inputs(), out, sm, file);
                }
                case FloatGraph.Resize r -> Pow2Quantizer.entry(r.name(), new UpsampleSpec(r.in(), r.fy(), r.fx()), null, null,
                        r.inputs(), out, r, file);
            };
            entries.add(e);
        }
        Map<String, EdgeQuant> edge = new LinkedHashMap<>();
        edge.put(FloatGraph.INPUT, edgeQuant(q.get(FloatGraph.INPUT)));
        for (FloatGraph.Output o : g.outputs()) {
            edge.put(o.node(), g.node(o.node()) instanceof FloatGraph.Softmax ? Pow2Quantizer.SOFTMAX_OUTPUT
                    : edgeQuant(q.get(o.node())));
        }
        List<String> notes = List.of("QDQ model: " + convolutions + " convolutions in " + (shift ? "shift mode (every scale "
                + "a power of two, zero points 0)" : "multiplier mode"));
        return new Result(entries, edge, notes);
    }

    static EdgeQuant edgeQuant(QdqParams p) {
        Integer fp = QdqParams.fixPoint(p.scale(0));
        if (fp != null && p.networkZeroPoint() == 0) return new EdgeQuant.FixPoint(fp);
        return new EdgeQuant.Affine(p.scale(0), p.networkZeroPoint());
    }

    /** Gives the layers that do not rescale (pools, concats, upsampling) their input's parameters. */
    private static void fillPassThrough(FloatGraph g, Map<String, QdqParams> q, Path file) {
        for (Node n : g.nodes()) {
            switch (n) {
                case FloatGraph.Pool p -> passThrough(p, p.input(), q, file);
                case FloatGraph.GlobalPool p -> passThrough(p, p.input(), q, file);
                case FloatGraph.Resize r -> passThrough(r, r.input(), q, file);
                case FloatGraph.Concat c -> {
                    QdqParams first = q.get(c.inputs().getFirst());
                    for (String i : c.inputs()) {
                        if (q.get(i) == null || !q.get(i).sameAs(first)) {
                            throw new OnnxException(file, c.origin() + ": its inputs are quantized differently; a concat "
                                    + "does not rescale");
                        }
                    }
                    checkSame(c, first, q, file);
                }
                default -> { }
            }
        }
    }

    /**
     * True when the whole network can run in {@code shift} mode: every activation scale a power of
     * two with zero point 0, and every layer's weights one power-of-two scale. The network spec
     * chains fix points or zero points but never mixes them, so one layer that needs a multiplier
     * puts every layer in {@code multiplier} mode.
     */
    private static boolean allShift(FloatGraph g, Map<String, QdqParams> q, Map<String, float[]> weightScales, Path file) {
        if (!shiftMode(q.get(FloatGraph.INPUT))) return false;
        for (Node n : g.nodes()) {
            if (n instanceof FloatGraph.Softmax) continue;
            QdqParams own = required(n, n.name(), q, file, "output");
            if (!shiftMode(own)) return false;
            if (n instanceof FloatGraph.Conv c) {
                float[] sw = weightScales.get(c.name());
                if (sw == null) throw new OnnxException(file, c.origin() + ": its weights are not quantized (no DequantizeLinear)");
                for (float w : sw) if (w != sw[0] || QdqParams.fixPoint(w) == null) return false;
            }
        }
        return true;
    }

    /** Power-of-two scale and zero point 0: a tensor a fix point describes. */
    private static boolean shiftMode(QdqParams p) {
        return QdqParams.fixPoint(p.scale(0)) != null && p.networkZeroPoint() == 0;
    }

    private static PoolQuant poolQuant(QdqParams in, boolean shift) {
        return shift ? PoolQuant.SHIFT : new PoolQuant.TflitePool(in.networkZeroPoint());
    }

    /** A pool's fused ReLU: relu on fix points, a clamp at the zero point otherwise. */
    private static Activation poolActivation(FloatAct act, QdqParams in, boolean shift) {
        if (act != FloatAct.RELU) return Activation.NONE;
        if (shift) return Activation.RELU;
        return in.networkZeroPoint() <= -128 ? Activation.NONE : new Activation.Clamp(in.networkZeroPoint(), 127);
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
                                            boolean shift, boolean out, Path file) {
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
        Quant quant;
        Activation act;
        if (shift) {
            int fpIn = QdqParams.fixPoint(in.scale(0)), fpW = QdqParams.fixPoint(sw[0]);
            quant = new Quant.ShiftQuant(fpIn, fpW, fpIn + fpW, QdqParams.fixPoint(o.scale(0)));
            act = c.act().spec();
        } else {
            if (c.act() == FloatAct.LEAKY_RELU) {
                throw new OnnxException(file, c.origin() + ": LeakyRelu needs power-of-two scales (shift mode)");
            }
            int[] mult = new int[oc], sh = new int[oc];
            for (int ch = 0; ch < oc; ch++) {
                QuantizedMultiplier mq = QuantizedMultiplier.of((double) in.scale(0) * sw[ch] / o.scale(0));
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
        ConvolutionSpec spec = Pow2Quantizer.convolution(c, quant, act);
        Int8Tensor weights = new Int8Tensor(spec.weightShape(), w);
        return Pow2Quantizer.entry(c.name(), spec, weights, anyBias ? new Int32Tensor(new int[] {oc}, b) : null, c.inputs(),
                out, c, file);
    }

    private static NetworkWriter.Entry add(FloatGraph.Add a, Map<String, QdqParams> q, boolean shift, boolean out, Path file) {
        QdqParams qa = required(a, a.a(), q, file, "first input");
        QdqParams qb = required(a, a.b(), q, file, "second input");
        QdqParams qo = required(a, a.name(), q, file, "output");
        AddSpec spec;
        if (shift) {
            spec = new AddSpec(a.shape(), new AddSpec.AddQuant(QdqParams.fixPoint(qa.scale(0)), QdqParams.fixPoint(qb.scale(0)),
                    QdqParams.fixPoint(qo.scale(0))), a.act().spec());
        } else {
            if (a.act() == FloatAct.LEAKY_RELU) {
                throw new OnnxException(file, a.origin() + ": LeakyRelu needs power-of-two scales (shift mode)");
            }
            int zp = qo.networkZeroPoint();
            Activation act = switch (a.act()) {
                case NONE, LEAKY_RELU -> Activation.NONE;
                case RELU -> zp <= -128 ? Activation.NONE : new Activation.Clamp(zp, 127);
                case RELU6 -> new Activation.Clamp(Math.max(-128, zp), (int) Math.min(127, zp + Math.rint(6.0 / qo.scale(0))));
            };
            spec = new AddSpec(a.shape(), AddSpec.TfliteAddQuant.of(qa.scale(0), qa.networkZeroPoint(), qb.scale(0),
                    qb.networkZeroPoint(), qo.scale(0), zp), act);
        }
        return Pow2Quantizer.entry(a.name(), spec, null, null, a.inputs(), out, a, file);
    }
}
