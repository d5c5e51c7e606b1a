package org.jdpu.golden;

import org.apache.commons.math3.fraction.BigFraction;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A deliberately different, slow reference for the golden model: the input is explicitly padded
 * (with the input zero point, or marked as padding for pools), unrolled into an im2col matrix, and
 * multiplied with BigInteger; requantisation uses exact rationals (BigFraction) and BigDecimal
 * rounding instead of shifts. It shares no code with the model under test.
 */
final class SlowReference {
    private SlowReference() {}

    private static final BigInteger TWO = BigInteger.TWO;

    static Tensor run(ConvolutionSpec spec, Int8Tensor x, Int8Tensor w, Int32Tensor bias) {
        int zpIn = switch (spec.quant()) {
            case Quant.ShiftQuant s -> 0;
            case Quant.MultiplierQuant m -> m.inputZeroPoint();
            case Quant.NoQuant n -> n.inputZeroPoint();
        };
        int zpW = spec.quant() instanceof Quant.NoQuant n ? n.weightZeroPoint() : 0;
        int[][][] padded = pad(spec.input().h(), spec.input().w(), spec.input().c(), spec.window(), x, zpIn);
        Window win = spec.window();
        int oh = spec.outputHeight(), ow = spec.outputWidth(), oc = spec.outputChannels(), c = spec.input().c();
        int depthMultiplier = spec instanceof DepthwiseConv2dSpec d ? d.depthMultiplier() : 0;
        // a dense layer is the convolution whose kernel is the whole input: [OC, H*W*C] read as OHWI
        if (spec instanceof DenseSpec) w = new Int8Tensor(new int[] {oc, win.kh(), win.kw(), c}, w.data());
        BigInteger[] acc = new BigInteger[oh * ow * oc];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                long[] column = im2col(padded, oy, ox, win, c);
                for (int o = 0; o < oc; o++) {
                    BigInteger sum = BigInteger.ZERO;
                    for (int ky = 0; ky < win.kh(); ky++) {
                        for (int kx = 0; kx < win.kw(); kx++) {
                            if (!(spec instanceof DepthwiseConv2dSpec)) {
                                for (int i = 0; i < c; i++) {
                                    long xv = column[(ky * win.kw() + kx) * c + i] - zpIn;
                                    long wv = w.get(o, ky, kx, i) - zpW;
                                    sum = sum.add(BigInteger.valueOf(xv).multiply(BigInteger.valueOf(wv)));
                                }
                            } else {
                                int i = o / depthMultiplier;
                                long xv = column[(ky * win.kw() + kx) * c + i] - zpIn;
                                long wv = w.get(0, ky, kx, o) - zpW;
                                sum = sum.add(BigInteger.valueOf(xv).multiply(BigInteger.valueOf(wv)));
                            }
                        }
                    }
                    acc[(oy * ow + ox) * oc + o] = sum;
                }
            }
        }
        int[] shape = {1, oh, ow, oc};
        if (spec.quant() instanceof Quant.NoQuant) {
            int[] out = new int[acc.length];
            for (int i = 0; i < acc.length; i++) {
                out[i] = acc[i].add(BigInteger.valueOf(biasOf(bias, i % oc))).intValueExact();
            }
            return new Int32Tensor(shape, out);
        }
        byte[] out = new byte[acc.length];
        for (int i = 0; i < acc.length; i++) {
            int o = i % oc;
            out[i] = (byte) switch (spec.quant()) {
                case Quant.ShiftQuant s -> shiftConv(acc[i], biasOf(bias, o), s, spec.activation());
                case Quant.MultiplierQuant m -> tflite(acc[i].add(BigInteger.valueOf(biasOf(bias, o))), m, o, spec.activation());
                case Quant.NoQuant n -> throw new IllegalStateException();
            };
        }
        return new Int8Tensor(shape, out);
    }

    static Int8Tensor pool(PoolSpec spec, Int8Tensor x) {
        Window win = spec.window();
        int c = spec.input().c(), oh = spec.outputHeight(), ow = spec.outputWidth();
        int[][][] padded = pad(spec.input().h(), spec.input().w(), c, win, x, Integer.MIN_VALUE);
        boolean tflite = spec.quant() instanceof PoolQuant.TflitePool;
        byte[] out = new byte[oh * ow * c];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                long[] column = im2col(padded, oy, ox, win, c);
                for (int ch = 0; ch < c; ch++) {
                    long best = Long.MIN_VALUE;
                    long taps = 0;
                    BigFraction sum = BigFraction.ZERO;
                    for (int t = 0; t < win.taps(); t++) {
                        long v = column[t * c + ch];
                        if (v == Integer.MIN_VALUE) continue; // padding: never the maximum, 0 in the sum
                        best = Math.max(best, v);
                        sum = sum.add(v);
                        taps++;
                    }
                    if (tflite) {
                        long y = spec.kind() == PoolSpec.Kind.MAX ? best : roundHalfAway(sum.divide(taps));
                        out[(oy * ow + ox) * c + ch] = (byte) tfliteClamp(y, spec.activation(),
                                ((PoolQuant.TflitePool) spec.quant()).zeroPoint());
                        continue;
                    }
                    long y = spec.kind() == PoolSpec.Kind.MAX ? best
                            : roundHalfUp(sum.divide(win.kh() * win.kw()));
                    out[(oy * ow + ox) * c + ch] = (byte) shiftPoolActivation(y, spec.activation());
                }
            }
        }
        return new Int8Tensor(spec.output().tensorShape(), out);
    }

    /**
     * Global average pooling from the definitions: the DPU's 7/64-style coefficients applied to the
     * exact sum as a rational, TFLite's average pool as an exact quotient rounded half away from zero,
     * and TFLite's MEAN with its folded multiplier derived again in BigInteger.
     */
    static Int8Tensor globalAvgPool(GlobalAvgPoolSpec spec, Int8Tensor x) {
        int c = spec.input().c();
        long n = (long) spec.input().h() * spec.input().w();
        byte[] out = new byte[c];
        for (int ch = 0; ch < c; ch++) {
            long sum = 0;
            for (int y = 0; y < spec.input().h(); y++)
                for (int xx = 0; xx < spec.input().w(); xx++) sum += x.get(0, y, xx, ch);
            out[ch] = (byte) switch (spec.quant()) {
                case PoolQuant.ShiftPool s -> {
                    DpuAverage a = DpuAverage.of(spec.input().h(), spec.input().w());
                    long y = roundHalfUp(new BigFraction(sum).multiply(a.multiplier()).divide(pow2(a.shift())));
                    yield shiftPoolActivation(Math.max(-128, Math.min(127, y)), spec.activation());
                }
                case PoolQuant.TflitePool t -> tfliteClamp(roundHalfAway(new BigFraction(sum, n)), spec.activation(), t.zeroPoint());
                case PoolQuant.TfliteMean m -> {
                    BigInteger count = BigInteger.valueOf(n);
                    int k = Math.min(Math.min(count.bitLength() - 1, 32), 31 + m.shift());
                    int folded = BigInteger.valueOf(m.multiplier()).shiftLeft(k).divide(count).intValueExact();
                    Quant.MultiplierQuant q = new Quant.MultiplierQuant(0, m.outputZeroPoint(), new int[] {folded},
                            new int[] {m.shift() - k});
                    yield tflite(BigInteger.valueOf(sum - (long) m.inputZeroPoint() * n), q, 0, spec.activation());
                }
            };
        }
        return new Int8Tensor(spec.output().tensorShape(), out);
    }

    private static long shiftPoolActivation(long y, Activation act) {
        return switch (act) {
            case Activation.Relu r -> Math.max(y, 0);
            case Activation.Clamp cl -> Math.min(cl.max(), Math.max(cl.min(), y));
            default -> y;
        };
    }

    private static long tfliteClamp(long y, Activation act, int zeroPoint) {
        long lo = -128, hi = 127;
        if (act instanceof Activation.Relu) lo = Math.max(-128, zeroPoint);
        if (act instanceof Activation.Clamp c) {
            lo = c.min();
            hi = c.max();
        }
        return Math.max(lo, Math.min(hi, y));
    }

    static long roundHalfAway(BigFraction v) {
        return new BigDecimal(v.getNumerator()).divide(new BigDecimal(v.getDenominator()), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    static Int8Tensor add(AddSpec spec, Int8Tensor a, Int8Tensor b) {
        if (spec.quant() instanceof AddSpec.TfliteAddQuant t) return tfliteAdd(spec, t, a, b);
        AddSpec.AddQuant q = (AddSpec.AddQuant) spec.quant();
        byte[] out = new byte[a.size()];
        for (int i = 0; i < out.length; i++) {
            BigFraction real = scaled(a.intAt(i), -q.fpInput()).add(scaled(b.intAt(i), -q.fpInputB()));
            out[i] = (byte) activateRoundSaturate(real.multiply(pow2(q.fpOutput())), spec.activation(), q.fpOutput());
        }
        return new Int8Tensor(a.shape(), out);
    }

    /** TFLite's int8 ADD transcribed in BigInteger: offset, shift left by 20, rescale each, sum, rescale, clamp. */
    private static Int8Tensor tfliteAdd(AddSpec spec, AddSpec.TfliteAddQuant q, Int8Tensor a, Int8Tensor b) {
        byte[] out = new byte[a.size()];
        for (int i = 0; i < out.length; i++) {
            BigInteger sa = multiplyByQuantizedMultiplier(BigInteger.valueOf(a.intAt(i) - q.inputZeroPoint()).shiftLeft(20),
                    q.inputMultiplier(), q.inputShift());
            BigInteger sb = multiplyByQuantizedMultiplier(BigInteger.valueOf(b.intAt(i) - q.inputBZeroPoint()).shiftLeft(20),
                    q.inputBMultiplier(), q.inputBShift());
            long y = multiplyByQuantizedMultiplier(sa.add(sb), q.outputMultiplier(), q.outputShift()).longValueExact()
                    + q.outputZeroPoint();
            out[i] = (byte) tfliteClamp(y, spec.activation(), q.outputZeroPoint());
        }
        return new Int8Tensor(a.shape(), out);
    }

    /** DESIGN.md section 5 read literally with exact rationals. */
    static int shiftConv(BigInteger acc, int bias, Quant.ShiftQuant q, Activation act) {
        BigFraction alignedBias = floor(new BigFraction(2L * bias).multiply(pow2(q.shiftBias())));
        BigFraction n = new BigFraction(acc.multiply(TWO)).add(alignedBias);
        BigFraction v = n.divide(pow2(q.shiftCut() + 1));
        return activateRoundSaturate(v, act, q.fpOutput());
    }

    private static int activateRoundSaturate(BigFraction v, Activation act, int fpOutput) {
        BigFraction a = switch (act) {
            case Activation.Relu r -> max(v, BigFraction.ZERO);
            case Activation.Relu6 r -> min(max(v, BigFraction.ZERO), new BigFraction(6).multiply(pow2(fpOutput)));
            case Activation.LeakyRelu l -> v.compareTo(BigFraction.ZERO) < 0 ? v.multiply(new BigFraction(26, 256)) : v;
            default -> v;
        };
        long y = Math.max(-128, Math.min(127, roundHalfUp(a)));
        if (act instanceof Activation.Clamp c) y = Math.max(c.min(), Math.min(c.max(), y));
        return (int) y;
    }

    /** TFLite's arithmetic in BigInteger / BigDecimal, transcribed from its definition. */
    static int tflite(BigInteger accWithBias, Quant.MultiplierQuant q, int channel, Activation act) {
        BigInteger divided = multiplyByQuantizedMultiplier(accWithBias, q.multiplier(channel), q.shift(channel));
        long y = divided.longValueExact() + q.outputZeroPoint();
        return (int) tfliteClamp(y, act, q.outputZeroPoint());
    }

    /** TFLite's MultiplyByQuantizedMultiplier (double rounding) on an int32 value held as a BigInteger. */
    static BigInteger multiplyByQuantizedMultiplier(BigInteger value, int multiplier, int shift) {
        BigInteger a = value.shiftLeft(Math.max(shift, 0));
        if (a.bitLength() > 31) throw new AssertionError("left shift overflows int32: " + a);
        BigInteger m = BigInteger.valueOf(multiplier);
        BigInteger high;
        BigInteger min = BigInteger.valueOf(Integer.MIN_VALUE);
        if (a.equals(min) && m.equals(min)) {
            high = BigInteger.valueOf(Integer.MAX_VALUE);
        } else {
            BigInteger ab = a.multiply(m);
            BigInteger nudge = ab.signum() >= 0 ? TWO.pow(30) : BigInteger.ONE.subtract(TWO.pow(30));
            high = ab.add(nudge).divide(TWO.pow(31)); // BigInteger division truncates toward zero
        }
        return new BigDecimal(high).divide(new BigDecimal(TWO.pow(Math.max(-shift, 0))))
                .setScale(0, RoundingMode.HALF_UP).toBigIntegerExact(); // HALF_UP: ties away from zero
    }

    private static int biasOf(Int32Tensor bias, int o) {
        return bias == null ? 0 : bias.get(o);
    }

    /** The input surrounded by the padding, filled with {@code fill}. */
    private static int[][][] pad(int h, int w, int c, Window win, Int8Tensor x, int fill) {
        int ph = h + win.padding().top() + win.padding().bottom();
        int pw = w + win.padding().left() + win.padding().right();
        int[][][] p = new int[ph][pw][c];
        for (int[][] row : p) for (int[] px : row) java.util.Arrays.fill(px, fill);
        for (int y = 0; y < h; y++)
            for (int xx = 0; xx < w; xx++)
                for (int ch = 0; ch < c; ch++)
                    p[y + win.padding().top()][xx + win.padding().left()][ch] = x.get(0, y, xx, ch);
        return p;
    }

    /** The receptive field of output (oy, ox) as one column: [ky][kx][c]. */
    private static long[] im2col(int[][][] padded, int oy, int ox, Window win, int c) {
        long[] col = new long[win.kh() * win.kw() * c];
        for (int ky = 0; ky < win.kh(); ky++)
            for (int kx = 0; kx < win.kw(); kx++)
                for (int ch = 0; ch < c; ch++)
                    col[(ky * win.kw() + kx) * c + ch] = padded[oy * win.sh() + ky * win.dh()][ox * win.sw() + kx * win.dw()][ch];
        return col;
    }

    static long roundHalfUp(BigFraction v) {
        return floor(v.add(BigFraction.ONE_HALF)).getNumerator().max(BigInteger.valueOf(-1L << 40))
                .min(BigInteger.valueOf(1L << 40)).longValueExact();
    }

    private static BigFraction floor(BigFraction v) {
        BigInteger[] qr = v.getNumerator().divideAndRemainder(v.getDenominator());
        BigInteger q = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        return new BigFraction(q);
    }

    private static BigFraction pow2(int e) {
        return e >= 0 ? new BigFraction(TWO.pow(e)) : new BigFraction(BigInteger.ONE, TWO.pow(-e));
    }

    private static BigFraction scaled(int v, int e) {
        return new BigFraction(v).multiply(pow2(e));
    }

    private static BigFraction max(BigFraction a, BigFraction b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static BigFraction min(BigFraction a, BigFraction b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
