package org.jdpu.importer.edge;

/**
 * How the int8 values of the network at an edge relate to the model's real values. A float edge
 * must have one; an integer edge may record the model's own parameters for reference.
 */
public sealed interface EdgeQuant {

    /** Real value of int8 {@code q}. */
    double toReal(int q);

    /** The int8 value nearest to {@code real} (ties toward +infinity, as the engine rounds), saturated. */
    int toInt8(double real);

    /** Vitis AI power-of-two fix point: real = {@code q * 2^-fixPoint}. */
    record FixPoint(int fixPoint) implements EdgeQuant {
        public double toReal(int q) {
            return Math.scalb((double) q, -fixPoint);
        }

        public int toInt8(double real) {
            return saturate(Math.floor(Math.scalb(real, fixPoint) + 0.5));
        }

        @Override
        public String toString() {
            return "fix point " + fixPoint;
        }
    }

    /** TFLite-style affine: real = {@code (q - zeroPoint) * scale} (q and zeroPoint as the network holds them). */
    record Affine(double scale, int zeroPoint) implements EdgeQuant {
        public Affine {
            if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("scale must be positive, got " + scale);
        }

        public double toReal(int q) {
            return (q - zeroPoint) * scale;
        }

        public int toInt8(double real) {
            return saturate(Math.floor(real / scale + 0.5) + zeroPoint);
        }

        @Override
        public String toString() {
            return "scale " + scale + ", zero point " + zeroPoint;
        }
    }

    /**
     * TFLite's own QUANTIZE and DEQUANTIZE at a float edge: real = {@code (q - zeroPoint) * scale} as
     * {@link Affine}, but a float is quantized as TFLite does it, {@code zeroPoint + round(x / scale)}
     * with the division in float32 and ties away from zero, so the network sees the model's own int8
     * input.
     */
    record TfliteAffine(double scale, int zeroPoint) implements EdgeQuant {
        public TfliteAffine {
            if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("scale must be positive, got " + scale);
        }

        public double toReal(int q) {
            return (q - zeroPoint) * scale;
        }

        public int toInt8(double real) {
            float v = (float) real / (float) scale;
            float r = v < 0 ? -Math.round(-v) : Math.round(v); // Math.round is half up; mirrored, half away from zero
            return saturate((double) r + zeroPoint);
        }

        @Override
        public String toString() {
            return "scale " + scale + ", zero point " + zeroPoint + " (TFLite rounding)";
        }
    }

    private static int saturate(double v) {
        if (Double.isNaN(v)) return 0;
        return (int) Math.max(-128, Math.min(127, v));
    }
}
