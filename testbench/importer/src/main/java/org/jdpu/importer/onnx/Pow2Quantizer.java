package org.jdpu.importer.onnx;

import org.jdpu.importer.edge.EdgeQuant;
import org.jdpu.importer.onnx.FloatGraph.Node;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.SoftmaxSpec;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.UpsampleSpec;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Post-training power-of-two quantization of a {@link FloatGraph}, in the manner of Vitis AI:
 * symmetric per-tensor fix points for weights, biases and activations.
 *
 * <ol>
 *   <li>Tensors that must share a fix point form one group: a pool's, concat's or upsample's output
 *       with its inputs (they do not rescale). Convolutions and adds start groups of their own.</li>
 *   <li>The float graph runs on every calibration image; each group's values go into one
 *       {@link ValueHistogram}.</li>
 *   <li>Each group gets the min-MSE fix point of its histogram ({@link FixPoints#forActivations}).</li>
 *   <li>Each convolution's weights get their own min-MSE fix point; its bias is int8 too, with the
 *       min-MSE fix point at most {@code fp_input + fp_weights} (so the bias is shifted left, never
 *       floored) and at least that minus 30 (the spec's range).</li>
 * </ol>
 */
public final class Pow2Quantizer {
    private Pow2Quantizer() {}

    /** The quantized network: entries for the writer and the fix point of every node's output (and the input). */
    public record Result(List<NetworkWriter.Entry> entries, Map<String, Integer> fixPoints) {}

    public static Result quantize(FloatGraph g, List<float[]> calibration, Path file) {
        Groups groups = new Groups(g);
        Map<String, ValueHistogram> hist = histograms(g, groups, calibration);
        Map<String, Integer> groupFp = new HashMap<>();
        for (Map.Entry<String, ValueHistogram> e : hist.entrySet()) groupFp.put(e.getKey(), FixPoints.forActivations(e.getValue()));
        Map<String, Integer> fp = new LinkedHashMap<>();
        fp.put(FloatGraph.INPUT, groupFp.get(groups.find(FloatGraph.INPUT)));
        for (Node n : g.nodes()) fp.put(n.name(), groupFp.get(groups.find(n.name())));

        Set<String> outputs = g.outputs().stream().map(FloatGraph.Output::node).collect(Collectors.toSet());
        List<NetworkWriter.Entry> entries = new ArrayList<>();
        for (Node n : g.nodes()) {
            boolean out = outputs.contains(n.name());
            NetworkWriter.Entry e = switch (n) {
                case FloatGraph.Conv c -> conv(c, fp, out, file);
                case FloatGraph.Pool p -> entry(p.name(), new PoolSpec(p.kind(), p.in(), p.window(), p.act().spec()),
                        null, null, p.inputs(), out, p, file);
                case FloatGraph.Add a -> entry(a.name(), new AddSpec(a.shape(), new AddSpec.AddQuant(fp.get(a.a()),
                        fp.get(a.b()), fp.get(a.name())), a.act().spec()), null, null, a.inputs(), out, a, file);
                case FloatGraph.Concat c -> entry(c.name(), new ConcatSpec(c.shapes()), null, null, c.inputs(), out, c, file);
                case FloatGraph.GlobalPool p -> entry(p.name(), new GlobalAvgPoolSpec(p.in(), PoolQuant.SHIFT, p.act().spec()),
                        null, null, p.inputs(), out, p, file);
                case FloatGraph.Resize r -> entry(r.name(), new UpsampleSpec(r.in(), r.fy(), r.fx()), null, null, r.inputs(), out,
                        r, file);
                case FloatGraph.Softmax m -> entry(m.name(), softmax(g, m, Math.scalb(1.0, -fp.get(m.input())), file), null,
                        null, m.inputs(), out, m, file);
            };
            entries.add(e);
        }
        return new Result(entries, fp);
    }

    /** The calibration run, split over the cores: each worker fills its own histograms, merged at the end. */
    private static Map<String, ValueHistogram> histograms(FloatGraph g, Groups groups, List<float[]> calibration) {
        FloatEvaluator eval = new FloatEvaluator(g);
        Map<String, String> groupOf = new HashMap<>();
        for (String name : groups.names()) groupOf.put(name, groups.find(name));
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), calibration.size()));
        List<Map<String, ValueHistogram>> parts = IntStream.range(0, workers).parallel().mapToObj(w -> {
            Map<String, ValueHistogram> h = new HashMap<>();
            for (String root : new HashSet<>(groupOf.values())) h.put(root, new ValueHistogram());
            for (int i = w; i < calibration.size(); i += workers) {
                for (Map.Entry<String, float[]> e : eval.runAll(calibration.get(i)).entrySet()) {
                    h.get(groupOf.get(e.getKey())).add(e.getValue());
                }
            }
            return h;
        }).toList();
        Map<String, ValueHistogram> merged = parts.getFirst();
        for (Map<String, ValueHistogram> p : parts.subList(1, parts.size())) {
            p.forEach((k, v) -> merged.get(k).addAll(v));
        }
        return merged;
    }

    private static NetworkWriter.Entry conv(FloatGraph.Conv c, Map<String, Integer> fp, boolean out, Path file) {
        int fpIn = fp.get(c.input());
        int fpOut = fp.get(c.name());
        int fpW = FixPoints.forValues(c.weights(), LayerChecks.MIN_FIX_POINT, LayerChecks.MAX_FIX_POINT);
        // shift_cut = fp_in + fp_w - fp_out must stay within the spec's range.
        fpW = Math.max(fpW, LayerChecks.MIN_SHIFT_CUT - fpIn + fpOut);
        fpW = Math.min(fpW, LayerChecks.MAX_SHIFT_CUT - fpIn + fpOut);
        int hi = Math.min(LayerChecks.MAX_FIX_POINT, fpIn + fpW);
        int lo = Math.max(LayerChecks.MIN_FIX_POINT, fpIn + fpW - LayerChecks.MAX_SHIFT_BIAS);
        int fpB = FixPoints.forValues(c.bias(), lo, hi);
        byte[] w = new byte[c.weights().length];
        for (int i = 0; i < w.length; i++) w[i] = (byte) FixPoints.quantize(c.weights()[i], fpW);
        int[] b = new int[c.bias().length];
        boolean anyBias = false;
        for (int i = 0; i < b.length; i++) {
            b[i] = FixPoints.quantize(c.bias()[i], fpB);
            anyBias |= b[i] != 0;
        }
        Quant.ShiftQuant q = new Quant.ShiftQuant(fpIn, fpW, fpB, fpOut);
        ConvolutionSpec spec = convolution(c, q, c.act().spec());
        Int8Tensor weights = new Int8Tensor(spec.weightShape(), w);
        Int32Tensor bias = anyBias ? new Int32Tensor(new int[] {b.length}, b) : null;
        return entry(c.name(), spec, weights, bias, c.inputs(), out, c, file);
    }

    /**
     * The spec of a float convolution: depthwise, plain, or (a kernel over the whole unpadded input,
     * as Gemm/MatMul become) {@code dense} once the kernel is larger than a convolution's may be;
     * up to that it stays a {@code conv2d}, which the engine runs. The weight bytes are the same.
     */
    static ConvolutionSpec convolution(FloatGraph.Conv c, Quant q, Activation act) {
        if (c.depthwise()) return new DepthwiseConv2dSpec(c.in(), c.outChannels() / c.in().c(), c.window(), q, act);
        Window w = c.window();
        boolean wholeInput = w.kh() == c.in().h() && w.kw() == c.in().w() && w.padding().equals(Padding.NONE);
        if (wholeInput && (w.kh() > LayerChecks.MAX_KERNEL || w.kw() > LayerChecks.MAX_KERNEL)) {
            return new DenseSpec(c.in(), c.outChannels(), q, act);
        }
        return new Conv2dSpec(c.in(), c.outChannels(), w, q, act);
    }

    /** TFLite's int8 softmax (beta 1) on an input of {@code inputScale}; nothing but outputs may follow it. */
    static SoftmaxSpec softmax(FloatGraph g, FloatGraph.Softmax m, double inputScale, Path file) {
        for (Node n : g.nodes()) {
            if (n.inputs().contains(m.name())) {
                throw new OnnxException(file, m.origin() + ": is read by " + n.origin() + "; a softmax runs on the host after "
                        + "every engine layer, so nothing may read it");
            }
        }
        try {
            return SoftmaxSpec.of(m.in(), 1.0, inputScale);
        } catch (IllegalArgumentException e) {
            throw new OnnxException(file, m.origin() + ": " + e.getMessage());
        }
    }

    /** The fixed quantisation of an int8 softmax's output (TFLite's): scale 1/256, zero point -128. */
    static final EdgeQuant SOFTMAX_OUTPUT = new EdgeQuant.Affine(1.0 / 256, SoftmaxSpec.OUTPUT_ZERO_POINT);

    static NetworkWriter.Entry entry(String name, LayerSpec spec, Int8Tensor w, Int32Tensor b, List<String> inputs,
                                             boolean output, Node n, Path file) {
        try {
            LayerChecks.validate(spec);
        } catch (SpecException e) {
            throw new OnnxException(file, n.origin() + ": cannot be a network layer: " + e.getMessage(), e);
        }
        return new NetworkWriter.Entry(name, spec, w, b, inputs, output);
    }

    /** Union-find over node names (and the input): the tensors that share a fix point. */
    private static final class Groups {
        private final Map<String, String> parent = new HashMap<>();

        Groups(FloatGraph g) {
            parent.put(FloatGraph.INPUT, FloatGraph.INPUT);
            for (Node n : g.nodes()) {
                parent.put(n.name(), n.name());
                switch (n) {
                    case FloatGraph.Pool p -> union(p.name(), p.input());
                    case FloatGraph.GlobalPool p -> union(p.name(), p.input());
                    case FloatGraph.Resize r -> union(r.name(), r.input());
                    case FloatGraph.Concat c -> c.inputs().forEach(i -> union(c.name(), i));
                    default -> { }
                }
            }
        }

        String find(String x) {
            String p = parent.get(x);
            if (p.equals(x)) return x;
            String r = find(p);
            parent.put(x, r);
            return r;
        }

        void union(String a, String b) {
            String ra = find(a), rb = find(b);
            if (!ra.equals(rb)) parent.put(ra, rb);
        }

        Set<String> names() {
            return parent.keySet();
        }
    }
}
