package org.jdpu.importer.edge;

/**
 * How a model orders the axes of an edge tensor. The network itself is always NHWC with batch 1;
 * the edge conversion permutes between the two.
 */
public enum EdgeLayout {
    /** {@code [N, C, H, W]}, as ONNX models from PyTorch have. */
    NCHW,
    /** {@code [N, H, W, C]}, as TFLite models have (and the network itself). */
    NHWC,
    /** {@code [N, C]}: a vector per image, the network's {@code [1, 1, 1, C]}. */
    NC;

    /** The spelling in {@code model-edge.json}. */
    public String json() {
        return name();
    }
}
