package org.jdpu.cases;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.UpsampleSpec;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Constrained-random chains that mix every engine operator in shift mode, for network
 * regressions: a first convolution, then two to five stages each drawn from a convolution (kernel
 * 1..5, stride 1..2, asymmetric padding), a depthwise convolution (depth multiplier 1..3, kernel
 * 1..5, stride 1..3, dilation now and then), a nearest upsample (factors 1..3 per axis), a max or
 * average pool, or a "same" convolution followed by a residual add of the stage's input; and at the
 * end, now and then a global average pool (maps up to 16x16) and a dense layer. Maps stay between
 * 2x2 and 40x40 and channels below 40, so every preset and the odd small configurations can run them;
 * everything follows from the seed.
 */
public final class RandomMixedNetworks {
    private RandomMixedNetworks() {}

    private static final int MAX_SIDE = 40;

    public static RandomNetworks draw(long seed) {
        RandomGenerator r = new Well19937c(seed);
        Chain chain = new Chain(seed, r);
        FeatureShape in = new FeatureShape(3 + r.nextInt(18), 3 + r.nextInt(22), 1 + r.nextInt(20));
        chain.conv(in, 1 + r.nextInt(24), 1 + r.nextInt(3), 1);
        int stages = 2 + r.nextInt(4);
        for (int i = 0; i < stages; i++) {
            FeatureShape x = chain.shape();
            switch (r.nextInt(5)) {
                case 0 -> chain.conv(x, 1 + r.nextInt(32), 1 + r.nextInt(5), 1 + r.nextInt(2));
                case 1 -> chain.depthwise(x);
                case 2 -> chain.upsample(x);
                case 3 -> chain.pool(x);
                default -> chain.residual(x);
            }
        }
        FeatureShape x = chain.shape();
        if (x.h() <= 16 && x.w() <= 16 && r.nextInt(2) == 0) {
            chain.add("gap", new GlobalAvgPoolSpec(x, PoolQuant.SHIFT, Activation.NONE), null, null, null);
        }
        FeatureShape last = chain.shape();
        if (r.nextInt(2) == 0 && (long) last.h() * last.w() * last.c() <= 4096) {
            chain.dense(last, 1 + r.nextInt(20));
        }
        return chain.network();
    }

    /**
     * A chain in TFLite's int8 {@code multiplier} mode, for {@code +tflite} engines: a first
     * convolution, then two to five stages drawn from a convolution, a depthwise convolution, a
     * nearest upsample and a TFLite max pool or unpadded average pool; at the end now and then a
     * dense layer. Zero points chain from layer to layer (a third of them at -128 or 127),
     * multipliers are Q31 in [0.5, 1) per channel and shifts keep the outputs spread over int8;
     * activations are none, relu or a clamp.
     */
    public static RandomNetworks drawTflite(long seed) {
        RandomGenerator r = new Well19937c(seed);
        Chain chain = new Chain(seed, r);
        chain.tflite(zeroPoint(r));
        FeatureShape in = new FeatureShape(3 + r.nextInt(18), 3 + r.nextInt(22), 1 + r.nextInt(20));
        chain.conv(in, 1 + r.nextInt(24), 1 + r.nextInt(3), 1);
        int stages = 2 + r.nextInt(4);
        for (int i = 0; i < stages; i++) {
            FeatureShape x = chain.shape();
            switch (r.nextInt(4)) {
                case 0 -> chain.conv(x, 1 + r.nextInt(32), 1 + r.nextInt(5), 1 + r.nextInt(2));
                case 1 -> chain.depthwise(x);
                case 2 -> chain.upsample(x);
                default -> chain.pool(x);
            }
        }
        FeatureShape last = chain.shape();
        if (r.nextInt(2) == 0 && (long) last.h() * last.w() * last.c() <= 4096) chain.dense(last, 1 + r.nextInt(20));
        return chain.network();
    }

    private static int zeroPoint(RandomGenerator r) {
        return r.nextInt(3) == 0 ? MultiplierLayers.EXTREME_ZERO_POINTS[r.nextInt(2)] : r.nextInt(256) - 128;
    }

    /** The layers drawn so far, their tensors and the fix point (shift mode) or zero point (multiplier mode) of the last output. */
    private static final class Chain {
        private final long seed;
        private final RandomGenerator r;
        private final List<NetworkSpec.Layer> layers = new ArrayList<>();
        private final List<Operands> operands = new ArrayList<>();
        private Int8Tensor input;
        private FeatureShape shape;
        private int fp = 4;
        /** In multiplier mode: the zero point of the last output (the next layer's input); else null. */
        private Integer zp;

