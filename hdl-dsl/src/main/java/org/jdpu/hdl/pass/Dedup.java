package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.Instance;
import org.jdpu.hdl.ir.LocationStyle;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.NetlistText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deduplication: modules that are structurally identical (same generator, same netlist, same
 * names, children identical in turn) are represented once.
 *
 * <p>Bottom-up: each module's key is its {@link NetlistText} with children shown by their
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
     * The module's {@link NetlistText} without source locations, children by their
     * representative's number. Locations are left out so that a fast first run, whose locations
     * are still tokens, can be deduplicated; structurally identical modules then share the first
     * one's.
     */
    private String key(ModuleDef m) {
        return NetlistText.print(m, LocationStyle.NONE, child -> {
            ModuleDef r = rep.get(child);
            return r != null ? "#" + number.get(r) : child.generator() + "/" + child.size();
        });
    }
}
