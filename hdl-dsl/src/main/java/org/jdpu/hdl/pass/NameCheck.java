package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.Instance;
import org.jdpu.hdl.ir.ModuleDef;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Port and instance names reach the Verilog unchanged (simulators and testbenches look ports up
 * by name), so they must be legal identifiers, no reserved word, and unique within their module.
 * Other names are made legal by the emitter instead.
 */
public final class NameCheck {
    private NameCheck() {}

    public static void run(ModuleDef m, List<Diagnostic> out) {
        Map<String, Integer> ports = new HashMap<>();
        for (int p : m.allPorts()) {
            String name = m.name(p);
            if (!m.isBlackBox() && !Keywords.isLegal(name)) {
                out.add(Diagnostic.error(m.node(p).loc(), m.desiredName(), "port name '" + name
                        + "' is not a usable Verilog identifier (letters, digits and single underscores, starting "
                        + "with a letter, no reserved word)"));
            }
            Integer before = ports.putIfAbsent(name, p);
            if (before != null) {
                out.add(Diagnostic.error(m.node(p).loc(), m.desiredName(), "duplicate port name '" + name
                        + "' (first declared at " + m.node(before).loc() + ")"));
            }
        }
        Map<String, Instance> instances = new HashMap<>();
        for (Instance i : m.instances()) {
            if (!Keywords.isLegal(i.name())) {
                out.add(Diagnostic.error(i.loc(), m.desiredName(), "instance name '" + i.name()
                        + "' is not a usable Verilog identifier"));
            }
            Instance before = instances.putIfAbsent(i.name(), i);
            if (before != null) {
                out.add(Diagnostic.error(i.loc(), m.desiredName(), "duplicate instance name '" + i.name()
                        + "' (first used at " + before.loc() + ")"));
            }
        }
    }
}
