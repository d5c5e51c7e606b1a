package org.jdpu.hdl.pass.graph;

import java.util.Arrays;

/** A growable list of directed edges (u, v) between integer nodes, grouped on demand. */
public final class EdgeList {
    private int[] from;
    private int[] to;
    private int size;

    public EdgeList(int hint) {
        from = new int[Math.max(16, hint)];
        to = new int[from.length];
    }

    /** Adds u -> v; a negative u (no such net) is ignored. */
    public void add(int u, int v) {
        if (u < 0) {
            return;
        }
        if (size == from.length) {
            from = Arrays.copyOf(from, size * 2);
            to = Arrays.copyOf(to, size * 2);
        }
        from[size] = u;
        to[size] = v;
        size++;
    }

    /** For each of {@code nodes} nodes, the sources of its incoming edges. */
    public GroupedInts predecessors(int nodes) {
        return GroupedInts.group(nodes, to, from, size);
    }

    /** For each of {@code nodes} nodes, the targets of its outgoing edges. */
    public GroupedInts successors(int nodes) {
        return GroupedInts.group(nodes, from, to, size);
    }
}
