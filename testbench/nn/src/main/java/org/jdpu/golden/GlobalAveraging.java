package org.jdpu.golden;

import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.QuantizedMultiplier;
import org.jdpu.tensor.Int8Tensor;

/**
 * Global average pooling: each channel's sum over the whole feature map, then one of three
 * roundings (testbench/README.md, "Global average pooling").
 *
 * <p>{@code shift}: the DPU's {@code floor(sum * m / 2^s + 1/2)} with {@link DpuAverage}, saturated,
 * then relu or clamp. {@code multiplier}: TFLite's {@code AVERAGE_POOL_2D} over the whole map, the
 * sum divided by {@code H*W} rounding half away from zero, clamped to the activation range at the
 * zero point. {@code mean}: TFLite's int8 {@code MEAN}, {@code MultiplyByQuantizedMultiplier} of the
 * zero-point-corrected sum with the multiplier that folds in {@code 1/(H*W)}, plus the output zero point.
 */
final class GlobalAveraging {
    private GlobalAveraging() {}

    static Int8Tensor run(GlobalAvgPoolSpec spec, Int8Tensor input) {
        int c = spec.input().c();
        long n = spec.count();
        long[] sums = new long[c];
        byte[] x = input.data();
        for (int i = 0; i < x.length; i++) sums[i % c] += x[i];
        byte[] y = new byte[c];
        switch (spec.quant()) {
            case PoolQuant.ShiftPool s -> {
                DpuAverage avg = DpuAverage.of(spec.input().h(), spec.input().w());
                for (int ch = 0; ch < c; ch++) {
                    long v = Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, avg.apply(sums[ch])));
                    y[ch] = (byte) Pooling.activate((int) v, spec.activation());
                }
            }
            case PoolQuant.TflitePool t -> {
                int[] range = TfliteRequant.activationRange(spec.activation(), t.zeroPoint());
                for (int ch = 0; ch < c; ch++) y[ch] = (byte) clamp(Pooling.divideRoundingAway(sums[ch], n), range);
            }
            case PoolQuant.TfliteMean m -> {
                QuantizedMultiplier k = m.scaling(n);
                int[] range = TfliteRequant.activationRange(spec.activation(), m.outputZeroPoint());
                for (int ch = 0; ch < c; ch++) {
                    int shifted = (int) (sums[ch] - m.inputZeroPoint() * n); // int32 by the layer checks
                    long v = (long) TfliteRequant.multiplyByQuantizedMultiplier(shifted, k.multiplier(), k.shift())
                            + m.outputZeroPoint();
                    y[ch] = (byte) clamp(v, range);
                }
            }
        }
        return new Int8Tensor(spec.output().tensorShape(), y);
    }

    private static long clamp(long v, int[] range) {
        return Math.max(range[0], Math.min(range[1], v));
    }
}