        Chain(long seed, RandomGenerator r) {
            this.seed = seed;
            this.r = r;
        }

        void tflite(int inputZeroPoint) {
            zp = inputZeroPoint;
        }

        FeatureShape shape() {
            return shape;
        }

        RandomNetworks network() {
            return new RandomNetworks(new NetworkSpec(null, layers), input, operands);
        }

        void conv(FeatureShape in, int oc, int k, int stride) {
            int kh = Math.min(k, in.h() + 2), kw = r.nextInt(3) == 0 ? Math.min(1 + r.nextInt(5), in.w() + 2) : Math.min(k, in.w() + 2);
            int top = r.nextInt(kh), left = r.nextInt(kw);
            Padding pad = new Padding(top, left, kh - 1 - top, kw - 1 - left);
            Conv2dSpec s = new Conv2dSpec(in, oc, new Window(kh, kw, stride, stride, 1, 1, pad),
                    quant(LayerCase.realisticQuant(kh, kw, in.c()), (long) kh * kw * in.c(), oc), activation());
            if (fits(s.output())) {
                Operands o = LayerCase.draw("conv", seed * 31 + layers.size(), s, LayerCase.Weights.REALISTIC).operands();
                if (input == null) input = o.input();
                add("conv" + (layers.size() + 1), s, o.weights(), o.bias(), null);
            }
        }

        void depthwise(FeatureShape in) {
            int kh = 1 + r.nextInt(5), kw = 1 + r.nextInt(5), s = 1 + r.nextInt(3);
            int d = r.nextInt(4) == 0 ? 2 : 1;
            Padding pad = new Padding(r.nextInt(kh), r.nextInt(kw), r.nextInt(kh), r.nextInt(kw));
            int m = r.nextInt(3) == 0 ? 2 + r.nextInt(2) : 1;
            if (in.c() * m > MAX_SIDE) m = 1;
            DepthwiseConv2dSpec dw = new DepthwiseConv2dSpec(in, m, new Window(kh, kw, s, s, d, d, pad),
                    quant(LayerCase.realisticQuant(kh, kw, 1), (long) kh * kw, in.c() * m), activation());
            if (dw.outputHeight() < 1 || dw.outputWidth() < 1) return;
            add("dw" + (layers.size() + 1), dw, int8(dw.weightShape()), int32(dw.outputChannels()), null);
        }

        void upsample(FeatureShape in) {
            int fh = 1 + r.nextInt(3), fw = 1 + r.nextInt(3);
            if (in.h() * fh > MAX_SIDE || in.w() * fw > MAX_SIDE) return;
            add("up" + (layers.size() + 1), new UpsampleSpec(in, fh, fw), null, null, null);
        }

        void pool(FeatureShape in) {
            int kh = 1 + r.nextInt(Math.min(4, in.h())), kw = 1 + r.nextInt(Math.min(4, in.w()));
            int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3);
            Padding pad = new Padding(r.nextInt(kh), r.nextInt(kw), r.nextInt(kh), r.nextInt(kw));
            PoolSpec.Kind kind = r.nextBoolean() ? PoolSpec.Kind.MAX : PoolSpec.Kind.AVG;
            // TFLite's padded average divides by the in-image taps, which differ at the edges: drawn unpadded.
            if (zp != null && kind == PoolSpec.Kind.AVG) pad = Padding.NONE;
            PoolSpec p = zp == null
                    ? new PoolSpec(kind, in, new Window(kh, kw, sh, sw, 1, 1, pad), r.nextBoolean() ? Activation.NONE : Activation.RELU)
                    : new PoolSpec(kind, in, new Window(kh, kw, sh, sw, 1, 1, pad), new PoolQuant.TflitePool(zp), Activation.NONE);
            if (p.outputHeight() >= 1 && p.outputWidth() >= 1) add("pool" + (layers.size() + 1), p, null, null, null);
        }

