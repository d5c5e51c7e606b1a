package org.jdpu.importer.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import org.jdpu.importer.onnx.Constants.Constant;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.Padding;

/** What an ONNX tensor name stands for while a graph is mapped. */
sealed interface TensorValue {
    /** A constant: an initializer, a {@code Constant} node or a value computed from them. */
    record ConstValue(Constant c) implements TensorValue {}

    /**
     * A map of {@code shape} computed by {@code node} (or the input); {@code rank} 2 is its NCHW
     * flattening {@code [1, C*H*W]}.
     */
    record MapValue(String node, FeatureShape shape, int rank) implements TensorValue {}

    /** {@code node}'s map with a zero pad of {@code pad} still to be merged into its reader. */
    record PaddedValue(String node, FeatureShape shape, Padding pad, NodeProto padNode) implements TensorValue {}

    /** The integers of a map after {@code QuantizeLinear}, before the {@code DequantizeLinear} that gives it back to layers. */
    record QuantizedValue(MapValue map, QdqParams q, NodeProto quantizeNode) implements TensorValue {}

    /** A window layer's input and the pad merged into it, from a map or a pending pad. */
    record Source(String node, FeatureShape shape, Padding pad) {}
}
