package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.ClockDomain;
import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.Instance;
import org.jdpu.hdl.ir.Memory;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.SourceLoc;
import org.jdpu.hdl.ir.Stmt;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clock-domain crossing check: a register, memory port or child input of one clock domain may
 * sample a signal that comes combinationally from a register or memory of another domain only
 * when the two domains are related ({@link ClockDomain#relatedTo}); otherwise it must be the
 * first stage of a synchroniser. Each offending sink is reported once, at its own line, naming
 * the source it reads.
 *
 * <p>Per module, children first: every net gets the set of domains (and of the module's input
 * ports) it depends on combinationally, through children by their summaries; every sink checks
 * its set; a module's summary tells its parent which domains drive each output, which inputs
 * reach it, and in which domains each input is sampled. A design whose domains are all related
 * (the common single-clock case) has nothing to check and is not walked at all.
 */
public final class DomainCheck {
    private DomainCheck() {}

    /** What a parent needs to know of a child, per port in {@link ModuleDef#allPorts()} order. */
    private record Summary(BitSet[] sources, BitSet[] paths, BitSet[] sampledIn) {}

    public static void run(Hierarchy h, List<Diagnostic> out) {
        List<ClockDomain> domains = domainsOf(h);
        if (allRelated(domains)) {
            return;
        }
        Map<ModuleDef, Summary> summaries = new IdentityHashMap<>();
        for (ModuleDef m : h.unique()) {
            if (!m.isBlackBox()) {
                summaries.put(m, new ModuleWalk(m, domains, child -> summaries.get(h.rep(child))).run(out));
            }
        }
    }

    private static List<ClockDomain> domainsOf(Hierarchy h) {
        Map<ClockDomain, Boolean> seen = new LinkedHashMap<>();
        for (ModuleDef m : h.unique()) {
            for (ClockDomain d : m.domainPorts().keySet()) {
                seen.put(d, true);
            }
            for (Memory mem : m.memories()) {
                seen.put(mem.domain(), true);
            }
        }
        return new ArrayList<>(seen.keySet());
    }

    private static boolean allRelated(List<ClockDomain> domains) {
        for (ClockDomain d : domains) {
            if (!d.relatedTo(domains.getFirst())) {
                return false;
            }
        }
        return true;
    }

    /** The analysis of one module. Bits 0..D-1 of a set are domains, bit D+i is port i of allPorts. */
    private static final class ModuleWalk {
        private final ModuleDef m;
        private final List<ClockDomain> domains;
        private final java.util.function.Function<ModuleDef, Summary> child;
        private final int d;
        private final List<Integer> ports;
        private final int[] portIndex;
        private final CombGraph graph;
        private final BitSet[] own;
        private final BitSet[] deps;
        private final BitSet[] sampledIn;

        ModuleWalk(ModuleDef m, List<ClockDomain> domains, java.util.function.Function<ModuleDef, Summary> child) {
            this.m = m;
            this.domains = domains;
            this.child = child;
            this.d = domains.size();
            this.ports = m.allPorts();
            this.portIndex = new int[m.size()];
            java.util.Arrays.fill(portIndex, -1);
            for (int i = 0; i < ports.size(); i++) {
                portIndex[ports.get(i)] = i;
            }
            this.graph = CombGraph.of(m, c -> {
                Summary s = child.apply(c);
                return s == null ? null : s.paths();
            });
            this.own = new BitSet[m.size()];
            this.deps = new BitSet[m.size()];
            this.sampledIn = new BitSet[ports.size()];
        }

        Summary run(List<Diagnostic> out) {
            for (int v = 0; v < m.size(); v++) {
                own[v] = ownSources(v);
            }
            for (int v = 0; v < m.size(); v++) {
                resolve(v);
            }
            checkRegisters(out);
            checkMemories(out);
            checkChildInputs(out);
            BitSet[] sources = new BitSet[ports.size()];
            BitSet[] paths = new BitSet[ports.size()];
            for (int i = 0; i < ports.size(); i++) {
                if (m.node(ports.get(i)) instanceof Node.Output) {
                    BitSet all = deps[ports.get(i)];
                    sources[i] = all.get(0, d);
                    paths[i] = new BitSet();
                    for (int b = all.nextSetBit(d); b >= 0; b = all.nextSetBit(b + 1)) {
                        paths[i].set(b - d);
                    }
                }
            }
            return new Summary(sources, paths, sampledIn);
        }

        /** What net v contributes by itself, before anything it reads. */
        private BitSet ownSources(int v) {
            BitSet s = new BitSet();
            switch (m.node(v)) {
                case Node.Reg r -> s.set(domains.indexOf(r.domain()));
                case Node.MemRead r -> s.set(domains.indexOf(m.memories().get(r.mem()).domain()));
                case Node.Input in -> s.set(d + portIndex[v]);
                case Node.InstPort p when p.childOutput() -> {
                    Summary cs = child.apply(m.instances().get(p.instance()).module());
                    if (cs != null) {
                        BitSet from = cs.sources()[childPortIndex(p)];
                        if (from != null) {
                            s.or(from);
                        }
                    }
                }
                default -> { }
            }
            return s;
        }

        private int childPortIndex(Node.InstPort p) {
            return m.instances().get(p.instance()).module().allPorts().indexOf(p.childPort());
        }

        /** deps[v] = own[v] and the deps of everything v reads combinationally (iterative; loops are reported elsewhere). */
        private void resolve(int root) {
            if (deps[root] != null) {
                return;
            }
            List<int[]> stack = new ArrayList<>();
            stack.add(new int[] {root, graph.preds.begin(root)});
            deps[root] = (BitSet) own[root].clone();
            while (!stack.isEmpty()) {
                int[] top = stack.getLast();
                int v = top[0];
                if (top[1] < graph.preds.end(v)) {
                    int u = graph.preds.item(top[1]++);
                    if (deps[u] == null) {
                        deps[u] = (BitSet) own[u].clone();
                        stack.add(new int[] {u, graph.preds.begin(u)});
                    } else {
                        deps[v].or(deps[u]);
                    }
                } else {
                    stack.removeLast();
                    if (!stack.isEmpty()) {
                        deps[stack.getLast()[0]].or(deps[v]);
                    }
                }
            }
        }

        private void checkRegisters(List<Diagnostic> out) {
            Map<Integer, List<Integer>> roots = new LinkedHashMap<>();
            for (Stmt s : m.stmts()) {
                if (s instanceof Stmt.Connect c && m.node(c.target()) instanceof Node.Reg) {
                    List<Integer> r = roots.computeIfAbsent(c.target(), k -> new ArrayList<>());
                    r.add(c.value());
                    conditions(c.scope(), r);
                }
            }
            for (int v = 0; v < m.size(); v++) {
                if (m.node(v) instanceof Node.Reg r && !r.synchronizer()) {
                    List<Integer> reads = roots.computeIfAbsent(v, k -> new ArrayList<>());
                    if (r.enable() >= 0) {
                        reads.add(r.enable());
                    }
                    sink("register " + m.describe(v), r.domain(), reads, r.loc(), out);
                }
            }
        }

        private void checkMemories(List<Diagnostic> out) {
            List<List<Integer>> roots = new ArrayList<>();
            for (int i = 0; i < m.memories().size(); i++) {
                roots.add(new ArrayList<>());
            }
            for (Stmt s : m.stmts()) {
                if (s instanceof Stmt.MemWrite w) {
                    List<Integer> r = roots.get(w.mem());
                    r.add(w.addr());
                    r.add(w.data());
                    if (w.mask() >= 0) {
                        r.add(w.mask());
                    }
                    conditions(w.scope(), r);
                }
            }
            for (int v = 0; v < m.size(); v++) {
                if (m.node(v) instanceof Node.MemRead r) {
                    roots.get(r.mem()).add(r.addr());
                    if (r.enable() >= 0) {
                        roots.get(r.mem()).add(r.enable());
                    }
                }
            }
            for (int i = 0; i < roots.size(); i++) {
                Memory mem = m.memories().get(i);
                sink("memory '" + mem.name() + "'", mem.domain(), roots.get(i), mem.loc(), out);
            }
        }

        private void checkChildInputs(List<Diagnostic> out) {
            for (int v = 0; v < m.size(); v++) {
                if (m.node(v) instanceof Node.InstPort p && !p.childOutput()) {
                    Summary cs = child.apply(m.instances().get(p.instance()).module());
                    BitSet sampled = cs == null ? null : cs.sampledIn()[childPortIndex(p)];
                    if (sampled == null) {
                        continue;
                    }
                    for (int k = sampled.nextSetBit(0); k >= 0; k = sampled.nextSetBit(k + 1)) {
                        String what = "input " + m.describe(v) + " (sampled inside the instance)";
                        if (sink(what, domains.get(k), List.of(v), connectLoc(v, p.loc()), out)) {
                            break;
                        }
                    }
                }
            }
        }

        private SourceLoc connectLoc(int target, SourceLoc fallback) {
            for (Stmt s : m.stmts()) {
                if (s instanceof Stmt.Connect c && c.target() == target) {
                    return c.loc();
                }
            }
            return fallback;
        }

        /** Adds the conditions deciding whether a statement in {@code scope} applies (its own and earlier branches'). */
        private void conditions(int scope, List<Integer> roots) {
            for (int sc = scope; sc > 0; sc = m.scope(sc).parent()) {
                var chain = m.chains().get(m.scope(sc).chain());
                if (chain.switchSelector() >= 0) {
                    roots.add(chain.switchSelector());
                }
                for (int br = 0; br <= m.scope(sc).branch(); br++) {
                    int cond = m.scope(chain.branches().get(br)).cond();
                    if (cond >= 0) {
                        roots.add(cond);
                    }
                }
            }
        }

        /**
         * Checks one sink of domain {@code into} that reads the nets {@code roots}; records the
         * input ports it samples for the parent. Returns whether it reported an error.
         */
        private boolean sink(String what, ClockDomain into, List<Integer> roots, SourceLoc loc, List<Diagnostic> out) {
            BitSet from = new BitSet();
            for (int r : roots) {
                from.or(deps[r]);
            }
            int k = domains.indexOf(into);
            for (int b = from.nextSetBit(d); b >= 0; b = from.nextSetBit(b + 1)) {
                int port = b - d;
                if (sampledIn[port] == null) {
                    sampledIn[port] = new BitSet();
                }
                sampledIn[port].set(k);
            }
            for (int e = from.nextSetBit(0); e >= 0 && e < d; e = from.nextSetBit(e + 1)) {
                ClockDomain other = domains.get(e);
                if (!other.relatedTo(into)) {
                    out.add(Diagnostic.error(loc, m.desiredName(), what + " of clock domain " + into.describe()
                            + " reads " + sourceOf(roots, e) + " of clock domain " + other.describe()
                            + " without a synchroniser; the clocks are not related (pass a single bit through "
                            + "Synchronizer, or derive one clock from the other with ClockDomain.related)"));
                    return true;
                }
            }
            return false;
        }

        /** The first net found, searching back from {@code roots}, that brings domain {@code e} in by itself. */
        private String sourceOf(List<Integer> roots, int e) {
            BitSet seen = new BitSet();
            List<Integer> work = new ArrayList<>(roots);
            while (!work.isEmpty()) {
                int v = work.removeLast();
                if (seen.get(v) || !deps[v].get(e)) {
                    continue;
                }
                seen.set(v);
                if (own[v].get(e)) {
                    return m.describe(v);
                }
                for (int k = graph.preds.begin(v); k < graph.preds.end(v); k++) {
                    work.add(graph.preds.item(k));
                }
            }
            return "a signal";
        }
    }
}
