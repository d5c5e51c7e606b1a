package org.jdpu.importer.tflite;

import org.jdpu.spec.NetworkWriter;

import java.util.List;

/**
 * A TFLite model mapped onto network-spec entries: the layers with their tensors, the model's input
 * and output edges, and the operator the host runs after the network, if any (e.g. SOFTMAX).
 */
public record TfliteNetwork(List<NetworkWriter.Entry> entries, EdgeTensor input, EdgeTensor output,
                            HostSoftmax softmax) {
    public TfliteNetwork {
        entries = List.copyOf(entries);
    }

    /**
     * A SOFTMAX the model ends with, left to the host as the DPU leaves it to the CPU: the int8
     * logits' scale and zero point, TFLite's {@code beta}, and the output's scale and zero point.
     */
    public record HostSoftmax(float inputScale, int inputZeroPoint, float beta, float outputScale, int outputZeroPoint) {}
}
