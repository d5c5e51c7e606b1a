package org.jdpu.cases;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

/**
 * A named conv2d layer with its tensors, drawn from a seed: the unit of directed tests,
 * regressions, the demo and the benchmark. The name describes the shape; the seed reproduces
 * the tensors.
 */
public record LayerCase(String name, long seed, Conv2dSpec spec, Operands operands) {

    /** How weights are drawn. */
    public enum Weights {
        /** Roughly normal, scaled so a typical output lands inside int8 without saturating much. */
        REALISTIC,
        /** Uniform over all of int8. */
        UNIFORM,
        /** Mostly +-127: sums far beyond int8, outputs at the rails. */
        SATURATING
    }

    /** A conv2d spec in shift mode. Padding is top, left, bottom, right. */
    public static Conv2dSpec conv(int h, int w, int ic, int oc, int kh, int kw, int sh, int sw, int dh, int dw,
                                  Padding pad, ShiftQuant quant, Activation act) {
        return new Conv2dSpec(new FeatureShape(h, w, ic), oc, new Window(kh, kw, sh, sw, dh, dw, pad), quant, act);
    }

    /** Fix points that put a realistic layer's outputs mostly inside int8: inputs 4, weights 7, bias 6. */
    public static ShiftQuant realisticQuant(int kh, int kw, int ic) {
        // |acc| is about 40 * 40 * sqrt(taps); v = acc / 2^shift_cut should be about 32.
        double accScale = 1600 * Math.sqrt((double) kh * kw * ic);
        int shiftCut = Math.max(0, (int) Math.round(Math.log(accScale / 32) / Math.log(2)));
        return new ShiftQuant(4, 7, 6, 11 - shiftCut);
    }

    /** Draws input, weights and bias for {@code spec} from {@code seed}. */
    public static LayerCase draw(String name, long seed, Conv2dSpec spec, Weights weights) {
        LayerChecks.checkTensorSizes(spec, null);
        RandomGenerator rng = new Well19937c(seed);
        byte[] x = new byte[spec.input().h() * spec.input().w() * spec.input().c()];
        for (int i = 0; i < x.length; i++) x[i] = (byte) clamp8(Math.round(rng.nextGaussian() * 40));
        int[] ws = spec.weightShape();
        byte[] w = new byte[ws[0] * ws[1] * ws[2] * ws[3]];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) switch (weights) {
                case REALISTIC -> clamp8(Math.round(rng.nextGaussian() * 40));
                case UNIFORM -> rng.nextInt(256) - 128;
                case SATURATING -> rng.nextInt(8) == 0 ? rng.nextInt(256) - 128 : (rng.nextBoolean() ? 127 : -128);
            };
        }
        int[] b = new int[spec.outputChannels()];
        for (int i = 0; i < b.length; i++) b[i] = rng.nextInt(4001) - 2000;
        return new LayerCase(name, seed, spec, new Operands(new Int8Tensor(spec.input().tensorShape(), x),
                new Int8Tensor(ws, w), new Int32Tensor(new int[] {b.length}, b)));
    }

    /** "seed N" for messages. */
    public String origin() {
        return "seed " + seed;
    }

    /** A compact description of the shape: HxWxC->OC kKHxKW sSH,SW dDH,DW pT,L,B,R act. */
    public static String describe(Conv2dSpec s) {
        Window w = s.window();
        Padding p = w.padding();
        return s.input() + "->" + s.outputChannels() + " k" + w.kh() + "x" + w.kw() + " s" + w.sh() + "," + w.sw()
                + " d" + w.dh() + "," + w.dw() + " p" + p.top() + "," + p.left() + "," + p.bottom() + "," + p.right()
                + " " + s.activation().type();
    }

    private static int clamp8(long v) {
        return (int) Math.max(-128, Math.min(127, v));
    }
}
