package org.jdpu.importer.tflite;

/**
 * The builtin options of the operators the importer maps (members of the schema's
 * {@code BuiltinOptions} union), with the schema's defaults for absent fields. Any other member is
 * {@link Other}, absent options are {@link Absent}.
 */
public sealed interface BuiltinOptions {
    /** The schema's {@code Padding} enum. */
    enum Padding { SAME, VALID, UNKNOWN }

    /** The schema's {@code ActivationFunctionType}: NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT. */
    enum FusedActivation { NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT, UNKNOWN }

    record Conv2D(Padding padding, int strideW, int strideH, FusedActivation activation, int dilationW,
                  int dilationH) implements BuiltinOptions {}

    record DepthwiseConv2D(Padding padding, int strideW, int strideH, int depthMultiplier,
                           FusedActivation activation, int dilationW, int dilationH) implements BuiltinOptions {}

    record Pool2D(Padding padding, int strideW, int strideH, int filterW, int filterH,
                  FusedActivation activation) implements BuiltinOptions {}

    /** {@code weightsFormat} 0 is DEFAULT (row-major {@code [out, in]}); 1 is a shuffled layout. */
    record FullyConnected(FusedActivation activation, int weightsFormat, boolean keepNumDims) implements BuiltinOptions {}

    record Softmax(float beta) implements BuiltinOptions {}

    record Concatenation(int axis, FusedActivation activation) implements BuiltinOptions {}

    record Add(FusedActivation activation) implements BuiltinOptions {}

    record Reshape(int[] newShape) implements BuiltinOptions {}

    /** Options of MEAN and the other reductions. */
    record Reducer(boolean keepDims) implements BuiltinOptions {}

    /** A union member the importer does not read; {@code type} is its union index. */
    record Other(int type) implements BuiltinOptions {}

    /** No builtin options in the file. */
    record Absent() implements BuiltinOptions {}

    /** Reads union member {@code type} from {@code table} (null when the operator has none). */
    static BuiltinOptions read(int type, FlatTable t) {
        if (t == null || type == 0) return new Absent();
        return switch (type) {
            case 1 -> new Conv2D(padding(t.int8(0, (byte) 0)), t.int32(1, 0), t.int32(2, 0), activation(t.int8(3, (byte) 0)),
                    t.int32(4, 1), t.int32(5, 1));
            case 2 -> new DepthwiseConv2D(padding(t.int8(0, (byte) 0)), t.int32(1, 0), t.int32(2, 0), t.int32(3, 0),
                    activation(t.int8(4, (byte) 0)), t.int32(5, 1), t.int32(6, 1));
            case 5 -> new Pool2D(padding(t.int8(0, (byte) 0)), t.int32(1, 0), t.int32(2, 0), t.int32(3, 0), t.int32(4, 0),
                    activation(t.int8(5, (byte) 0)));
            case 8 -> new FullyConnected(activation(t.int8(0, (byte) 0)), t.int8(1, (byte) 0), t.bool(2));
            case 9 -> new Softmax(t.float32(0, 0f));
            case 10 -> new Concatenation(t.int32(0, 0), activation(t.int8(1, (byte) 0)));
            case 11 -> new Add(activation(t.int8(0, (byte) 0)));
            case 17 -> new Reshape(t.int32s(0));
            case 27 -> new Reducer(t.bool(0));
            default -> new Other(type);
        };
    }

    private static Padding padding(byte code) {
        return code == 0 ? Padding.SAME : code == 1 ? Padding.VALID : Padding.UNKNOWN;
    }

    private static FusedActivation activation(byte code) {
        FusedActivation[] all = FusedActivation.values();
        return code >= 0 && code < all.length - 1 ? all[code] : FusedActivation.UNKNOWN;
    }
}
