package org.jdpu.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

/**
 * The package dependency graph of compiled jdpu classes, read with the JDK's {@code jdeps}, and the
 * cycles in it. Architecture tests use it to hold the one-way dependency rule at package level,
 * which Maven's module graph alone cannot see.
 */
final class PackageGraph {
    private final Map<String, Set<String>> edges;

    private PackageGraph(Map<String, Set<String>> edges) {
        this.edges = edges;
    }

    /** The {@code org.jdpu} package dependencies among the classes in {@code roots} (directories or jars). */
    static PackageGraph of(List<Path> roots) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("this JDK has no jdeps"));
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:none", "-include", "org\\.jdpu\\..*",
                "--multi-release", "base"));
        for (Path r : roots) args.add(r.toString());
        StringWriter out = new StringWriter(), err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (rc != 0) throw new IllegalStateException("jdeps failed (" + rc + "): " + err + out);
        Map<String, Set<String>> edges = new TreeMap<>();
        String from = null;
        for (String line : out.toString().split("\n")) {
            // "   org.jdpu.cli     -> org.jdpu.spec      nn.jar" lists one edge; a line without
            // "->" that starts in column 1 names the archive, and the source repeats on every edge.
            String t = line.trim();
            int arrow = t.indexOf("->");
            if (arrow < 0) continue;
            from = t.substring(0, arrow).trim();
            String to = t.substring(arrow + 2).trim().split("\\s+")[0];
            if (from.isEmpty() || !from.startsWith("org.jdpu") || !to.startsWith("org.jdpu")) continue;
            edges.computeIfAbsent(from, k -> new TreeSet<>());
            if (!to.equals(from)) edges.get(from).add(to);
        }
        return new PackageGraph(edges);
    }

    /** Every package seen, with the packages it uses. */
    Map<String, Set<String>> edges() {
        return edges;
    }

    /** The strongly connected components with more than one package, each sorted; empty when acyclic. */
    List<List<String>> cycles() {
        // Tarjan's algorithm, iterative so that a deep graph cannot overflow the stack.
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> result = new ArrayList<>();
        int[] counter = {0};
        for (String start : edges.keySet()) {
            if (index.containsKey(start)) continue;
            Deque<Map.Entry<String, List<String>>> work = new ArrayDeque<>();
            visit(start, index, low, stack, onStack, counter, work);
            while (!work.isEmpty()) {
                var top = work.peek();
                String v = top.getKey();
                List<String> rest = top.getValue();
                if (!rest.isEmpty()) {
                    String w = rest.removeFirst();
                    if (!index.containsKey(w)) visit(w, index, low, stack, onStack, counter, work);
                    else if (onStack.contains(w)) low.put(v, Math.min(low.get(v), index.get(w)));
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> scc = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        scc.add(w);
                    } while (!w.equals(v));
                    if (scc.size() > 1) result.add(scc.stream().sorted().toList());
                }
            }
        }
        return result;
    }

    private void visit(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                       Set<String> onStack, int[] counter, Deque<Map.Entry<String, List<String>>> work) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        work.push(Map.entry(v, new ArrayList<>(edges.getOrDefault(v, Set.of()))));
    }

    /** One line per cycle: its packages and, for each, the edges that close the cycle. */
    String describe(List<List<String>> cycles) {
        return cycles.stream().map(c -> "package cycle: " + String.join(", ", c) + " ("
                        + c.stream().flatMap(p -> edges.getOrDefault(p, Set.of()).stream()
                                .filter(c::contains).map(q -> p + " -> " + q)).collect(Collectors.joining("; ")) + ")")
                .collect(Collectors.joining("\n"));
    }
}
