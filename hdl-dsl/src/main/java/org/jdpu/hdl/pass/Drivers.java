package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Stmt;

/**
 * Index from each net (and each memory) to the statements that drive it, in creation order.
 * Built once per module in linear time (a counting sort over statement targets).
 */
public final class Drivers {
    private final int[] start;
    private final int[] items;
    private final int[] memStart;
    private final int[] memItems;

    private Drivers(int[] start, int[] items, int[] memStart, int[] memItems) {
        this.start = start;
        this.items = items;
        this.memStart = memStart;
        this.memItems = memItems;
    }

    public static Drivers of(ModuleDef m) {
        int n = m.size();
        int mems = m.memories().size();
        int[] count = new int[n + 1];
        int[] memCount = new int[mems + 1];
        for (Stmt s : m.stmts()) {
            switch (s) {
                case Stmt.Connect c -> count[c.target() + 1]++;
                case Stmt.MemWrite w -> memCount[w.mem() + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            count[i + 1] += count[i];
        }
        for (int i = 0; i < mems; i++) {
            memCount[i + 1] += memCount[i];
        }
        int[] items = new int[count[n]];
        int[] memItems = new int[memCount[mems]];
        int[] fill = count.clone();
        int[] memFill = memCount.clone();
        int idx = 0;
        for (Stmt s : m.stmts()) {
            switch (s) {
                case Stmt.Connect c -> items[fill[c.target()]++] = idx;
                case Stmt.MemWrite w -> memItems[memFill[w.mem()]++] = idx;
            }
            idx++;
        }
        return new Drivers(count, items, memCount, memItems);
    }

    /** Number of connects driving net {@code node}. */
    public int count(int node) {
        return start[node + 1] - start[node];
    }

    /** The k-th connect (statement index) driving net {@code node}. */
    public int stmt(int node, int k) {
        return items[start[node] + k];
    }

    public int[] stmts(int node) {
        return java.util.Arrays.copyOfRange(items, start[node], start[node + 1]);
    }

    public int[] memWrites(int mem) {
        return java.util.Arrays.copyOfRange(memItems, memStart[mem], memStart[mem + 1]);
    }
}
