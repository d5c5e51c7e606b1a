package org.jdpu.importer.tflite;

import org.jdpu.importer.edge.ModelEdge;
import org.jdpu.spec.NetworkWriter;

import java.util.List;

/**
 * A TFLite model mapped onto network-spec entries: the layers with their tensors, the model's edge
 * (input and output tensors as the model declares them), the SOFTMAX the host runs after the
 * network (null when the model does not end with one), and notes on mapping decisions worth
 * reporting.
 */
public record TfliteNetwork(List<NetworkWriter.Entry> entries, ModelEdge edge, HostSoftmax softmax, List<String> notes) {
    public TfliteNetwork {
        entries = List.copyOf(entries);
        notes = List.copyOf(notes);
    }

    /**
     * A SOFTMAX the model ends with, left to the host as the DPU leaves it to the CPU: the int8
     * logits' scale and zero point, TFLite's {@code beta}, and the output's scale and zero point.
     */
    public record HostSoftmax(float inputScale, int inputZeroPoint, float beta, float outputScale, int outputZeroPoint) {}
}
