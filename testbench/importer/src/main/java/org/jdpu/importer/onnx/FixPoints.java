package org.jdpu.importer.onnx;

import org.jdpu.spec.LayerChecks;

/**
 * Power-of-two fix point choice, as Vitis AI's quantizer does it: for a tensor with largest
 * magnitude {@code m}, the candidates run from {@code fp0 = floor(log2(127 / m))} (no value
 * saturates) to {@code fp0 + 4} (finer steps, the largest values clipped), and the one with the
 * smallest mean squared error wins; ties go to the smaller fix point. Weights and biases are
 * rounded half away from zero, activations half up as the engine rounds.
 */
final class FixPoints {
    private FixPoints() {}

    static final int EXTRA_CANDIDATES = 4;

    /** The fix point where {@code maxAbs} just fits in 127 (7 for an all-zero tensor), within the spec's range. */
    static int noSaturation(double maxAbs) {
        if (!(maxAbs > 0) || Double.isInfinite(maxAbs)) return 7;
        return clamp((int) Math.floor(Math.log(127.0 / maxAbs) / Math.log(2.0)));
    }

    static int clamp(int fp) {
        return Math.max(LayerChecks.MIN_FIX_POINT, Math.min(LayerChecks.MAX_FIX_POINT, fp));
    }

    /** The min-MSE fix point of activations seen in {@code h}. */
    static int forActivations(ValueHistogram h) {
        int fp0 = noSaturation(h.maxAbs());
        int best = fp0;
        double bestErr = Double.POSITIVE_INFINITY;
        for (int fp = fp0; fp <= clamp(fp0 + EXTRA_CANDIDATES); fp++) {
            double e = h.squaredError(fp);
            if (e < bestErr) {
                bestErr = e;
                best = fp;
            }
        }
        return best;
    }

    /** The min-MSE fix point of {@code values} within {@code [lo, hi]} (the nearest bound if the best is outside). */
    static int forValues(float[] values, int lo, int hi) {
        double max = 0;
        for (float v : values) max = Math.max(max, Math.abs(v));
        int fp0 = noSaturation(max);
        if (max == 0) return Math.max(lo, Math.min(hi, fp0));
        int best = Integer.MIN_VALUE;
        double bestErr = Double.POSITIVE_INFINITY;
        for (int fp = Math.max(lo, fp0); fp <= Math.min(hi, fp0 + EXTRA_CANDIDATES); fp++) {
            double e = squaredError(values, fp);
            if (e < bestErr) {
                bestErr = e;
                best = fp;
            }
        }
        if (best == Integer.MIN_VALUE) return fp0 < lo ? lo : hi;
        return best;
    }

    static double squaredError(float[] values, int fp) {
        double e = 0;
        for (float v : values) {
            double d = v - Math.scalb((double) quantize(v, fp), -fp);
            e += d * d;
        }
        return e;
    }

    /** {@code v * 2^fp} rounded half away from zero, saturated to int8. */
    static int quantize(float v, int fp) {
        double x = Math.scalb((double) v, fp);
        double r = Math.signum(x) * Math.floor(Math.abs(x) + 0.5);
        return (int) Math.max(-128, Math.min(127, r));
    }
}
