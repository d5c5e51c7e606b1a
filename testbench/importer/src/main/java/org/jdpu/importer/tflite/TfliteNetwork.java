package org.jdpu.importer.tflite;

import org.jdpu.importer.edge.ModelEdge;
import org.jdpu.spec.NetworkWriter;

import java.util.List;

/**
 * A TFLite model mapped onto network-spec entries: the layers with their tensors, the model's edge
 * (input and output tensors as the model declares them) and notes on mapping decisions worth
 * reporting (e.g. a SOFTMAX left to the host).
 */
public record TfliteNetwork(List<NetworkWriter.Entry> entries, ModelEdge edge, List<String> notes) {
    public TfliteNetwork {
        entries = List.copyOf(entries);
        notes = List.copyOf(notes);
    }

}
