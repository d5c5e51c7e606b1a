/**
 * Top-1 accuracy of an imported classifier on a labelled image set: the float model through ONNX
 * Runtime ({@link org.jdpu.importer.accuracy.OnnxRuntimeClassifier}) and the INT8 network through the
 * golden model ({@link org.jdpu.importer.accuracy.GoldenClassifier}).
 */
package org.jdpu.importer.accuracy;
