/**
 * ONNX import: the model file ({@link org.jdpu.importer.onnx.OnnxFile}), its mapping onto a float
 * graph of network layers ({@link org.jdpu.importer.onnx.GraphMapper}, {@link org.jdpu.importer.onnx.FloatGraph}),
 * the float reference evaluator, the power-of-two quantizer and the writer of the quantized network.
 */
package org.jdpu.importer.onnx;
