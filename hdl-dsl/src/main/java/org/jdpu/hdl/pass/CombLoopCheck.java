package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.SourceLoc;
import org.jdpu.hdl.ir.Stmt;
import org.jdpu.hdl.pass.graph.EdgeList;
import org.jdpu.hdl.pass.graph.GroupedInts;
import org.jdpu.hdl.pass.graph.Tarjan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combinational loop check, bit by bit:
 * <ol>
 *   <li>per module, children first, build the word-level dependency graph (a child instance
 *       contributes the input-to-output paths found inside the child);</li>
 *   <li>find its strongly connected components ({@link Tarjan}, linear);</li>
 *   <li>for each non-trivial component, build the graph of individual bits of its nets and look
 *       for a real cycle; {@code w := cat(w.bit(0), x)} is a word-level cycle but no bit-level one
 *       and passes;</li>
 *   <li>report each real cycle with its path, and record which inputs reach which outputs.</li>
 * </ol>
 * Black boxes are assumed to have no combinational path from inputs to outputs.
 */
public final class CombLoopCheck {
    private CombLoopCheck() {}

    public static void run(Hierarchy h, List<Diagnostic> out) {
        Map<ModuleDef, BitSet[]> summaries = new IdentityHashMap<>();
        ModuleDef top = h.rep(h.top());
        for (ModuleDef m : h.unique()) {
            if (m.isBlackBox()) {
                continue;
            }
            CombGraph g = CombGraph.of(m, child -> summaries.get(h.rep(child)));
            List<int[]> components = Tarjan.nonTrivial(g.preds);
            if (!components.isEmpty()) {
                Drivers drivers = Drivers.of(m);
                for (int[] scc : components) {
                    new BitLoop(m, scc, drivers, child -> summaries.get(h.rep(child))).report(out);
                }
            }
            if (m != top) {
                summaries.put(m, portPaths(m, g));
            }
        }
    }

    /** For each port (allPorts order) that is an output: the input ports reaching it combinationally. */
    private static BitSet[] portPaths(ModuleDef m, CombGraph g) {
        List<Integer> ports = m.allPorts();
        int[] portIndex = new int[m.size()];
        Arrays.fill(portIndex, -1);
        for (int i = 0; i < ports.size(); i++) {
            portIndex[ports.get(i)] = i;
        }
        BitSet[] paths = new BitSet[ports.size()];
        int[] stamp = new int[m.size()];
        int[] stack = new int[Math.max(1, m.size())];
        for (int i = 0; i < ports.size(); i++) {
            int o = ports.get(i);
            if (!(m.node(o) instanceof Node.Output)) {
                continue;
            }
            BitSet reach = new BitSet();
            int sp = 0;
            stack[sp++] = o;
            stamp[o] = i + 1;
            while (sp > 0) {
                int v = stack[--sp];
                if (m.node(v) instanceof Node.Input) {
                    reach.set(portIndex[v]);
                }
                for (int k = g.preds.begin(v); k < g.preds.end(v); k++) {
                    int u = g.preds.item(k);
                    if (stamp[u] != i + 1) {
                        stamp[u] = i + 1;
                        stack[sp++] = u;
                    }
                }
            }
            paths[i] = reach;
        }
        return paths;
    }

    /** The bit-level graph of one word-level component, and the search for a real cycle in it. */
    private static final class BitLoop {
        private final ModuleDef m;
        private final int[] nets;
        private final int[] base;
        private int size;
        private final EdgeList edges = new EdgeList(64);
        /** Owner net of each bit node (-1 for hubs) and the bit number. */
        private int[] ownerNet;
        private int[] ownerBit;

        private final Drivers drivers;

        BitLoop(ModuleDef m, int[] scc, Drivers drivers, java.util.function.Function<ModuleDef, BitSet[]> childPaths) {
            this.m = m;
            this.drivers = drivers;
            this.nets = scc;
            this.base = new int[m.size()];
            Arrays.fill(base, -1);
            for (int v : scc) {
                base[v] = size;
                size += m.node(v).ty().width();
            }
            ownerNet = new int[Math.max(16, size * 2)];
            ownerBit = new int[ownerNet.length];
            for (int v : scc) {
                for (int b = 0; b < m.node(v).ty().width(); b++) {
                    ownerNet[base[v] + b] = v;
                    ownerBit[base[v] + b] = b;
                }
            }
            for (int v : scc) {
                edgesInto(v, childPaths);
            }
        }

        private int width(int v) {
            return m.node(v).ty().width();
        }

