package org.jdpu.importer.edge;

import java.util.List;

/**
 * The boundary between an imported model and its network: the model file it came from, the model's
 * input tensor and its output tensors (in the network's output order), so that a caller can hand
 * the network the model's own input and get the model's own outputs back. Stored as
 * {@value ModelEdgeJson#FILE} beside {@code network.json}.
 */
public record ModelEdge(String model, EdgeTensor input, List<EdgeTensor> outputs) {
    public ModelEdge {
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) throw new IllegalArgumentException("a model edge needs at least one output");
    }

    /** The output produced by network entry {@code layer}, or null. */
    public EdgeTensor output(String layer) {
        return outputs.stream().filter(o -> o.layer().equals(layer)).findFirst().orElse(null);
    }
}
