package org.jdpu.importer.edge;

/**
 * What an import needs besides the model: the calibration data of a float model (a {@code .npy}
 * file of inputs stacked on the first axis, or {@link #FASHION_MNIST}; null for a model that is
 * already quantized).
 */
public record ImportOptions(String calibration) {
    /** The calibration keyword for the first 1,000 Fashion-MNIST training images scaled to [0, 1]. */
    public static final String FASHION_MNIST = "fashion-mnist";

    /** No calibration (an already-quantized model). */
    public static ImportOptions none() {
        return new ImportOptions(null);
    }
}
