package org.jdpu.golden;

import org.jdpu.spec.AddSpec;
import org.jdpu.spec.AddSpec.TfliteAddQuant;
import org.jdpu.tensor.Int8Tensor;

/**
 * Elementwise {@code add}.
 *
 * <p>{@code shift} mode: both inputs are aligned to the finer of their fix points
 * {@code F = max(fp_input, fp_input_b)} (exact left shifts), summed, and the sum
 * {@code v = A / 2^(F - fp_output)} goes through the same activation, round-half-up and saturation
 * as a convolution ({@link ShiftRequant}).
 *
 * <p>{@code multiplier} mode: TFLite's int8 ADD reference. Each input has its zero point removed, is
 * shifted left by 20, and is rescaled by its multiplier; the int32 sum is rescaled by the output
 * multiplier, the output zero point is added, and the result is clamped to the activation range.
 */
final class ElementwiseAdd {
    private ElementwiseAdd() {}

    static Int8Tensor run(AddSpec spec, Int8Tensor a, Int8Tensor b) {
        return switch (spec.quant()) {
            case AddSpec.AddQuant q -> shift(spec, q, a, b);
            case TfliteAddQuant q -> tflite(spec, q, a, b);
        };
    }

    private static Int8Tensor shift(AddSpec spec, AddSpec.AddQuant q, Int8Tensor a, Int8Tensor b) {
        int fine = Math.max(q.fpInput(), q.fpInputB());
        int shiftA = fine - q.fpInput();
        int shiftB = fine - q.fpInputB();
        int exponent = fine - q.fpOutput();
        byte[] x = a.data();
        byte[] z = b.data();
        byte[] y = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            long sum = ((long) x[i] << shiftA) + ((long) z[i] << shiftB);
            y[i] = (byte) ShiftRequant.round(sum, exponent, spec.activation(), q.fpOutput());
        }
        return new Int8Tensor(a.shape(), y);
    }

    private static Int8Tensor tflite(AddSpec spec, TfliteAddQuant q, Int8Tensor a, Int8Tensor b) {
        int[] range = TfliteRequant.activationRange(spec.activation(), q.outputZeroPoint());
        byte[] x = a.data();
        byte[] z = b.data();
        byte[] y = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            int scaledA = TfliteRequant.multiplyByQuantizedMultiplier((x[i] - q.inputZeroPoint()) << TfliteAddQuant.LEFT_SHIFT,
                    q.inputMultiplier(), q.inputShift());
            int scaledB = TfliteRequant.multiplyByQuantizedMultiplier((z[i] - q.inputBZeroPoint()) << TfliteAddQuant.LEFT_SHIFT,
                    q.inputBMultiplier(), q.inputBShift());
            long out = (long) TfliteRequant.multiplyByQuantizedMultiplier(scaledA + scaledB, q.outputMultiplier(),
                    q.outputShift()) + q.outputZeroPoint();
            y[i] = (byte) Math.max(range[0], Math.min(range[1], out));
        }
        return new Int8Tensor(a.shape(), y);
    }
}
