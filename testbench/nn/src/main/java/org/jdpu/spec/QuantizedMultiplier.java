package org.jdpu.spec;

/**
 * A real factor as TFLite's int8 kernels apply it: a Q31 {@code multiplier} in {@code [2^30, 2^31)}
 * (or 0) and a power-of-two {@code shift}, positive to the left, so the factor is
 * {@code multiplier * 2^(shift - 31)}.
 */
public record QuantizedMultiplier(int multiplier, int shift) {

    /**
     * TFLite's {@code QuantizeMultiplier} (double-rounding build): {@code real = q * 2^shift} with
     * {@code q} in [0.5, 1), {@code multiplier = round(q * 2^31)} (a {@code q} that rounds up to 1 moves
     * to the next shift), and factors below about {@code 2^-31} flushed to 0.
     */
    public static QuantizedMultiplier of(double real) {
        if (!(real >= 0) || Double.isInfinite(real)) throw new IllegalArgumentException("multiplier " + real);
        if (real == 0) return new QuantizedMultiplier(0, 0);
        int shift = Math.getExponent(real) + 1; // frexp's exponent for a normal double
        long q = Math.round(Math.scalb(real, -shift) * (1L << 31)); // positive: half up = half away from zero
        if (q == 1L << 31) {
            q /= 2;
            shift++;
        }
        if (shift < -31) return new QuantizedMultiplier(0, 0);
        if (shift > 31) throw new IllegalArgumentException("multiplier " + real + " is too large for int32 scaling");
        return new QuantizedMultiplier((int) q, shift);
    }

    /** The real factor it stands for. */
    public double value() {
        return Math.scalb((double) multiplier, shift - 31);
    }
}
