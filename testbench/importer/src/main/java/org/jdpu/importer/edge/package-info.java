/**
 * What every importer shares: the model's edge ({@link org.jdpu.importer.edge.ModelEdge}, stored as
 * {@code model-edge.json}), moving tensors across it, the import's options and result, and writing
 * the imported network. The format readers ({@code importer.onnx}, {@code importer.tflite}) use it;
 * the dispatch in {@code org.jdpu.importer} sits above them, so no package cycle arises.
 */
package org.jdpu.importer.edge;
