package org.jdpu.importer.edge;

import org.jdpu.spec.NetworkSpec;

import java.util.List;

/** What an import wrote: the network as parsed back, its model edge, and one line per decision worth reporting. */
public record ImportResult(NetworkSpec network, ModelEdge edge, List<String> notes) {
    public ImportResult {
        notes = List.copyOf(notes);
    }
}
