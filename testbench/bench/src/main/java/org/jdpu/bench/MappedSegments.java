package org.jdpu.bench;

import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a network the compiler does not map whole into the runs of layers it does map: a mapped
 * layer joins the segment of the mapped layer it reads, or, when it reads a refused layer or the
 * network input, the segment that already reads that same source (a ResNet block's shortcut joins
 * the block's convolutions), else starts one. Each segment is a network of its own whose input is
 * that one outside source, and whose outputs are the layers read outside it (or read by nobody).
 */
final class MappedSegments {
    private MappedSegments() {}

    /** A segment: its own network (layers reading {@code input} read the outside source) and its entries' indices. */
    record Segment(NetworkSpec spec, List<Integer> indices) {}

    /**
     * The segments of {@code entries}, whose layers named in {@code mapped} the compiler maps, in
     * program order. Only single-operand layers are mapped this way.
     */
    static List<Segment> of(List<NetworkWriter.Entry> entries, Set<String> mapped) {
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        Map<String, String> segmentOf = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            NetworkWriter.Entry e = entries.get(i);
            if (!mapped.contains(e.name()) || e.inputs().size() != 1) continue;
            String from = e.inputs().getFirst();
            String source = segmentOf.getOrDefault(from, from);
            bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(i);
            segmentOf.put(e.name(), source);
        }
        List<Segment> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> s : bySource.entrySet()) out.add(segment(entries, s.getKey(), s.getValue()));
        return out;
    }

    private static Segment segment(List<NetworkWriter.Entry> entries, String source, List<Integer> indices) {
        Set<String> inside = new HashSet<>();
        for (int i : indices) inside.add(entries.get(i).name());
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        for (int k = 0; k < indices.size(); k++) {
            NetworkWriter.Entry e = entries.get(indices.get(k));
            String from = e.inputs().getFirst();
            boolean readOutside = entries.stream().anyMatch(o -> o.inputs().contains(e.name()) && !inside.contains(o.name()));
            boolean readInside = entries.stream().anyMatch(o -> o.inputs().contains(e.name()) && inside.contains(o.name()));
            boolean output = k < indices.size() - 1 && (readOutside || !readInside);
            layers.add(new NetworkSpec.Layer(e.name(), e.spec(), null, null,
                    List.of(from.equals(source) ? NetworkSpec.INPUT : from), output));
        }
        return new Segment(new NetworkSpec(null, layers), List.copyOf(indices));
    }
}
