package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.Chain;
import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.Scope;
import org.jdpu.hdl.ir.Stmt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Latch check: a combinational signal (output, wire, instance input) must be assigned on every
 * path through the when / switch chains that drive it. A scope is covered when it assigns the
 * signal directly or holds a chain that ends in otherwise (or a switch covering every value)
 * whose branches are all covered. Registers are exempt: holding is what they do.
 */
public final class LatchCheck {
    private LatchCheck() {}

    public static void run(ModuleDef m, Drivers drivers, List<Diagnostic> out) {
        for (int i = 0; i < m.size(); i++) {
            Node n = m.node(i);
            if (!DriverCheck.isSink(n) || n instanceof Node.Reg || drivers.count(i) == 0) {
                continue;
            }
            int[] stmts = drivers.stmts(i);
            Set<Integer> direct = new HashSet<>();
            for (int s : stmts) {
                direct.add(m.stmts().get(s).scope());
            }
            if (direct.contains(Scope.ROOT)) {
                continue;
            }
            if (!covered(m, direct)) {
                Stmt first = m.stmts().get(stmts[0]);
                out.add(Diagnostic.error(DriverCheck.locOf(m, n), m.desiredName(), "latch: " + m.describe(i)
                        + " is not assigned on every path (first assigned under a condition at " + first.loc()
                        + "); assign a default before the when, or add otherwise"));
            }
        }
    }

    private static boolean covered(ModuleDef m, Set<Integer> direct) {
        // Chains on the way from each assignment to the root, grouped by the scope holding them.
        Map<Integer, Set<Integer>> chainsUnder = new HashMap<>();
        for (int s : direct) {
            for (int sc = s; sc > 0; sc = m.scope(sc).parent()) {
                Scope scope = m.scope(sc);
                chainsUnder.computeIfAbsent(scope.parent(), k -> new java.util.TreeSet<>()).add(scope.chain());
            }
        }
        return scopeCovered(m, Scope.ROOT, direct, chainsUnder, new HashMap<>());
    }

    private static boolean scopeCovered(ModuleDef m, int scope, Set<Integer> direct,
                                        Map<Integer, Set<Integer>> chainsUnder, Map<Integer, Boolean> memo) {
        if (direct.contains(scope)) {
            return true;
        }
        Boolean known = memo.get(scope);
        if (known != null) {
            return known;
        }
        boolean result = false;
        for (int c : chainsUnder.getOrDefault(scope, Set.of())) {
            Chain chain = m.chains().get(c);
            List<Integer> branches = chain.branches();
            boolean complete = chain.exhaustive() || m.scope(branches.get(branches.size() - 1)).isOtherwise();
            if (!complete) {
                continue;
            }
            boolean all = true;
            for (int b : branches) {
                if (!scopeCovered(m, b, direct, chainsUnder, memo)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                result = true;
                break;
            }
        }
        memo.put(scope, result);
        return result;
    }
}
