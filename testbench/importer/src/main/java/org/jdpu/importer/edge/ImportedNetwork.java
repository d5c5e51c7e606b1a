package org.jdpu.importer.edge;

import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes an imported network: {@code network.json} and its tensors through {@link NetworkWriter}
 * (atomic, parsed back) with {@value ModelEdgeJson#FILE} in the same directory, after checking that
 * the edge names entries the network has.
 */
public final class ImportedNetwork {
    private ImportedNetwork() {}

    public static NetworkSpec write(Path dir, List<NetworkWriter.Entry> entries, ModelEdge edge) {
        for (EdgeTensor out : edge.outputs()) {
            if (entries.stream().noneMatch(e -> e.name().equals(out.layer()))) {
                throw new IllegalArgumentException("model output " + out.name() + " names entry " + out.layer()
                        + ", which the network does not have");
            }
        }
        return NetworkWriter.write(dir, entries, Map.of(ModelEdgeJson.FILE, ModelEdgeJson.format(edge)));
    }
}
