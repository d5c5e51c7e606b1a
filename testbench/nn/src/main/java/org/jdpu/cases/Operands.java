package org.jdpu.cases;

import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

/** The tensors a convolution layer runs on: input activations, weights, and the bias (null for zeros). */
public record Operands(Int8Tensor input, Int8Tensor weights, Int32Tensor bias) {}
