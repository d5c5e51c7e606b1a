package org.jdpu.spec;

/**
 * Elementwise addition of two int8 tensors of the same shape. In {@code shift} mode ({@link AddQuant})
 * input A has fix point {@code fpInput}, input B {@code fpInputB}, and the sum is rounded to
 * {@code fpOutput}; in {@code multiplier} mode ({@link TfliteAddQuant}) both inputs are rescaled to a
 * common scale as TFLite's int8 ADD does.
 */
public record AddSpec(FeatureShape input, Rescaling quant, Activation activation) implements LayerSpec {

    /** How the two inputs are brought to one scale and the sum to the output's. */
    public sealed interface Rescaling permits AddQuant, TfliteAddQuant {
        /** The JSON {@code mode} name. */
        String mode();
    }

    /** Fix points of the two inputs and of the output ({@code shift} mode). */
    public record AddQuant(int fpInput, int fpInputB, int fpOutput) implements Rescaling {
        public String mode() {
            return "shift";
        }
    }

    /**
     * TFLite int8 ADD: zero points of A, B and the output, and the three Q31 multipliers with
     * their shifts (all at most 0, as TFLite's {@code QuantizeMultiplierSmallerThanOneExp} gives
     * them for {@code scale / (2 * max(scale_a, scale_b))} and {@code 2 * max(scale_a, scale_b) /
     * (2^20 * scale_out)}). The inputs are shifted left by {@link #LEFT_SHIFT} before rescaling.
     */
    public record TfliteAddQuant(int inputZeroPoint, int inputBZeroPoint, int outputZeroPoint,
                                 int inputMultiplier, int inputShift, int inputBMultiplier, int inputBShift,
                                 int outputMultiplier, int outputShift) implements Rescaling {
        /** TFLite's fixed headroom shift for int8 inputs. */
        public static final int LEFT_SHIFT = 20;

        public String mode() {
            return "multiplier";
        }

        /**
         * The add for a model's scales and zero points, prepared as TFLite does: with
         * {@code t = 2 * max(scale_a, scale_b)}, the inputs scale by {@code scale / t} and the sum by
         * {@code t / (2^20 * scale_out)}, each through {@code QuantizeMultiplierSmallerThanOneExp}.
         */
        public static TfliteAddQuant of(double scaleA, int zeroPointA, double scaleB, int zeroPointB, double scaleOut,
                                        int zeroPointOut) {
            double twiceMax = 2 * Math.max(scaleA, scaleB);
            QuantizedMultiplier a = smallerThanOne(scaleA / twiceMax);
            QuantizedMultiplier b = smallerThanOne(scaleB / twiceMax);
            QuantizedMultiplier out = smallerThanOne(twiceMax / ((1 << LEFT_SHIFT) * scaleOut));
            return new TfliteAddQuant(zeroPointA, zeroPointB, zeroPointOut, a.multiplier(), a.shift(), b.multiplier(),
                    b.shift(), out.multiplier(), out.shift());
        }

        private static QuantizedMultiplier smallerThanOne(double real) {
            if (!(real > 0 && real < 1)) {
                throw new IllegalArgumentException("TFLite's add needs a factor in (0, 1), got " + real);
            }
            return QuantizedMultiplier.of(real);
        }
    }

    public String op() {
        return "add";
    }

    public int outputChannels() {
        return input.c();
    }

    public int outputHeight() {
        return input.h();
    }

    public int outputWidth() {
        return input.w();
    }
}