        private boolean in(int v) {
            return v >= 0 && base[v] >= 0;
        }

        private void edge(int u, int v) {
            edges.add(u, v);
        }

        private int hub() {
            if (size == ownerNet.length) {
                ownerNet = Arrays.copyOf(ownerNet, size * 2);
                ownerBit = Arrays.copyOf(ownerBit, size * 2);
            }
            ownerNet[size] = -1;
            return size++;
        }

        /** Bit {@code i} of net {@code a} extended (by its signedness) to at least i + 1 bits; -1 for a zero bit. */
        private int extBit(int a, int i) {
            int w = width(a);
            if (i < w) {
                return base[a] + i;
            }
            return m.node(a).ty().signed() ? base[a] + w - 1 : -1;
        }

        private void all(int a, int target) {
            if (!in(a)) {
                return;
            }
            for (int b = 0; b < width(a); b++) {
                edge(base[a] + b, target);
            }
        }

        private void edgesInto(int v, java.util.function.Function<ModuleDef, BitSet[]> childPaths) {
            int w = width(v);
            Node node = m.node(v);
            switch (node) {
                case Node.Op op -> opEdges(v, w, op);
                case Node.InstPort p when p.childOutput() -> {
                    var inst = m.instances().get(p.instance());
                    BitSet[] paths = childPaths.apply(inst.module());
                    int outIdx = inst.module().allPorts().indexOf(p.childPort());
                    if (paths == null || paths[outIdx] == null) {
                        return;
                    }
                    int h = hub();
                    for (int in = paths[outIdx].nextSetBit(0); in >= 0; in = paths[outIdx].nextSetBit(in + 1)) {
                        all(inst.portNodes()[in], h);
                    }
                    for (int b = 0; b < w; b++) {
                        edge(h, base[v] + b);
                    }
                }
                default -> {
                    if (!(node instanceof Node.Reg)) {
                        for (int si : drivers.stmts(v)) {
                            sinkEdges(v, w, (Stmt.Connect) m.stmts().get(si));
                        }
                    }
                }
            }
        }

        private void sinkEdges(int v, int w, Stmt.Connect c) {
            if (in(c.value())) {
                for (int b = 0; b < w; b++) {
                    int src = extBit(c.value(), b);
                    if (src >= 0) {
                        edge(src, base[v] + b);
                    }
                }
            }
            int h = -1;
            for (int sc = c.scope(); sc > 0; sc = m.scope(sc).parent()) {
                var chain = m.chains().get(m.scope(sc).chain());
                for (int b = 0; b <= m.scope(sc).branch(); b++) {
                    int cond = m.scope(chain.branches().get(b)).cond();
                    if (in(cond)) {
                        if (h < 0) {
                            h = hub();
                        }
                        all(cond, h);
                    }
                }
            }
            if (h >= 0) {
                for (int b = 0; b < w; b++) {
                    edge(h, base[v] + b);
                }
            }
        }

        private void opEdges(int v, int w, Node.Op op) {
            int[] a = op.args();
            switch (op.kind()) {
                case ADD, SUB, NEG, MUL -> {
                    // Bit i depends on operand bits 0..i: model the carry as a chain through the result.
                    for (int b = 0; b < w; b++) {
                        for (int x : a) {
                            if (in(x)) {
                                int src = extBit(x, b);
                                if (src >= 0) {
                                    edge(src, base[v] + b);
                                }
                            }
                        }
                        if (b > 0) {
                            edge(base[v] + b - 1, base[v] + b);
                        }
                    }
                }
                case AND, OR, XOR, NOT, CAST -> {
                    for (int x : a) {
                        if (in(x)) {
                            for (int b = 0; b < w; b++) {
                                edge(base[x] + b, base[v] + b);
                            }
                        }
                    }
                }
                case SHL -> {
                    if (in(a[0])) {
                        for (int b = op.param(); b < w; b++) {
                            edge(base[a[0]] + b - op.param(), base[v] + b);
                        }
                    }
                }
                case SLICE -> {
                    if (in(a[0])) {
                        for (int b = 0; b < w; b++) {
                            edge(base[a[0]] + op.param() + b, base[v] + b);
                        }
                    }
                }
                case RESIZE -> {
                    if (in(a[0])) {
                        for (int b = 0; b < w; b++) {
                            int src = extBit(a[0], b);
                            if (src >= 0) {
                                edge(src, base[v] + b);
                            }
                        }
                    }
                }
                case MUX -> {
                    all(a[0], base[v]);
                    for (int b = 1; b < w; b++) {
                        if (in(a[0])) {
                            edge(base[a[0]], base[v] + b);
                        }
                    }
                    for (int k = 1; k <= 2; k++) {
                        if (in(a[k])) {
                            for (int b = 0; b < w; b++) {
                                int src = extBit(a[k], b);
                                if (src >= 0) {
                                    edge(src, base[v] + b);
                                }
                            }
                        }
                    }
                }
                case CAT -> {
                    int bit = w;
                    for (int x : a) {
                        int xw = width(x);
                        bit -= xw;
                        if (in(x)) {
                            for (int b = 0; b < xw; b++) {
                                edge(base[x] + b, base[v] + bit + b);
                            }
                        }
                    }
                }
                default -> {
                    // Comparisons, reductions and dynamic shifts: every result bit sees every operand bit.
                    int h = hub();
                    for (int x : a) {
                        all(x, h);
                    }
                    for (int b = 0; b < w; b++) {
                        edge(h, base[v] + b);
                    }
                }
            }
        }

