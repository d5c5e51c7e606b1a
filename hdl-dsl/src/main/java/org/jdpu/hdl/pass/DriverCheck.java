package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.Scope;
import org.jdpu.hdl.ir.SourceLoc;
import org.jdpu.hdl.ir.Stmt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Driver checks, per module:
 * <ul>
 *   <li>undriven: an output, wire, register or instance input that nothing assigns;</li>
 *   <li>multiple drivers: an assignment that can never take effect because a later one in the
 *       same or an enclosing branch always overrides it (both locations are quoted).</li>
 * </ul>
 * Assigning an input, an instance output or an expression is refused when it is written
 * (see the builder), so it needs no pass.
 */
public final class DriverCheck {
    private DriverCheck() {}

    public static void run(ModuleDef m, Drivers drivers, List<Diagnostic> out) {
        for (int i = 0; i < m.size(); i++) {
            Node n = m.node(i);
            if (!isSink(n)) {
                continue;
            }
            int count = drivers.count(i);
            if (count == 0) {
                out.add(Diagnostic.error(locOf(m, n), m.desiredName(), undrivenMessage(m, i, n)));
            } else if (count > 1) {
                overlaps(m, i, drivers.stmts(i), out);
            }
        }
    }

    static boolean isSink(Node n) {
        return n instanceof Node.Output || n instanceof Node.Wire || n instanceof Node.Reg
                || (n instanceof Node.InstPort p && !p.childOutput());
    }

    static SourceLoc locOf(ModuleDef m, Node n) {
        if (n instanceof Node.InstPort p) {
            return m.instances().get(p.instance()).loc();
        }
        return n.loc();
    }

    private static String undrivenMessage(ModuleDef m, int i, Node n) {
        String what = m.describe(i);
        return switch (n) {
            case Node.Output o -> "undriven output " + what + ": it is never assigned";
            case Node.Wire w -> "undriven wire " + what + ": it is never assigned";
            case Node.Reg r -> "undriven register " + what + ": it is never assigned (a constant would do)";
            case Node.InstPort p -> "undriven instance input " + what + ": input '"
                    + m.instances().get(p.instance()).module().name(p.childPort()) + "' of instance '"
                    + m.instances().get(p.instance()).name() + "' is not connected";
            default -> "undriven " + what;
        };
    }

    /**
     * Walks the assignments backwards remembering, per scope, the latest one; an assignment is
     * dead when a later one sits in its own scope or an enclosing one.
     */
    private static void overlaps(ModuleDef m, int target, int[] stmts, List<Diagnostic> out) {
        Map<Integer, Stmt> latestInScope = new HashMap<>();
        for (int k = stmts.length - 1; k >= 0; k--) {
            Stmt s = m.stmts().get(stmts[k]);
            Stmt later = null;
            for (int sc = s.scope(); sc >= 0 && later == null; sc = m.scope(sc).parent()) {
                later = latestInScope.get(sc);
                if (sc == Scope.ROOT) {
                    break;
                }
            }
            if (later != null) {
                out.add(Diagnostic.error(s.loc(), m.desiredName(), "multiple drivers: " + m.describe(target)
                        + " is assigned at " + s.loc() + " and again at " + later.loc()
                        + ", which always overrides it"));
            }
            latestInScope.putIfAbsent(s.scope(), s);
        }
    }
}
