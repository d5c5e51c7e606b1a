package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Stmt;
import org.jdpu.hdl.pass.graph.GroupedInts;

import java.util.List;

/**
 * Index from each net (and each memory) to the statements that drive it, in creation order.
 * Built once per module in linear time.
 */
public final class Drivers {
    private final GroupedInts byTarget;
    private final GroupedInts byMemory;

    private Drivers(GroupedInts byTarget, GroupedInts byMemory) {
        this.byTarget = byTarget;
        this.byMemory = byMemory;
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
        return new Drivers(GroupedInts.group(m.size(), connectKey, connectStmt, connects),
                GroupedInts.group(m.memories().size(), writeKey, writeStmt, writes));
    }

    /** Number of connects driving net {@code node}. */
    public int count(int node) {
        return byTarget.count(node);
    }

    /** The k-th connect (statement index) driving net {@code node}. */
    public int stmt(int node, int k) {
        return byTarget.item(byTarget.begin(node) + k);
    }

    public int[] stmts(int node) {
        return byTarget.toArray(node);
    }

    public int[] memWrites(int mem) {
        return byMemory.toArray(mem);
    }
}