        void report(List<Diagnostic> out) {
            int[] cycle = findCycle();
            if (cycle == null) {
                falseLoopWarning(out);
                return;
            }
            StringBuilder path = new StringBuilder();
            SourceLoc where = null;
            int lastNet = -2;
            List<String> parts = new ArrayList<>();
            // Walk the cycle once and back to its start; a carry chain inside one net shows once.
            for (int k = 0; k <= cycle.length; k++) {
                int node = cycle[k % cycle.length];
                int net = ownerNet[node];
                if (net < 0 || (net == lastNet && k < cycle.length)) {
                    continue;
                }
                lastNet = net;
                Node n = m.node(net);
                parts.add(m.describe(net) + "[" + ownerBit[node] + "]" + locText(n));
                if (where == null && (n instanceof Node.Wire || n instanceof Node.Output)) {
                    where = n.loc();
                }
            }
            for (int i = 0; i < parts.size(); i++) {
                path.append(i == 0 ? "" : " -> ").append(parts.get(i));
            }
            if (where == null) {
                where = m.node(ownerNet[cycle[0]]).loc();
            }
            out.add(Diagnostic.error(where, m.desiredName(), "combinational loop: " + path));
        }

        /**
         * No bit depends on itself, but the nets depend on each other as words. That is legal
         * hardware; Verilator's scheduler still reports it (UNOPTFLAT), so say how to avoid it.
         */
        private void falseLoopWarning(List<Diagnostic> out) {
            int shown = nets[0];
            for (int v : nets) {
                Node n = m.node(v);
                if (n instanceof Node.Wire || n instanceof Node.Output) {
                    shown = v;
                    break;
                }
            }
            out.add(Diagnostic.warning(m.node(shown).loc(), m.desiredName(), "bits of " + m.describe(shown)
                    + " depend on other bits of the same signal (no combinational loop, but Verilator reports "
                    + "UNOPTFLAT on such signals); build it as a Vec of Bools instead"));
        }

        private String locText(Node n) {
            SourceLoc loc = n instanceof Node.InstPort p ? m.instances().get(p.instance()).loc() : n.loc();
            return loc == SourceLoc.UNKNOWN ? "" : " (" + loc + ")";
        }

        /** A cycle of bit nodes in dependency order, or null: iterative DFS with colours. */
        private int[] findCycle() {
            GroupedInts succ = edges.successors(size);
            byte[] colour = new byte[size];
            int[] stack = new int[size];
            int[] edgePos = new int[size];
            for (int root = 0; root < size; root++) {
                if (colour[root] != 0) {
                    continue;
                }
                int sp = 0;
                stack[sp] = root;
                edgePos[sp] = succ.begin(root);
                colour[root] = 1;
                sp++;
                while (sp > 0) {
                    int v = stack[sp - 1];
                    if (edgePos[sp - 1] < succ.end(v)) {
                        int w = succ.item(edgePos[sp - 1]++);
                        if (colour[w] == 0) {
                            colour[w] = 1;
                            stack[sp] = w;
                            edgePos[sp] = succ.begin(w);
                            sp++;
                        } else if (colour[w] == 1) {
                            int start = sp - 1;
                            while (stack[start] != w) {
                                start--;
                            }
                            return Arrays.copyOfRange(stack, start, sp);
                        }
                    } else {
                        colour[v] = 2;
                        sp--;
                    }
                }
            }
            return null;
        }
    }
}
