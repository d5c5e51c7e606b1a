package org.jdpu.cases;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.spec.SpecException;

/**
 * Layers in TFLite's int8 {@code multiplier} mode made from shift-mode {@link LayerCase}s: the same
 * shape and tensors, with given zero points, Q31 multipliers drawn per channel and a shift chosen
 * so that the outputs spread over the int8 range (a quarter of the channels one step coarser or
 * finer, so that some saturate). Activations TFLite's int8 convolutions lack become relu (relu6)
 * and none (leaky relu).
 */
public final class MultiplierLayers {
    private MultiplierLayers() {}

    /** The zero points that reach the ends of int8, which the tests must cover. */
    public static final int[] EXTREME_ZERO_POINTS = {-128, 127};

    /**
     * {@code base} in multiplier mode with zero points {@code zpIn} (input, padding) and {@code zpOut}.
     *
     * @throws IllegalStateException when no shift gives a layer the checks accept (never for int8 layers)
     */
    public static LayerCase of(LayerCase base, int zpIn, int zpOut) {
        Conv2dSpec s = base.spec();
        RandomGenerator r = new Well19937c(base.seed() * 31 + zpIn * 257L + zpOut);
        int oc = s.outputChannels();
        int centre = shiftFor(base, zpIn);
        Activation act = switch (s.activation()) {
            case Activation.Relu6 x -> Activation.RELU;
            case Activation.LeakyRelu x -> Activation.NONE;
            default -> s.activation();
        };
        for (int lower = 0; lower < 64; lower++) {
            int[] m = new int[oc], sh = new int[oc];
            for (int k = 0; k < oc; k++) {
                m[k] = (1 << 30) + r.nextInt(1 << 30);
                int jitter = r.nextInt(8) == 0 ? (r.nextBoolean() ? 1 : -1) : 0;
                sh[k] = Math.max(LayerChecks.MIN_TFLITE_SHIFT, Math.min(LayerChecks.MAX_TFLITE_SHIFT, centre + jitter - lower));
            }
            Conv2dSpec spec = new Conv2dSpec(s.input(), oc, s.window(), new MultiplierQuant(zpIn, zpOut, m, sh), act);
            try {
                LayerChecks.validate(spec);
                LayerChecks.checkOperands(spec, base.operands().input(), base.operands().weights(), base.operands().bias());
            } catch (SpecException e) {
                continue; // a left shift that could overflow int32: one step finer
            }
            String name = base.name().equals(LayerCase.describe(s)) ? LayerCase.describe(spec) : base.name();
            return new LayerCase(name + " zp " + zpIn + "/" + zpOut, base.seed(), spec, base.operands());
        }
        throw new IllegalStateException("no shift makes a valid multiplier-mode layer of " + base.name());
    }

    /** A random shift-mode layer of {@link RandomConvLayers} in multiplier mode, zero points drawn (a third of them extreme). */
    public static LayerCase random(long seed) {
        LayerCase base = RandomConvLayers.draw(seed);
        RandomGenerator r = new Well19937c(~seed);
        return of(base, zeroPoint(r), zeroPoint(r));
    }

    private static int zeroPoint(RandomGenerator r) {
        return r.nextInt(3) == 0 ? EXTREME_ZERO_POINTS[r.nextInt(2)] : r.nextInt(256) - 128;
    }

    /**
     * The shift that maps the accumulators' expected spread (RMS of {@code x - zpIn} times RMS of the
     * weights times the square root of the taps) to about +-48, the multiplier being in [0.5, 1).
     */
    private static int shiftFor(LayerCase base, int zpIn) {
        Conv2dSpec s = base.spec();
        double x = rms(base.operands().input().data(), zpIn), w = rms(base.operands().weights().data(), 0);
        double taps = (double) s.window().kh() * s.window().kw() * s.input().c();
        double spread = Math.max(1, x * Math.max(w, 1) * Math.sqrt(taps));
        return (int) Math.ceil(Math.log(48 / spread) / Math.log(2));
    }

    private static double rms(byte[] v, int offset) {
        double sum = 0;
        for (byte b : v) sum += (double) (b - offset) * (b - offset);
        return v.length == 0 ? 0 : Math.sqrt(sum / v.length);
    }
}
