package org.jdpu.cases;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
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
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.UpsampleSpec;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a shift-mode network graph layer by layer with seeded synthetic weights, keeping the
 * activations inside int8 without a calibration run.
 *
 * <p>The builder tracks an estimate of each tensor's root-mean-square value (in int8 steps) and
 * gives each weighted layer the weight fix point that brings its pre-activation spread to the
 * target, or up to half below it ({@link #TARGET_RMS} unless {@link #aim} changed it): weights are drawn with a fixed
 * spread, so the accumulator's estimate is {@code rms_in * weight_rms * sqrt(taps)}. Weighted
 * layers write fix point {@link #FIX_POINT}; an add whose sum would exceed the target writes one
 * fix point lower (half the value), which keeps a residual stream from growing block after block.
 * Pools, upsampling and concats keep their input's fix point. Estimation errors do not compound,
 * as each layer is scaled from its own input's estimate. Layers are created in program order;
 * each method returns the new layer's name.
 */
public final class NetBuilder {
    /** The fix point weighted layers write: 4 fractional bits (relu6 clamps at 96). */
    public static final int FIX_POINT = 4;
    /** The pre-activation spread each weighted layer aims at: a third of int8's range. */
    static final double TARGET_RMS = 40;
    /** The spread weights are drawn with, in int8 steps. */
    private static final double WEIGHT_RMS = 40;
    /** Bias spread relative to the accumulator's. */
    private static final double BIAS_SHARE = 0.3;

    /** Null for a builder of shapes only. */
    private final RandomGenerator rng;
    private final FeatureShape inputShape;
    private final List<NetworkWriter.Entry> entries = new ArrayList<>();
    private final Map<String, FeatureShape> shapes = new HashMap<>();
    private final Map<String, Double> rms = new HashMap<>();
    private final Map<String, Integer> fixPoints = new HashMap<>();
    private double target = TARGET_RMS;

    /** A builder for a network whose input is {@code input}, with weights drawn from {@code seed}. */
    public NetBuilder(FeatureShape input, long seed) {
        this(input, new Well19937c(seed));
    }

    private NetBuilder(FeatureShape input, RandomGenerator rng) {
        this.rng = rng;
        this.inputShape = input;
        shapes.put(NetworkSpec.INPUT, input);
        rms.put(NetworkSpec.INPUT, TARGET_RMS);
        fixPoints.put(NetworkSpec.INPUT, FIX_POINT);
    }

    /**
     * A builder of the same layers without their tensors (the entries' weights and bias are null):
     * the specs, their shapes and fix points, which do not depend on the tensors' values.
     */
    public static NetBuilder shapesOnly(FeatureShape input) {
        return new NetBuilder(input, (RandomGenerator) null);
    }

    /**
     * Sets the pre-activation spread of the weighted layers added from now on: lower before a
     * large max pool, whose maximum sits well above the spread of its taps.
     */
    public NetBuilder aim(double rms) {
        this.target = rms;
        return this;
    }

    /** The output shape of layer {@code name}. */
    public FeatureShape shape(String name) {
        return shapes.get(name);
    }

    /** A k x k convolution with "same" padding (the odd pixel at the bottom and right) reading {@code from}. */
    public String conv(String name, String from, int outChannels, int k, int stride, Activation act) {
        FeatureShape in = shapes.get(from);
        int total = Math.max(0, (ceilDiv(in.h(), stride) - 1) * stride + k - in.h());
        Padding pad = new Padding(total / 2, total / 2, total - total / 2, total - total / 2);
        return conv(name, from, outChannels, k, stride, pad, act);
    }

    /** A convolution with explicit padding reading {@code from}. */
    public String conv(String name, String from, int outChannels, int k, int stride, Padding pad, Activation act) {
        FeatureShape in = shapes.get(from);
        Window w = new Window(k, k, stride, stride, 1, 1, pad);
        long taps = (long) k * k * in.c();
        ShiftQuant q = quant(from, taps);
        return weighted(name, from, new Conv2dSpec(in, outChannels, w, q, act), taps);
    }

    /** A k x k depthwise convolution (multiplier 1) with "same" padding. */
    public String depthwise(String name, String from, int k, int stride, Activation act) {
        FeatureShape in = shapes.get(from);
        int total = Math.max(0, (ceilDiv(in.h(), stride) - 1) * stride + k - in.h());
        // Frameworks that pad a stride-2 depthwise 3x3 explicitly (PyTorch) pad one on every side.
        Padding pad = stride == 1 ? new Padding(total / 2, total / 2, total - total / 2, total - total / 2)
                : new Padding(k / 2, k / 2, k / 2, k / 2);
        Window w = new Window(k, k, stride, stride, 1, 1, pad);
        ShiftQuant q = quant(from, (long) k * k);
        return weighted(name, from, new DepthwiseConv2dSpec(in, 1, w, q, act), (long) k * k);
    }

    /** A fully connected layer over the whole of {@code from}'s output. */
    public String dense(String name, String from, int outChannels, Activation act) {
        FeatureShape in = shapes.get(from);
        long taps = (long) in.h() * in.w() * in.c();
        return weighted(name, from, new DenseSpec(in, outChannels, quant(from, taps), act), taps);
    }

    /** A max pool with explicit padding. */
    public String maxpool(String name, String from, int k, int stride, Padding pad) {
        FeatureShape in = shapes.get(from);
        PoolSpec p = new PoolSpec(PoolSpec.Kind.MAX, in, new Window(k, k, stride, stride, 1, 1, pad), Activation.NONE);
        // The maximum of n taps sits above their spread: about 1 + 0.5 ln n times, measured on these networks.
        return add(name, List.of(from), p, rms.get(from) * (1 + 0.5 * Math.log((double) k * k)), fixPoints.get(from));
    }

    /** A global average pool to 1 x 1. */
    public String globalAvgPool(String name, String from) {
        GlobalAvgPoolSpec g = new GlobalAvgPoolSpec(shapes.get(from), org.jdpu.spec.PoolQuant.SHIFT, Activation.NONE);
        // Each channel's bias gives it its own mean, and the means survive averaging: the rms drops
        // by only about 5% (measured on ResNet-50 and MobileNetV2 at 64 and 224).
        return add(name, List.of(from), g, rms.get(from) * 0.95, fixPoints.get(from));
    }

    /** The sum of two tensors of one shape. */
    public String add(String name, String a, String b, Activation act) {
        int fpA = fixPoints.get(a), fpB = fixPoints.get(b);
        // Both operands in the units of the finer fix point, then the sum's spread there.
        int fine = Math.max(fpA, fpB);
        double sum = Math.hypot(rms.get(a) * Math.pow(2, fine - fpA), rms.get(b) * Math.pow(2, fine - fpB));
        // A rectified sum keeps more than half its square: the shortcut operand is itself rectified
        // and lifts the mean (0.85 measured on ResNet-50's blocks).
        if (!act.equals(Activation.NONE)) sum *= 0.85;
        int fp = Math.min(fpA, fpB);
        double out = sum / Math.pow(2, fine - fp);
        if (out > target) {
            fp--;
            out /= 2;
        }
        AddSpec s = new AddSpec(shapes.get(a), new AddSpec.AddQuant(fpA, fpB, fp), act);
        return add(name, List.of(a, b), s, out, fp);
    }

    /** The sources joined along the channel axis. */
    public String concat(String name, List<String> from) {
        ConcatSpec s = new ConcatSpec(from.stream().map(shapes::get).toList());
        int fp = fixPoints.get(from.getFirst());
        double squares = 0;
        for (String f : from) {
            if (fixPoints.get(f) != fp) throw new IllegalArgumentException(name + ": a concat's sources need one fix point");
            squares += shapes.get(f).c() * rms.get(f) * rms.get(f);
        }
        return add(name, from, s, Math.sqrt(squares / s.outputChannels()), fp);
    }

    /** Nearest-neighbour upsampling by {@code factor} in both directions. */
    public String upsample(String name, String from, int factor) {
        return add(name, List.of(from), new UpsampleSpec(shapes.get(from), factor, factor), rms.get(from), fixPoints.get(from));
    }

    /** Marks layer {@code name} as a network output (the last layer is one anyway). */
    public void markOutput(String name) {
        for (int i = 0; i < entries.size(); i++) {
            NetworkWriter.Entry e = entries.get(i);
            if (e.name().equals(name)) {
                entries.set(i, new NetworkWriter.Entry(e.name(), e.spec(), e.weights(), e.bias(), e.inputs(), true));
                return;
            }
        }
        throw new IllegalArgumentException("no layer " + name);
    }

    /** The entries so far, with their tensors, ready for {@link NetworkWriter}. */
    public List<NetworkWriter.Entry> entries() {
        return List.copyOf(entries);
    }

    /** The network so far (no tensor files: the tensors are in {@link #entries()}). */
    public NetworkSpec spec() {
        return new NetworkSpec(null, entries.stream()
                .map(e -> new NetworkSpec.Layer(e.name(), e.spec(), null, null, e.inputs(), e.output())).toList());
    }

    /** A seeded input of the network's shape with the spread the first layer was scaled for. */
    public Int8Tensor input(long seed) {
        RandomGenerator r = new Well19937c(seed);
        byte[] x = new byte[inputShape.h() * inputShape.w() * inputShape.c()];
        for (int i = 0; i < x.length; i++) x[i] = (byte) clamp8(Math.round(r.nextGaussian() * TARGET_RMS));
        return new Int8Tensor(inputShape.tensorShape(), x);
    }

    /**
     * Fix points for a layer of {@code taps} products per output reading {@code from}: the shift
     * that brings the accumulator to the target spread fixes the weights' fix point, given the
     * input's and the output's ({@link #FIX_POINT}); the bias is at the products' fix point.
     */
    private ShiftQuant quant(String from, long taps) {
        double acc = accumulatorRms(rms.get(from), taps);
        // Rounded up: the spread lands between half the target and the target, leaving headroom for
        // the estimate's error rather than saturating.
        int shiftCut = (int) Math.ceil(Math.log(acc / target) / Math.log(2));
        int fpIn = fixPoints.get(from);
        int fpWeights = shiftCut - fpIn + FIX_POINT;
        return new ShiftQuant(fpIn, fpWeights, fpIn + fpWeights, FIX_POINT);
    }

    private static double accumulatorRms(double inRms, long taps) {
        return inRms * WEIGHT_RMS * Math.sqrt(taps) * Math.sqrt(1 + BIAS_SHARE * BIAS_SHARE);
    }

    private String weighted(String name, String from, ConvolutionSpec spec, long taps) {
        LayerChecks.validate(spec);
        ShiftQuant q = (ShiftQuant) spec.quant();
        double acc = accumulatorRms(rms.get(from), taps);
        double v = acc / Math.pow(2, q.shiftCut());
        double out = switch (spec.activation()) {
            case Activation.None n -> v;
            case Activation.LeakyRelu l -> v * Math.sqrt((1 + 0.1 * 0.1) / 2);
            default -> v / Math.sqrt(2);
        };
        if (rng == null) {
            entries.add(new NetworkWriter.Entry(name, spec, null, null, List.of(from), false));
            record(name, spec, out, FIX_POINT);
            return name;
        }
        int[] ws = spec.weightShape();
        int count = 1;
        for (int d : ws) count = Math.multiplyExact(count, d);
        byte[] w = new byte[count];
        for (int i = 0; i < w.length; i++) w[i] = (byte) clamp8(Math.round(rng.nextGaussian() * WEIGHT_RMS));
        int[] b = new int[spec.outputChannels()];
        double biasRms = acc / Math.sqrt(1 + BIAS_SHARE * BIAS_SHARE) * BIAS_SHARE;
        for (int i = 0; i < b.length; i++) b[i] = (int) Math.round(rng.nextGaussian() * biasRms);
        entries.add(new NetworkWriter.Entry(name, spec, new Int8Tensor(ws, w), new Int32Tensor(new int[] {b.length}, b),
                List.of(from), false));
        record(name, spec, out, FIX_POINT);
        return name;
    }

    private String add(String name, List<String> from, LayerSpec spec, double outRms, int fp) {
        LayerChecks.validate(spec);
        entries.add(new NetworkWriter.Entry(name, spec, null, null, from, false));
        record(name, spec, outRms, fp);
        return name;
    }

    private void record(String name, LayerSpec spec, double outRms, int fp) {
        if (shapes.containsKey(name)) throw new IllegalArgumentException("two layers are named " + name);
        shapes.put(name, spec.output());
        rms.put(name, outRms);
        fixPoints.put(name, fp);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int clamp8(long v) {
        return (int) Math.max(-128, Math.min(127, v));
    }
}
