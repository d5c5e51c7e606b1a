package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.Chain;
import org.jdpu.hdl.ir.Instance;
import org.jdpu.hdl.ir.Memory;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.Scope;
import org.jdpu.hdl.ir.Stmt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deduplication: modules that are structurally identical (same generator, same netlist, same
 * names, children identical in turn) are represented once.
 *
 * <p>Bottom-up: each module gets a canonical text key in which children appear by their
 * representative's number, so comparing keys compares whole subtrees. Keys are compared in
 * full (no hash-only equality), and the pass is linear in the size of the design.
 */
public final class Dedup {
    private final Map<String, ModuleDef> byKey = new HashMap<>();
    private final Map<ModuleDef, ModuleDef> rep = new IdentityHashMap<>();
    private final Map<ModuleDef, Integer> number = new IdentityHashMap<>();
    private final List<ModuleDef> unique = new ArrayList<>();

    private Dedup() {}

    public static Hierarchy run(ModuleDef top) {
        Dedup d = new Dedup();
        d.visit(top);
        return new Hierarchy(top, d.unique, d.rep);
    }

    private void visit(ModuleDef m) {
        // Iterative post-order keeps deep generator recursion off the Java stack.
        List<ModuleDef> order = new ArrayList<>();
        List<ModuleDef> stack = new ArrayList<>();
        Map<ModuleDef, Boolean> seen = new IdentityHashMap<>();
        stack.add(m);
        while (!stack.isEmpty()) {
            ModuleDef cur = stack.remove(stack.size() - 1);
            if (seen.put(cur, Boolean.TRUE) != null) {
                continue;
            }
            order.add(cur);
            for (Instance i : cur.instances()) {
                stack.add(i.module());
            }
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            ModuleDef cur = order.get(i);
            String key = key(cur);
            ModuleDef r = byKey.get(key);
            if (r == null) {
                r = cur;
                byKey.put(key, cur);
                number.put(cur, unique.size());
                unique.add(cur);
            }
            rep.put(cur, r);
        }
        // Children first, in a stable order: sort representatives so that every child precedes its parents.
        unique.clear();
        Map<ModuleDef, Boolean> placed = new IdentityHashMap<>();
        place(rep.get(m), placed);
    }

    private void place(ModuleDef r, Map<ModuleDef, Boolean> placed) {
        if (placed.containsKey(r)) {
            return;
        }
        placed.put(r, Boolean.TRUE);
        for (Instance i : r.instances()) {
            place(rep.get(i.module()), placed);
        }
        unique.add(r);
    }

    /**
     * The structure of one module as text (as the deduplication key, children named by their
     * generator and size instead of their number): two runs of a deterministic generator give
     * equal signatures.
     */
    public static String signature(ModuleDef m) {
        return new Dedup().key(m);
    }

    /**
     * Everything that makes the Verilog of a module except source locations: generator, name,
     * nodes with their names, ports, statements, scopes, chains, instances (children by number)
     * and memories. Locations are left out so that a fast first run, whose locations are still
     * tokens, can be deduplicated; structurally identical modules then share the first one's.
     */
    private String key(ModuleDef m) {
        StringBuilder k = new StringBuilder(64 + 48 * m.size());
        k.append(m.generator()).append('|').append(m.desiredName()).append('|');
        if (m.isBlackBox()) {
            k.append("bb:").append(m.blackBox()).append('|');
        }
        for (int i = 0; i < m.size(); i++) {
            node(k, m.node(i));
            k.append('"').append(m.name(i)).append("\"\n");
        }
        k.append('P').append(m.allPorts()).append('\n');
        for (Stmt s : m.stmts()) {
            switch (s) {
                case Stmt.Connect c -> k.append('=').append(c.target()).append(',').append(c.value()).append(',')
                        .append(c.scope());
                case Stmt.MemWrite w -> k.append('W').append(w.mem()).append(',').append(w.addr()).append(',')
                        .append(w.data()).append(',').append(w.mask()).append(',').append(w.scope());
            }
            k.append('\n');
        }
        for (Scope s : m.scopes()) {
            k.append('S').append(s.parent()).append(',').append(s.chain()).append(',').append(s.branch()).append(',')
                    .append(s.cond()).append('\n');
        }
        for (Chain c : m.chains()) {
            k.append('C').append(c.parentScope()).append(c.branches()).append(c.switchSelector())
                    .append(c.exhaustive()).append('\n');
        }
        for (Instance i : m.instances()) {
            ModuleDef r = rep.get(i.module());
            k.append('I').append(i.name()).append('#')
                    .append(r != null ? number.get(r) : i.module().generator() + "/" + i.module().size())
                    .append(java.util.Arrays.toString(i.portNodes())).append('\n');
        }
        for (Memory mem : m.memories()) {
            k.append('M').append(mem.name()).append(',').append(mem.word()).append(',').append(mem.depth()).append(',')
                    .append(mem.lanes()).append(',').append(mem.initFile()).append(',').append(mem.domain()).append('\n');
        }
        return k.toString();
    }

    private static void node(StringBuilder k, Node n) {
        switch (n) {
            case Node.Input x -> k.append("in ").append(x.ty());
            case Node.Output x -> k.append("out ").append(x.ty());
            case Node.Wire x -> k.append("wire ").append(x.ty());
            case Node.Reg x -> k.append("reg ").append(x.ty()).append(',').append(x.domain()).append(',')
                    .append(x.init()).append(',').append(x.enable());
            case Node.Const x -> k.append("const ").append(x.ty()).append(',').append(x.bits());
            case Node.Op x -> k.append(x.kind()).append(' ').append(x.ty()).append(java.util.Arrays.toString(x.args()))
                    .append(x.param());
            case Node.InstPort x -> k.append("port ").append(x.instance()).append(',').append(x.childPort()).append(',')
                    .append(x.childOutput()).append(',').append(x.ty());
            case Node.MemRead x -> k.append("read ").append(x.mem()).append(',').append(x.addr()).append(',')
                    .append(x.enable()).append(',').append(x.ty());
            case Node.DomainPort x -> k.append("domain ").append(x.domain()).append(',').append(x.reset());
        }
    }
}
