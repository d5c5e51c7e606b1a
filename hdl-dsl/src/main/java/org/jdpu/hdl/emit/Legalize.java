package org.jdpu.hdl.emit;

import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.Scope;
import org.jdpu.hdl.ir.Stmt;
import org.jdpu.hdl.pass.Drivers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Chooses every Verilog name of one module before printing, without touching the netlist:
 * <ul>
 *   <li>ports keep their Java names; named wires, registers, fields and memories keep theirs,
 *       made legal (reserved words get {@code _v}, odd characters become {@code _});</li>
 *   <li>clashes get {@code _1}, {@code _2}, ... in netlist order;</li>
 *   <li>instance port wires are {@code <instance>_<port>}; an instance input driven once,
 *       unconditionally, is connected straight to its source instead (an alias);</li>
 *   <li>unnamed operator results are temporaries {@code t_0}, {@code t_1}, ... in netlist order.</li>
 * </ul>
 */
final class Legalize {
    static final String TEMP_PREFIX = "t_";
    static final String UNUSED_SINK = "unused_bits";

    private final Map<String, Integer> taken = new HashMap<>();

    private Legalize() {}

    static NetNames run(ModuleDef m, Drivers drivers, Liveness live) {
        return new Legalize().names(m, drivers, live);
    }

    private NetNames names(ModuleDef m, Drivers drivers, Liveness live) {
        int n = m.size();
        String[] net = new String[n];
        int[] alias = new int[n];
        Arrays.fill(alias, -1);
        for (int p : m.allPorts()) {
            net[p] = claim(m.name(p));
        }
        for (int i = 0; i < n; i++) {
            Node node = m.node(i);
            if (node instanceof Node.InstPort ip && !ip.childOutput() && drivers.count(i) == 1) {
                Stmt.Connect c = (Stmt.Connect) m.stmts().get(drivers.stmt(i, 0));
                if (c.scope() == Scope.ROOT) {
                    alias[i] = c.value();
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (net[i] == null && m.name(i) != null && declared(m.node(i), i, live, alias)
                    && !(m.node(i) instanceof Node.InstPort)) {
                net[i] = claim(m.name(i));
            }
        }
        String[] inst = new String[m.instances().size()];
        for (int i = 0; i < inst.length; i++) {
            inst[i] = claim(m.instances().get(i).name());
        }
        String[] mem = new String[m.memories().size()];
        for (int i = 0; i < mem.length; i++) {
            mem[i] = claim(m.memories().get(i).name());
        }
        for (int i = 0; i < n; i++) {
            if (net[i] == null && alias[i] < 0 && m.node(i) instanceof Node.InstPort ip) {
                ModuleDef child = m.instances().get(ip.instance()).module();
                net[i] = claim(inst[ip.instance()] + "_" + child.name(ip.childPort()));
            }
        }
        int temp = 0;
        for (int i = 0; i < n; i++) {
            if (net[i] == null && alias[i] < 0 && declared(m.node(i), i, live, alias)) {
                String t;
                do {
                    t = TEMP_PREFIX + temp++;
                } while (taken.containsKey(t));
                net[i] = claim(t);
            }
        }
        return new NetNames(net, alias, inst, mem, claim(UNUSED_SINK));
    }

    /** Nets that get a declaration: everything but constants, aliases and dead operators. */
    static boolean declared(Node node, int i, Liveness live, int[] alias) {
        if (alias[i] >= 0) {
            return false;
        }
        return switch (node) {
            case Node.Const c -> false;
            case Node.Op op -> live.live(i);
            default -> true;
        };
    }

    private String claim(String wanted) {
        String base = Keywords.isLegal(wanted) ? wanted : Keywords.sanitize(wanted);
        Integer next = taken.get(base);
        if (next == null) {
            taken.put(base, 1);
            return base;
        }
        String candidate;
        int k = next;
        do {
            candidate = base + "_" + k++;
        } while (taken.containsKey(candidate));
        taken.put(base, k);
        taken.put(candidate, 1);
        return candidate;
    }
}
