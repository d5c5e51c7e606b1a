package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Stmt;

import java.util.List;

/**
 * Index from each net (and each memory) to the statements that drive it, in creation order.
 * Built once per module in linear time.
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
        List<Stmt> stmts = m.stmts();
        int[] connectKey = new int[stmts.size()];
        int[] connectStmt = new int[stmts.size()];
        int[] writeKey = new int[stmts.size()];
        int[] writeStmt = new int[stmts.size()];
        int connects = 0;
        int writes = 0;
        for (int i = 0; i < stmts.size(); i++) {
            switch (stmts.get(i)) {
                case Stmt.Connect c -> {
                    connectKey[connects] = c.target();
                    connectStmt[connects++] = i;
                }
                case Stmt.MemWrite w -> {
                    writeKey[writes] = w.mem();
                    writeStmt[writes++] = i;
                }
            }
        }
        Csr byTarget = Csr.group(m.size(), connectKey, connectStmt, connects);
        Csr byMemory = Csr.group(m.memories().size(), writeKey, writeStmt, writes);
        return new Drivers(byTarget.start, byTarget.items, byMemory.start, byMemory.items);
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
