package org.jdpu.flow.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdpu.flow.FlowException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Cell counts by type for a whole design, as Yosys {@code stat -json} reports them at one point of
 * the synthesis script. Types are Yosys internal cells ({@code $mul}, {@code $mem_v2}) before
 * technology mapping and Xilinx primitives ({@code LUT6}, {@code RAMB36E2}) after it.
 */
public record CellCounts(Map<String, Long> byType) {

    public CellCounts {
        byType = Collections.unmodifiableMap(new TreeMap<>(byType));
    }

    /** Parses the output of {@code tee -o FILE stat -json}; the totals are under {@code design}. */
    public static CellCounts read(Path statJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(statJson.toFile());
        } catch (IOException e) {
            throw new FlowException("cannot read Yosys statistics " + statJson + ": " + e.getMessage(), e);
        }
        JsonNode design = root.path("design");
        if (design.isMissingNode()) {
            // A design with a single module has only the per-module entry in some Yosys versions.
            var modules = root.path("modules").elements();
            if (!modules.hasNext()) throw new FlowException(statJson + " holds no design statistics");
            design = modules.next();
        }
        Map<String, Long> counts = new TreeMap<>();
        design.path("num_cells_by_type").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return new CellCounts(counts);
    }

    public long get(String type) {
        return byType.getOrDefault(type, 0L);
    }

    /** Sum over the types that match. */
    public long sum(Predicate<String> type) {
        return byType.entrySet().stream().filter(e -> type.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }
}
