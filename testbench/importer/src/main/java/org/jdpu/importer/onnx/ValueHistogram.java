package org.jdpu.importer.onnx;

/**
 * The values a tensor took on the calibration images, kept as a histogram fine enough to rank
 * candidate fix points by their mean squared error without storing the values: one bucket per
 * sign, exponent and top 7 mantissa bits of the float (relative width 2^-7), holding the count,
 * sum and sum of squares of its values.
 */
final class ValueHistogram {
    private static final int BUCKETS = 1 << 16;

    private final long[] count = new long[BUCKETS];
    private final double[] sum = new double[BUCKETS];
    private final double[] sumSq = new double[BUCKETS];
    private double maxAbs;
    private long total;

    void add(float[] values) {
        for (float v : values) {
            if (Float.isNaN(v)) continue;
            int b = Float.floatToRawIntBits(v) >>> 16;
            count[b]++;
            sum[b] += v;
            sumSq[b] += (double) v * v;
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        total += values.length;
    }

    void addAll(ValueHistogram other) {
        for (int b = 0; b < BUCKETS; b++) {
            count[b] += other.count[b];
            sum[b] += other.sum[b];
            sumSq[b] += other.sumSq[b];
        }
        maxAbs = Math.max(maxAbs, other.maxAbs);
        total += other.total;
    }

    double maxAbs() {
        return maxAbs;
    }

    long total() {
        return total;
    }

    /**
     * The summed squared error of quantizing every value to int8 with fix point {@code fp} (round
     * half up, saturate). Each bucket's values are taken to round to the level nearest their mean,
     * which is exact for buckets narrower than a level and off by at most the bucket's own spread otherwise.
     */
    double squaredError(int fp) {
        double s = Math.scalb(1.0, -fp);
        double err = 0;
        for (int b = 0; b < BUCKETS; b++) {
            long n = count[b];
            if (n == 0) continue;
            double mean = sum[b] / n;
            double q = Math.max(-128, Math.min(127, Math.floor(mean / s + 0.5))) * s;
            err += Math.max(0, sumSq[b] - 2 * q * sum[b] + n * q * q);
        }
        return err;
    }
}
