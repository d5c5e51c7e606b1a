/**
 * Model import: reads a trained model file, maps its graph onto the layers of a network spec, and
 * (for a float model) chooses power-of-two fix points on calibration data. The result is an ordinary
 * network spec with its tensors, which the golden model, the compiler and the cosim take as they are.
 */
package org.jdpu.importer;
