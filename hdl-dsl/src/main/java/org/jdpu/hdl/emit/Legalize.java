package org.jdpu.hdl.emit;

import org.jdpu.hdl.pass.Keywords;

import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.OpKind;
import org.jdpu.hdl.ir.Scope;
import org.jdpu.hdl.ir.Stmt;
import org.jdpu.hdl.pass.Drivers;
import org.jdpu.hdl.pass.Readers;

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
 *   <li>an unnamed operator read exactly once, by an assignment or as a condition, is printed
 *       inline there; other unnamed operator results are temporaries {@code t_0}, {@code t_1},
 *       ... in netlist order;</li>
 *   <li>an instance output whose only reader is the single unconditional assignment of a wire
 *       or output port drives that signal directly (no intermediate wire);</li>
 *   <li>unnamed memory read ports are {@code <memory>_rd};</li>
 *   <li>an unnamed reinterpretation ({@code asSInt}, {@code asUInt}) is printed as its operand
 *       (the operators using it know its type) unless it turns a signed net unsigned: unsigned
 *       operators print bare names, and Verilog compares and multiplies two nets declared
 *       signed as signed, so such a cast gets its own unsigned temporary.</li>
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
            if (node instanceof Node.Op op && op.kind() == OpKind.CAST && m.name(i) == null
                    && (op.ty().signed() || !m.node(op.args()[0]).ty().signed())) {
                alias[i] = op.args()[0];
            }
            if (node instanceof Node.InstPort ip && !ip.childOutput() && drivers.count(i) == 1) {
                Stmt.Connect c = (Stmt.Connect) m.stmts().get(drivers.stmt(i, 0));
                if (c.scope() == Scope.ROOT) {
                    alias[i] = c.value();
                }
            }
        }
        Readers readers = Readers.of(m);
        boolean[] inline = inlined(m, readers, alias);
        int[] instanceDrives = instanceDrives(m, drivers, readers);
        for (int i = 0; i < n; i++) {
            if (net[i] == null && m.name(i) != null && declared(m.node(i), i, live, alias)
                    && !(m.node(i) instanceof Node.InstPort)) {
                net[i] = claim(m.name(i));
            }
        }
        for (int i = 0; i < n; i++) {
            if (instanceDrives[i] >= 0) {
                net[i] = net[instanceDrives[i]];
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
        for (int i = 0; i < n; i++) {
            if (net[i] == null && m.node(i) instanceof Node.MemRead r) {
                net[i] = claim(mem[r.mem()] + "_rd");
            }
        }
        int temp = 0;
        for (int i = 0; i < n; i++) {
            if (net[i] == null && alias[i] < 0 && !inline[i] && declared(m.node(i), i, live, alias)) {
                String t;
                do {
                    t = TEMP_PREFIX + temp++;
                } while (taken.containsKey(t));
                net[i] = claim(t);
            }
        }
        return new NetNames(net, alias, inline, instanceDrives, inst, mem, claim(UNUSED_SINK));
    }

    /**
     * Unnamed operators read exactly once, where the reader is a statement: an assignment's value
     * (not one feeding an instance input directly) or a branch condition. Printed at the top of
     * that statement they need no temporary and no width context.
     */
    private static boolean[] inlined(ModuleDef m, Readers readers, int[] alias) {
        int n = m.size();
        boolean[] statementRead = new boolean[n];
        for (Stmt s : m.stmts()) {
            if (s instanceof Stmt.Connect c && !(alias[c.target()] >= 0)) {
                statementRead[c.value()] = true;
            }
        }
        for (int sc = 1; sc < m.scopes().size(); sc++) {
            int cond = m.scope(sc).cond();
            if (cond >= 0) {
                statementRead[cond] = true;
            }
        }
        boolean[] inline = new boolean[n];
        for (int i = 0; i < n; i++) {
            inline[i] = m.node(i) instanceof Node.Op && m.name(i) == null && readers.count(i) == 1 && statementRead[i]
                    && alias[i] < 0;
        }
        return inline;
    }

    /**
     * For each instance output read only by the one unconditional assignment of a wire or output,
     * that signal's net (it is connected to the instance port directly); -1 elsewhere.
     */
    private static int[] instanceDrives(ModuleDef m, Drivers drivers, Readers readers) {
        int n = m.size();
        int[] drives = new int[n];
        Arrays.fill(drives, -1);
        for (Stmt s : m.stmts()) {
            if (!(s instanceof Stmt.Connect c) || c.scope() != Scope.ROOT) {
                continue;
            }
            Node target = m.node(c.target());
            Node value = m.node(c.value());
            if ((target instanceof Node.Output || target instanceof Node.Wire) && drivers.count(c.target()) == 1
                    && value instanceof Node.InstPort p && p.childOutput() && readers.count(c.value()) == 1
                    && value.ty().equals(target.ty()) && drives[c.value()] < 0) {
                drives[c.value()] = c.target();
            }
        }
        return drives;
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
