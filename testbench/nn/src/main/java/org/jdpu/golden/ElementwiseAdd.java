package org.jdpu.golden;

import org.jdpu.spec.AddSpec;
import org.jdpu.tensor.Int8Tensor;

/**
 * Elementwise {@code add} in {@code shift} mode: both inputs are aligned to the finer of their fix
 * points {@code F = max(fp_input, fp_input_b)} (exact left shifts), summed, and the sum
 * {@code v = A / 2^(F - fp_output)} goes through the same activation, round-half-up and saturation
 * as a convolution ({@link ShiftRequant}).
 */
final class ElementwiseAdd {
    private ElementwiseAdd() {}

    static Int8Tensor run(AddSpec spec, Int8Tensor a, Int8Tensor b) {
        AddSpec.AddQuant q = spec.quant();
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
}
