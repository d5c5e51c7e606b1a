package org.jdpu.golden;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
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
import org.jdpu.spec.Quant;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Shapes;

/** Random small layers and tensors for property tests, drawn so that edge values come up often. */
final class RandomLayers {
    private final RandomDataGenerator rnd;

    RandomLayers(RandomDataGenerator rnd) {
        this.rnd = rnd;
    }

    int between(int lo, int hi) {
        return rnd.nextInt(lo, hi);
    }

    boolean chance(double p) {
        return rnd.nextUniform(0, 1) < p;
    }

    ConvolutionSpec convolution(String mode, boolean depthwise) {
        while (true) {
            FeatureShape in = new FeatureShape(between(1, 9), between(1, 9), between(1, depthwise ? 6 : 8));
            Window win = window(true);
            int oc = depthwise ? in.c() * between(1, 3) : between(1, 7);
            Quant quant = quant(mode, oc);
            Activation act = activation(mode);
            ConvolutionSpec spec = depthwise
                    ? new DepthwiseConv2dSpec(in, oc / in.c(), win, quant, act)
                    : new Conv2dSpec(in, oc, win, quant, act);
            try {
                LayerChecks.validate(spec);
                return spec;
            } catch (SpecException tooSmallOrOverflowing) {
                // draw again: empty output, or a left shift the worst-case accumulator cannot take
            }
        }
    }

    DenseSpec dense(String mode) {
        while (true) {
            FeatureShape in = new FeatureShape(between(1, 4), between(1, 4), between(1, 12));
            int oc = between(1, 9);
            DenseSpec spec = new DenseSpec(in, oc, quant(mode, oc), activation(mode));
            try {
                LayerChecks.validate(spec);
                return spec;
            } catch (SpecException overflowing) {
                // draw again: a left shift the worst-case accumulator cannot take
            }
        }
    }

    PoolSpec pool(PoolSpec.Kind kind) {
        while (true) {
            FeatureShape in = new FeatureShape(between(1, 9), between(1, 9), between(1, 5));
            Activation act = switch (between(0, 2)) {
                case 0 -> Activation.NONE;
                case 1 -> Activation.RELU;
                default -> clamp();
            };
            PoolQuant quant = chance(0.5) ? PoolQuant.SHIFT : new PoolQuant.TflitePool(zeroPoint());
            PoolSpec spec = new PoolSpec(kind, in, window(false), quant, act);
            try {
                LayerChecks.validate(spec);
                return spec;
            } catch (SpecException empty) {
                // draw again
            }
        }
    }

    GlobalAvgPoolSpec globalAvgPool(String mode) {
        while (true) {
            // the DPU's table sizes (3x3, 7x7, 14x14, ...) come up as often as any other
            boolean table = chance(0.3);
            int h = table ? new int[] {3, 5, 6, 7, 14}[between(0, 4)] : between(1, 16);
            int w = table ? (chance(0.8) ? h : 3) : between(1, 16);
            FeatureShape in = new FeatureShape(h, w, between(1, 5));
            PoolQuant quant = switch (mode) {
                case "shift" -> PoolQuant.SHIFT;
                case "multiplier" -> new PoolQuant.TflitePool(zeroPoint());
                default -> new PoolQuant.TfliteMean(zeroPoint(), zeroPoint(),
                        chance(0.1) ? between(0, Integer.MAX_VALUE - 1) : between(1 << 30, Integer.MAX_VALUE),
                        chance(0.2) ? between(1, 6) : between(-12, 0));
            };
            Activation act = switch (between(0, 2)) {
                case 0 -> Activation.NONE;
                case 1 -> Activation.RELU;
                default -> clamp();
            };
            GlobalAvgPoolSpec spec = new GlobalAvgPoolSpec(in, quant, act);
            try {
                LayerChecks.validate(spec);
                return spec;
            } catch (SpecException overflowing) {
                // draw again: a left shift the worst-case sum cannot take
            }
        }
    }

    /** A TFLite int8 add whose scales keep outputs mostly inside int8, with any zero points. */
    AddSpec tfliteAdd() {
        FeatureShape in = new FeatureShape(between(1, 5), between(1, 5), between(1, 6));
        int sa = between(-3, 0), sb = between(-3, 0);
        int so = chance(0.1) ? between(-31, 0) : -20 - Math.max(sa, sb) + between(-2, 2);
        AddSpec.TfliteAddQuant q = new AddSpec.TfliteAddQuant(zeroPoint(), zeroPoint(), zeroPoint(),
                multiplier(), sa, multiplier(), sb, multiplier(), Math.max(-31, Math.min(0, so)));
        AddSpec spec = new AddSpec(in, q, activation("multiplier"));
        LayerChecks.validate(spec);
        return spec;
    }

    private int multiplier() {
        if (chance(0.05)) return Integer.MAX_VALUE;
        return chance(0.1) ? between(0, Integer.MAX_VALUE - 1) : between(1 << 30, Integer.MAX_VALUE);
    }

