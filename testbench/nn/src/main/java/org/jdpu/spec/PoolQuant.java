package org.jdpu.spec;

/**
 * How a pooling layer's int8 values encode real numbers, which fixes its rounding: Vitis AI fix
 * points ({@code shift}), TFLite int8 pools whose input and output share one scale and zero point
 * ({@code multiplier}), or TFLite's int8 {@code MEAN}, which also rescales ({@code mean}, global
 * average pooling only).
 */
public sealed interface PoolQuant {
    /** The JSON {@code mode} name. */
    String mode();

    /** The pool's default: the output keeps the input's fix point. */
    PoolQuant SHIFT = new ShiftPool();

    /** Vitis AI fix point: the output has the input's fix point; averages round half toward +infinity. */
    record ShiftPool() implements PoolQuant {
        public String mode() { return "shift"; }
    }

    /**
     * TFLite int8 {@code AVERAGE_POOL_2D} / {@code MAX_POOL_2D}: input and output share the zero point
     * {@code zeroPoint} (and the scale); an average divides by the taps inside the image and rounds
     * half away from zero; relu clamps at the zero point.
     */
    record TflitePool(int zeroPoint) implements PoolQuant {
        public String mode() { return "multiplier"; }
    }

    /**
     * TFLite int8 {@code MEAN} over height and width: the sum of {@code x - inputZeroPoint} is scaled by
     * {@code multiplier * 2^shift} (input scale over output scale, as TFLite's QuantizeMultiplier gives
     * it) folded with {@code 1/(H*W)}, then {@code outputZeroPoint} is added.
     */
    record TfliteMean(int inputZeroPoint, int outputZeroPoint, int multiplier, int shift) implements PoolQuant {
        public String mode() { return "mean"; }

        /**
         * The multiplier and shift TFLite applies to the sum of {@code count} values: with
         * {@code k = min(floor(log2 count), 32, 31 + shift)}, {@code floor(multiplier * 2^k / count)}
         * and {@code shift - k} (the {@code 2^k} keeps the division's precision).
         */
        public QuantizedMultiplier scaling(long count) {
            if (count < 1) throw new IllegalArgumentException("count " + count);
            int k = Math.min(Math.min(63 - Long.numberOfLeadingZeros(count), 32), 31 + shift);
            return new QuantizedMultiplier((int) (((long) multiplier << k) / count), shift - k);
        }

        /** The mean for a model's input and output quantisation, as TFLite prepares it: {@code QuantizeMultiplier(in / out)}. */
        public static TfliteMean of(double inputScale, int inputZeroPoint, double outputScale, int outputZeroPoint) {
            QuantizedMultiplier m = QuantizedMultiplier.of(inputScale / outputScale);
            return new TfliteMean(inputZeroPoint, outputZeroPoint, m.multiplier(), m.shift());
        }
    }
}