        /** A "same" convolution of the stage's input and the residual add of that input (fix points up to 3 apart). */
        void residual(FeatureShape in) {
            String source = layers.getLast().name();
            int fpIn = fp;
            int k = 1 + 2 * r.nextInt(2);
            Conv2dSpec s = LayerCase.conv(in.h(), in.w(), in.c(), in.c(), k, k, 1, 1, 1, 1,
                    new Padding(k / 2, k / 2, k / 2, k / 2), chained(LayerCase.realisticQuant(k, k, in.c())), activation());
            Operands o = LayerCase.draw("conv", seed * 31 + layers.size(), s, LayerCase.Weights.REALISTIC).operands();
            add("conv" + (layers.size() + 1), s, o.weights(), o.bias(), null);
            if (Math.abs(fp - fpIn) > 3) return;
            AddSpec a = new AddSpec(s.output(), new AddSpec.AddQuant(fp, fpIn, Math.min(fp, fpIn)),
                    r.nextBoolean() ? Activation.RELU : Activation.NONE);
            add("add" + (layers.size() + 1), a, null, null, source);
        }

        void dense(FeatureShape in, int oc) {
            DenseSpec d = new DenseSpec(in, oc, quant(LayerCase.realisticQuant(in.h(), in.w(), in.c()),
                    (long) in.h() * in.w() * in.c(), oc), activation());
            add("fc" + (layers.size() + 1), d, int8(d.weightShape()), int32(oc), null);
        }

        void add(String name, LayerSpec spec, Int8Tensor weights, Int32Tensor bias, String inputB) {
            try {
                LayerChecks.validate(spec);
            } catch (SpecException e) {
                throw new IllegalStateException("seed " + seed + " drew an invalid " + spec.op() + ": " + e.getMessage(), e);
            }
            layers.add(new NetworkSpec.Layer(name, spec, null, null, inputB));
            operands.add(new Operands(null, weights, bias));
            shape = spec.output();
            if (spec instanceof AddSpec a && a.quant() instanceof AddSpec.AddQuant q) fp = q.fpOutput();
            else if (spec instanceof ConvolutionSpec c && c.quant() instanceof ShiftQuant q) fp = q.fpOutput();
            else if (spec instanceof ConvolutionSpec c && c.quant() instanceof MultiplierQuant q) zp = q.outputZeroPoint();
        }

        /**
         * Shift mode: the realistic fix points moved to read the chain's current one. Multiplier mode:
         * the chain's zero point in, a drawn one out, Q31 multipliers in [0.5, 1) and a shift mapping
         * the accumulators' spread (about 40 x 40 x sqrt(taps)) to about +-48.
         */
        private org.jdpu.spec.Quant quant(ShiftQuant realistic, long taps, int channels) {
            if (zp == null) return chained(realistic);
            int centre = (int) Math.ceil(Math.log(48 / (1600 * Math.sqrt(taps))) / Math.log(2));
            int[] m = new int[channels], sh = new int[channels];
            for (int k = 0; k < channels; k++) {
                m[k] = (1 << 30) + r.nextInt(1 << 30);
                sh[k] = Math.max(LayerChecks.MIN_TFLITE_SHIFT, Math.min(0, centre + (r.nextInt(6) == 0 ? 1 : 0)));
            }
            return new MultiplierQuant(zp, zeroPoint(r), m, sh);
        }

        /** A layer's realistic fix points moved to read the chain's current one. */
        private ShiftQuant chained(ShiftQuant rq) {
            return new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, rq.fpOutput() - rq.fpInput() + fp);
        }

        private static boolean fits(FeatureShape s) {
            return s.h() >= 1 && s.w() >= 1 && s.h() <= MAX_SIDE && s.w() <= MAX_SIDE;
        }

        private Activation activation() {
            if (zp != null) {
                return switch (r.nextInt(3)) {
                    case 0 -> Activation.NONE;
                    case 1 -> Activation.RELU;
                    default -> new Activation.Clamp(-100 + r.nextInt(60), 20 + r.nextInt(100));
                };
            }
            return switch (r.nextInt(4)) {
                case 0 -> Activation.NONE;
                case 1 -> Activation.RELU6;
                case 2 -> Activation.LEAKY_RELU;
                default -> Activation.RELU;
            };
        }

        private Int8Tensor int8(int[] shape) {
            int n = 1;
            for (int d : shape) n *= d;
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte) Math.max(-128, Math.min(127, Math.round(r.nextGaussian() * 40)));
            return new Int8Tensor(shape, b);
        }

        private Int32Tensor int32(int n) {
            int[] b = new int[n];
            for (int i = 0; i < n; i++) b[i] = r.nextInt(4001) - 2000;
            return new Int32Tensor(new int[] {n}, b);
        }
    }
}