    AddSpec add() {
        while (true) {
            FeatureShape in = new FeatureShape(between(1, 5), between(1, 5), between(1, 6));
            boolean wide = chance(0.2);
            int fa = wide ? anyFixPoint() : between(-4, 10);
            int fb = chance(0.3) ? fa : wide ? anyFixPoint() : between(-4, 10);
            int fo = wide ? anyFixPoint() : chance(0.2) ? Math.max(fa, fb) + between(0, 4) : between(-4, 10);
            AddSpec spec = new AddSpec(in, new AddSpec.AddQuant(fa, fb, fo), activation("shift"));
            try {
                LayerChecks.validate(spec);
                return spec;
            } catch (SpecException outOfRange) {
                // draw again
            }
        }
    }

    private Window window(boolean dilation) {
        int kh = between(1, 4), kw = between(1, 4);
        int dh = dilation ? between(1, 3) : 1, dw = dilation ? between(1, 3) : 1;
        Padding p = new Padding(between(0, (kh - 1) * dh), between(0, (kw - 1) * dw),
                between(0, (kh - 1) * dh), between(0, (kw - 1) * dw));
        return new Window(kh, kw, between(1, 3), between(1, 3), dh, dw, p);
    }

    private Quant quant(String mode, int oc) {
        return switch (mode) {
            case "shift" -> {
                if (chance(0.2)) { // anywhere in the validated ranges: exercises the 64-bit limits
                    yield new Quant.ShiftQuant(anyFixPoint(), anyFixPoint(), anyFixPoint(), anyFixPoint());
                }
                int fi = between(-3, 8), fw = between(-2, 9);
                int fb = fi + fw - between(-6, 12);
                int fo = chance(0.1) ? fi + fw + between(1, 4) : fi + fw - between(0, 14);
                yield new Quant.ShiftQuant(fi, fw, clampFp(fb), clampFp(fo));
            }
            case "multiplier" -> {
                int[] m = new int[oc];
                int[] s = new int[oc];
                for (int i = 0; i < oc; i++) {
                    m[i] = chance(0.1) ? between(0, Integer.MAX_VALUE - 1) : between(1 << 30, Integer.MAX_VALUE);
                    if (chance(0.05)) m[i] = Integer.MAX_VALUE;
                    s[i] = chance(0.15) ? between(1, 4) : between(-20, 0);
                }
                yield new Quant.MultiplierQuant(zeroPoint(), zeroPoint(), m, s);
            }
            default -> new Quant.NoQuant(zeroPoint(), zeroPoint());
        };
    }

    private int anyFixPoint() {
        return between(LayerChecks.MIN_FIX_POINT, LayerChecks.MAX_FIX_POINT);
    }

    private static int clampFp(int fp) {
        return Math.max(LayerChecks.MIN_FIX_POINT, Math.min(LayerChecks.MAX_FIX_POINT, fp));
    }

    private int zeroPoint() {
        return chance(0.2) ? (chance(0.5) ? -128 : 127) : between(-128, 127);
    }

    private Activation activation(String mode) {
        return switch (mode) {
            case "shift" -> switch (between(0, 4)) {
                case 0 -> Activation.NONE;
                case 1 -> Activation.RELU;
                case 2 -> Activation.RELU6;
                case 3 -> Activation.LEAKY_RELU;
                default -> clamp();
            };
            case "multiplier" -> switch (between(0, 2)) {
                case 0 -> Activation.NONE;
                case 1 -> Activation.RELU;
                default -> clamp();
            };
            default -> Activation.NONE;
        };
    }

    private Activation clamp() {
        int a = between(-128, 127), b = between(-128, 127);
        return new Activation.Clamp(Math.min(a, b), Math.max(a, b));
    }

    Int8Tensor int8(int[] shape) {
        byte[] d = new byte[Shapes.elementCount(shape)];
        boolean extremes = chance(0.2);
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (extremes && chance(0.5) ? (chance(0.5) ? -128 : 127) : between(-128, 127));
        }
        return new Int8Tensor(shape, d);
    }

    Int32Tensor bias(ConvolutionSpec spec) {
        int[] b = new int[spec.outputChannels()];
        long room = Integer.MAX_VALUE - LayerChecks.worstCaseProducts(spec);
        for (int i = 0; i < b.length; i++) {
            long limit = spec.quant() instanceof Quant.ShiftQuant ? Integer.MAX_VALUE
                    : Math.min(room, chance(0.5) ? 1 << 16 : room);
            if (spec.quant() instanceof Quant.MultiplierQuant m && m.shift(i) > 0) {
                limit = Math.min(limit, (Integer.MAX_VALUE >> m.shift(i)) - LayerChecks.worstCaseProducts(spec));
            }
            limit = Math.max(limit, 0);
            b[i] = (int) rnd.nextLong(-limit, limit);
        }
        return new Int32Tensor(spec.biasShape(), b);
    }
}
