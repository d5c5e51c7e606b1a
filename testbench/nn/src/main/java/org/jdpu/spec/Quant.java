package org.jdpu.spec;

import java.util.Arrays;

/** How a convolution's int32 accumulators become its output (DESIGN.md section 5). */
public sealed interface Quant {
    /** The JSON {@code mode} name. */
    String mode();

    /** The zero point subtracted from every input value (0 in {@code shift} mode). */
    int inputZeroPoint();

    /** The zero point subtracted from every weight (0 except in mode {@code none}). */
    int weightZeroPoint();

    /**
     * Vitis AI power-of-two fix points: a tensor value is {@code int * 2^-fp}. Zero points are 0.
     */
    record ShiftQuant(int fpInput, int fpWeights, int fpBias, int fpOutput) implements Quant {
        public String mode() { return "shift"; }

        public int inputZeroPoint() { return 0; }

        public int weightZeroPoint() { return 0; }

        /** {@code fp_input + fp_weights - fp_bias}: how far the bias is shifted left to meet the products. */
        public int shiftBias() {
            return fpInput + fpWeights - fpBias;
        }

        /** {@code fp_input + fp_weights - fp_output}: how far the aligned sum is shifted right. */
        public int shiftCut() {
            return fpInput + fpWeights - fpOutput;
        }
    }

    /**
     * TFLite int8: per-output-channel {@code multiplier} and {@code shift} (positive = left), input
     * and output zero points; weights have zero point 0.
     */
    record MultiplierQuant(int inputZeroPoint, int outputZeroPoint, int[] multiplier, int[] shift) implements Quant {
        public MultiplierQuant {
            multiplier = multiplier.clone();
            shift = shift.clone();
        }

        public String mode() { return "multiplier"; }

        public int weightZeroPoint() { return 0; }

        @Override
        public int[] multiplier() {
            return multiplier.clone();
        }

        @Override
        public int[] shift() {
            return shift.clone();
        }

        public int multiplier(int channel) {
            return multiplier[channel];
        }

        public int shift(int channel) {
            return shift[channel];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MultiplierQuant q && q.inputZeroPoint == inputZeroPoint
                    && q.outputZeroPoint == outputZeroPoint && Arrays.equals(q.multiplier, multiplier)
                    && Arrays.equals(q.shift, shift);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * inputZeroPoint + outputZeroPoint) + Arrays.hashCode(multiplier))
                    + Arrays.hashCode(shift);
        }

        @Override
        public String toString() {
            return "MultiplierQuant[inputZeroPoint=" + inputZeroPoint + ", outputZeroPoint=" + outputZeroPoint
                    + ", multiplier=" + Arrays.toString(multiplier) + ", shift=" + Arrays.toString(shift) + "]";
        }
    }

    /** No requantisation: the output is the exact int32 accumulator {@code sum((x-zp_in)*(w-zp_w)) + bias}. */
    record NoQuant(int inputZeroPoint, int weightZeroPoint) implements Quant {
        public String mode() { return "none"; }
    }
}
