package org.jdpu.hdl.emit;

import org.jdpu.hdl.pass.Keywords;

import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.pass.Hierarchy;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Verilog module names for a deduplicated hierarchy: the caller's name for the top, the
 * external name for black boxes, the generator's desired name for the rest with {@code _1},
 * {@code _2}, ... for structurally different modules that asked for the same name.
 */
final class ModuleNames {
    private ModuleNames() {}

    static Map<ModuleDef, String> assign(Hierarchy h, String topName) {
        Map<ModuleDef, String> names = new IdentityHashMap<>();
        Set<String> taken = new HashSet<>();
        ModuleDef top = h.rep(h.top());
        names.put(top, topName);
        taken.add(topName);
        for (ModuleDef m : h.unique()) {
            if (m.isBlackBox()) {
                names.put(m, m.blackBox().verilogName());
                taken.add(m.blackBox().verilogName());
            }
        }
        for (ModuleDef m : h.unique()) {
            if (names.containsKey(m)) {
                continue;
            }
            String base = Keywords.isLegal(m.desiredName()) ? m.desiredName() : Keywords.sanitize(m.desiredName());
            String name = base;
            for (int k = 1; taken.contains(name); k++) {
                name = base + "_" + k;
            }
            taken.add(name);
            names.put(m, name);
        }
        return names;
    }
}
