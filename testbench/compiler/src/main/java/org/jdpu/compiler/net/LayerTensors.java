package org.jdpu.compiler.net;

import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

/**
 * The tensors of one network layer as written: OHWI int8 weights and an int32 bias (null for zeros).
 */
public record LayerTensors(Int8Tensor weights, Int32Tensor bias) {}
