package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.Scope;
import org.jdpu.hdl.ir.Stmt;

/** How many places read each net of a module (operands, assigned values, conditions, enables, addresses). */
public final class Readers {
    private final int[] count;

    private Readers(int[] count) {
        this.count = count;
    }

    public static Readers of(ModuleDef m) {
        int[] c = new int[m.size()];
        for (int i = 0; i < m.size(); i++) {
            switch (m.node(i)) {
                case Node.Op op -> {
                    for (int a : op.args()) {
                        c[a]++;
                    }
                }
                case Node.Reg r -> {
                    if (r.enable() >= 0) {
                        c[r.enable()]++;
                    }
                }
                case Node.MemRead r -> {
                    c[r.addr()]++;
                    if (r.enable() >= 0) {
                        c[r.enable()]++;
                    }
                }
                default -> { }
            }
        }
        for (Stmt s : m.stmts()) {
            switch (s) {
                case Stmt.Connect k -> c[k.value()]++;
                case Stmt.MemWrite w -> {
                    c[w.addr()]++;
                    c[w.data()]++;
                    if (w.mask() >= 0) {
                        c[w.mask()]++;
                    }
                }
            }
        }
        for (Scope s : m.scopes()) {
            if (s.cond() >= 0) {
                c[s.cond()]++;
            }
        }
        return new Readers(c);
    }

    public int count(int net) {
        return count[net];
    }
}
