package org.jdpu.golden;

/**
 * The multiply-and-shift a DPU uses in place of {@code 1/n} when it averages {@code n = kh*kw}
 * values: {@code avg ~ sum * multiplier / 2^shift}. The values are the ones Vitis AI's quantizer
 * assumes for the DPU (so that its simulated accuracy is the board's): a fixed table for the common
 * kernels (3x3: 7/64, 5x5: 10/256, 6x6: 7/256, 3x6 and 6x3: 7/128, 7x7: 21/1024, 14x14: 21/4096), and
 * otherwise the closest {@code round(2^s / n) / 2^s} over {@code s < ceil(log2(128 n))}, the first
 * one on a tie, with Python's round-half-to-even.
 */
public record DpuAverage(long multiplier, int shift) {

    /** The approximation for a window (or whole feature map) of {@code kh x kw} values. */
    public static DpuAverage of(int kh, int kw) {
        if (kh < 1 || kw < 1) throw new IllegalArgumentException(kh + "x" + kw);
        if (kh == 3 && kw == 3) return new DpuAverage(7, 6);
        if (kh == 5 && kw == 5) return new DpuAverage(10, 8);
        if (kh == 6 && kw == 6) return new DpuAverage(7, 8);
        if (kh == 3 && kw == 6 || kh == 6 && kw == 3) return new DpuAverage(7, 7);
        if (kh == 7 && kw == 7) return new DpuAverage(21, 10);
        if (kh == 14 && kw == 14) return new DpuAverage(21, 12);
        return search((long) kh * kw);
    }

    private static DpuAverage search(long n) {
        int shifts = 64 - Long.numberOfLeadingZeros(128 * n - 1); // ceil(log2(128 n))
        double target = 1.0 / n;
        double bestDiff = 1.0;
        DpuAverage best = new DpuAverage(0, 0);
        for (int s = 0; s < shifts; s++) {
            double scale = Math.pow(2, s);
            double factor = Math.rint(scale / n); // half to even, as Python's round
            double diff = Math.abs(factor / scale - target);
            if (diff < bestDiff) {
                bestDiff = diff;
                best = new DpuAverage((long) factor, s);
            }
        }
        return best;
    }

    /** {@code floor(sum * multiplier / 2^shift + 1/2)}: the DPU's round half toward +infinity. */
    public long apply(long sum) {
        long scaled = sum * multiplier;
        return shift == 0 ? scaled : (scaled + (1L << (shift - 1))) >> shift;
    }
}
