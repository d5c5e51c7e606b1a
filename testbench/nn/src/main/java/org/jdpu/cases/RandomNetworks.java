package org.jdpu.cases;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.Activation;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.SpecException;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Constrained-random networks of conv2d layers for network regressions. {@link #draw} gives chains:
 * one to five layers, each with a kernel of 1..5 (rectangular now and then), stride 1..3, dilation
 * now and then, independent padding per side, channel counts that are rarely multiples of anything
 * and every activation; fix points chain from layer to layer. {@link #drawGraph} gives directed
 * acyclic graphs: a stem, two branches reading it, their concat, a head reading the concat, and a
 * side layer reading the first branch that is a second network output. Everything follows from the
 * seed.
 *
 * @param spec     the network
 * @param input    its input
 * @param operands per layer, its weights and bias (only the first layer's input is the network's; a
 *                 concat's operands are all null)
 */
public record RandomNetworks(NetworkSpec spec, Int8Tensor input, List<Operands> operands) {

    public static RandomNetworks draw(long seed) {
        RandomGenerator r = new Well19937c(seed);
        int h = 4 + r.nextInt(21), w = 4 + r.nextInt(29), c = 1 + r.nextInt(r.nextInt(3) == 0 ? 48 : 16);
        int layers = 1 + r.nextInt(5);
        List<NetworkSpec.Layer> specs = new ArrayList<>();
        List<Operands> ops = new ArrayList<>();
        int fp = 4;
        Int8Tensor first = null;
        for (int i = 0; i < layers; i++) {
            Conv2dSpec s = null;
            for (int attempt = 0; s == null; attempt++) {
                Conv2dSpec candidate = layer(r, h, w, c, fp);
                try {
                    LayerChecks.validate(candidate);
                    s = candidate;
                } catch (SpecException e) {
                    if (attempt > 100) throw new IllegalStateException("cannot draw a valid layer from seed " + seed, e);
                }
            }
            String name = "conv" + (i + 1);
            Operands o = LayerCase.draw(name, seed * 31 + i, s, LayerCase.Weights.REALISTIC).operands();
            if (i == 0) first = o.input();
            specs.add(new NetworkSpec.Layer(name, s, null, null, null));
            ops.add(o);
            h = s.outputHeight();
            w = s.outputWidth();
            c = s.outputChannels();
            fp = ((ShiftQuant) s.quant()).fpOutput();
        }
        return new RandomNetworks(new NetworkSpec(null, specs), first, ops);
    }

    /**
     * A random graph: {@code stem} reads the input; branches {@code a} and {@code b} read the stem
     * with "same" padding and one stride, so their outputs match in size, and write at one fix point;
     * {@code cat} joins them; {@code head} reads the concat and {@code side} reads {@code a}, each a
     * network output, in either order; now and then a {@code tail} follows the head.
     *
     * @param channelGroup branch {@code a}'s channel count is a multiple of this: an engine that
     *                     concatenates by placement needs whole save groups before the last source
     */
    public static RandomNetworks drawGraph(long seed, int channelGroup) {
        if (channelGroup < 1) throw new IllegalArgumentException("channel group " + channelGroup);
        RandomGenerator r = new Well19937c(seed);
        int h = 3 + r.nextInt(14), w = 3 + r.nextInt(18), c = 1 + r.nextInt(r.nextInt(3) == 0 ? 40 : 12);
        Builder b = new Builder(seed);
        Conv2dSpec stem = valid(seed, () -> layer(r, h, w, c, 4));
        b.add("stem", stem, List.of(NetworkSpec.INPUT), false);
        FeatureShape t = stem.output();
        int fp = ((ShiftQuant) stem.quant()).fpOutput();
        int stride = r.nextInt(4) == 0 ? 2 : 1;
        int ocA = channelGroup * (1 + r.nextInt(Math.max(1, 24 / channelGroup)));
        Conv2dSpec a = valid(seed, () -> same(r, t, ocA, stride, fp, null));
        int fpBranch = ((ShiftQuant) a.quant()).fpOutput();
        Conv2dSpec bb = valid(seed, () -> same(r, t, 1 + r.nextInt(20), stride, fp, fpBranch));
        b.add("a", a, List.of("stem"), false);
        b.add("b", bb, List.of("stem"), false);
        ConcatSpec cat = new ConcatSpec(List.of(a.output(), bb.output()));
        b.add("cat", cat, List.of("a", "b"), false);
        FeatureShape joined = cat.output();
        Conv2dSpec head = valid(seed, () -> layer(r, joined.h(), joined.w(), joined.c(), fpBranch));
        Conv2dSpec side = valid(seed, () -> layer(r, a.outputHeight(), a.outputWidth(), a.outputChannels(), fpBranch));
        boolean sideFirst = r.nextBoolean(), tail = r.nextInt(3) == 0;
        // Whichever of side, head (or tail) is not last is marked as an output.
        if (sideFirst) b.add("side", side, List.of("a"), true);
        b.add("head", head, List.of("cat"), !sideFirst && !tail);
        if (tail) {
            int fpHead = ((ShiftQuant) head.quant()).fpOutput();
            b.add("tail", valid(seed, () -> layer(r, head.outputHeight(), head.outputWidth(), head.outputChannels(), fpHead)),
                    List.of("head"), !sideFirst);
        }
        if (!sideFirst) b.add("side", side, List.of("a"), false);
        return b.build();
    }

    /** Collects layers and draws their tensors. */
    private static final class Builder {
        private final long seed;
        private final List<NetworkSpec.Layer> layers = new ArrayList<>();
        private final List<Operands> operands = new ArrayList<>();
        private Int8Tensor input;

        Builder(long seed) {
            this.seed = seed;
        }

        void add(String name, LayerSpec spec, List<String> inputs, boolean output) {
            if (spec instanceof Conv2dSpec conv) {
                Operands o = LayerCase.draw(name, seed * 31 + layers.size(), conv, LayerCase.Weights.REALISTIC).operands();
                if (input == null) input = o.input();
                operands.add(o);
            } else {
                operands.add(new Operands(null, null, null));
            }
            layers.add(new NetworkSpec.Layer(name, spec, null, null, inputs, output));
        }

        RandomNetworks build() {
            return new RandomNetworks(new NetworkSpec(null, layers), input, operands);
        }
    }

    /** The first valid layer {@code draw} gives. */
    private static Conv2dSpec valid(long seed, java.util.function.Supplier<Conv2dSpec> draw) {
        for (int attempt = 0; ; attempt++) {
            Conv2dSpec candidate = draw.get();
            try {
                LayerChecks.validate(candidate);
                return candidate;
            } catch (SpecException e) {
                if (attempt > 100) throw new IllegalStateException("cannot draw a valid layer from seed " + seed, e);
            }
        }
    }

    /**
     * A layer on {@code in} with "same" padding (the padding of each axis is the kernel's span less
     * one, split at random), so its output size depends only on the stride; with {@code fpOutput}
     * non-null it writes at that fix point.
     */
    private static Conv2dSpec same(RandomGenerator r, FeatureShape in, int oc, int stride, int fp, Integer fpOutput) {
        int kh = 1 + r.nextInt(Math.min(4, in.h() + 1)), kw = r.nextInt(3) == 0 ? 1 + r.nextInt(Math.min(4, in.w() + 1)) : kh;
        int spanH = kh, spanW = kw;
        int top = r.nextInt(spanH), left = r.nextInt(spanW);
        Padding pad = new Padding(top, left, spanH - 1 - top, spanW - 1 - left);
        ShiftQuant rq = LayerCase.realisticQuant(kh, kw, in.c());
        int out = fpOutput != null ? fpOutput : rq.fpOutput() - rq.fpInput() + fp;
        ShiftQuant q = new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, out);
        Activation act = r.nextBoolean() ? Activation.RELU : Activation.LEAKY_RELU;
        return LayerCase.conv(in.h(), in.w(), in.c(), oc, kh, kw, stride, stride, 1, 1, pad, q, act);
    }

    private static Conv2dSpec layer(RandomGenerator r, int h, int w, int c, int fp) {
        int kh = 1 + r.nextInt(Math.min(5, h + 2)), kw = r.nextInt(3) == 0 ? 1 + r.nextInt(Math.min(5, w + 2)) : kh;
        int stride = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
        int dil = r.nextInt(6) == 0 ? 2 : 1;
        int spanH = (kh - 1) * dil + 1, spanW = (kw - 1) * dil + 1;
        Padding pad = new Padding(r.nextInt(spanH), r.nextInt(spanW), r.nextInt(spanH), r.nextInt(spanW));
        int oc = 1 + r.nextInt(r.nextInt(4) == 0 ? 64 : 24);
        ShiftQuant rq = LayerCase.realisticQuant(kh, kw, c);
        ShiftQuant q = new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, rq.fpOutput() - rq.fpInput() + fp);
        Activation act = switch (r.nextInt(4)) {
            case 0 -> Activation.NONE;
            case 1 -> Activation.RELU;
            case 2 -> Activation.RELU6;
            default -> Activation.LEAKY_RELU;
        };
        return LayerCase.conv(h, w, c, oc, kh, kw, stride, stride, dil, dil, pad, q, act);
    }
}
