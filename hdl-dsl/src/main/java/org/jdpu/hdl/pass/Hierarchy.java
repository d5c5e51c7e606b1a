package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.ModuleDef;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deduplicated module hierarchy of a design: one representative per structurally distinct
 * module, children before parents (the order Verilog files are compiled in), and for every
 * module instance built its representative.
 */
public record Hierarchy(ModuleDef top, List<ModuleDef> unique, Map<ModuleDef, ModuleDef> representative) {

    public Hierarchy {
        unique = List.copyOf(unique);
        representative = java.util.Collections.unmodifiableMap(new IdentityHashMap<>(representative));
    }

    public ModuleDef rep(ModuleDef m) {
        ModuleDef r = representative.get(m);
        if (r == null) {
            throw new IllegalArgumentException("module " + m.desiredName() + " is not part of this hierarchy");
        }
        return r;
    }
}
