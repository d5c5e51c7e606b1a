package org.jdpu.importer.tflite;

/**
 * The model's input or output tensor as the model file declares it: name, shape, element type and
 * the int8 quantization at the network's edge ({@code real = scale * (q - zeroPoint)}). For a float
 * edge the model itself quantizes (QUANTIZE) or dequantizes (DEQUANTIZE) there.
 */
public record EdgeTensor(String name, int[] shape, TensorType type, float scale, int zeroPoint) {}
