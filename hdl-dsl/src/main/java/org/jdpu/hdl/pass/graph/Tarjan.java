package org.jdpu.hdl.pass.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strongly connected components of a directed graph (Tarjan's algorithm):
 * <ul>
 *   <li>iterative, with explicit call and edge stacks, so deep netlists stay off the Java stack;</li>
 *   <li>linear in nodes plus edges;</li>
 *   <li>reports only the non-trivial components: more than one node, or a node with an edge to
 *       itself.</li>
 * </ul>
 * The components of a graph and of its reverse are the same, so predecessor lists serve as well
 * as successor lists.
 */
public final class Tarjan {
    private Tarjan() {}

    /**
     * The non-trivial components of the graph whose node v has the edges {@code adjacency}[v],
     * each sorted ascending, in the order Tarjan's algorithm completes them.
     */
    public static List<int[]> nonTrivial(GroupedInts adjacency) {
        int n = adjacency.keys();
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int counter = 0;
        List<int[]> result = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = adjacency.begin(root);
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                if (callEdge[depth] < adjacency.end(v)) {
                    int w = adjacency.item(callEdge[depth]++);
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = adjacency.begin(w);
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int start = sp;
                    do {
                        start--;
                    } while (stack[start] != v);
                    int[] comp = Arrays.copyOfRange(stack, start, sp);
                    for (int x : comp) {
                        onStack[x] = false;
                    }
                    sp = start;
                    if (comp.length > 1 || selfLoop(adjacency, v)) {
                        Arrays.sort(comp);
                        result.add(comp);
                    }
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return result;
    }

    private static boolean selfLoop(GroupedInts adjacency, int v) {
        for (int k = adjacency.begin(v); k < adjacency.end(v); k++) {
            if (adjacency.item(k) == v) {
                return true;
            }
        }
        return false;
    }
}
