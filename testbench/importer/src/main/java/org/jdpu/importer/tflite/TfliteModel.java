package org.jdpu.importer.tflite;

import java.nio.file.Path;
import java.util.List;

/**
 * The parts of a TFLite model the importer maps, read eagerly from the flatbuffer: schema version,
 * operator codes, the first subgraph and the constant buffers.
 */
public record TfliteModel(Path file, int version, List<OperatorCode> operatorCodes, Subgraph subgraph,
                          List<byte[]> buffers, int subgraphCount) {

    /** An entry of {@code operator_codes}: the builtin code (the larger of the two code fields, as TFLite reads it). */
    public record OperatorCode(int builtinCode, String customCode, int version) {
        public String name() {
            return builtinCode == BuiltinOperator.CUSTOM ? "CUSTOM(" + customCode + ")" : BuiltinOperator.name(builtinCode);
        }
    }

    /** A subgraph: its tensors, the indices of its input and output tensors, its operators in execution order. */
    public record Subgraph(String name, List<Tensor> tensors, int[] inputs, int[] outputs, List<Operator> operators) {}

    /** A tensor: shape, element type, buffer index (0: none), name and quantization (null: none). */
    public record Tensor(int index, String name, int[] shape, TensorType type, int typeCode, int buffer,
                         Quantization quantization) {
        /** Number of elements (1 for a scalar); {@code Long.MAX_VALUE} for a shape whose product overflows. */
        public long elements() {
            long n = 1;
            for (int d : shape) {
                try {
                    n = Math.multiplyExact(n, d);
                } catch (ArithmeticException e) {
                    return Long.MAX_VALUE;
                }
            }
            return n;
        }
    }

    /**
     * Affine quantization {@code real = scale * (q - zero_point)}: one scale and zero point, or one
     * per entry of dimension {@code quantizedDimension} (as written in the file; see the mapping's
     * note on how TFLite Micro reads it).
     */
    public record Quantization(float[] scale, long[] zeroPoint, int quantizedDimension) {
        public boolean perChannel() {
            return scale.length > 1;
        }
    }

    /**
     * An operator: its index in the subgraph, its operator code, the tensor indices it reads (-1: an
     * omitted optional input) and writes, and its builtin options.
     */
    public record Operator(int index, OperatorCode code, int[] inputs, int[] outputs, BuiltinOptions options) {
        /** {@code #<index> <OP>} as messages name an operator. */
        public String label() {
            return "operator #" + index + " " + code.name();
        }
    }

    /** The constant data of buffer {@code index} (empty for none). */
    public byte[] buffer(int index) {
        return buffers.get(index);
    }

    public Tensor tensor(int index) {
        return subgraph.tensors().get(index);
    }
}
