package org.jdpu.compiler.net;

import org.jdpu.cases.Operands;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.List;

/**
 * The tensors of one network layer as written: OHWI int8 weights and an int32 bias (null for zeros).
 */
public record LayerTensors(Int8Tensor weights, Int32Tensor bias) {

    /** The weights and bias of a layer's operands (its input is the network's business). */
    public static LayerTensors of(Operands o) {
        return new LayerTensors(o.weights(), o.bias());
    }

    /** {@link #of(Operands)} for every layer. */
    public static List<LayerTensors> of(List<Operands> layers) {
        return layers.stream().map(LayerTensors::of).toList();
    }
}
