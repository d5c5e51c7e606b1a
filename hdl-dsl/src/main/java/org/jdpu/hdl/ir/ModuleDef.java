package org.jdpu.hdl.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The netlist of one module instance as its generator built it: nodes (nets), statements under
 * scopes, child instances and memories. Builders append to it during construction; afterwards
 * passes only read it. Every collection is ordered, so every pass and the emitter are
 * deterministic.
 */
public final class ModuleDef {
    private final String generator;
    private String desiredName;
    private final List<Node> nodes = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Map<ClockDomain, int[]> domainPorts = new LinkedHashMap<>();
    private final List<Stmt> stmts = new ArrayList<>();
    private final List<Scope> scopes = new ArrayList<>();
    private final List<Chain> chains = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<Memory> memories = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private BlackBoxInfo blackBox;

    /** External module description: its Verilog name, parameters and source files. */
    public record BlackBoxInfo(String verilogName, Map<String, String> parameters, List<String> sources) {}

    public ModuleDef(String generator, String desiredName) {
        this.generator = generator;
        this.desiredName = desiredName;
        scopes.add(new Scope(-1, -1, 0, -1, SourceLoc.UNKNOWN));
    }

    /** Fully qualified Java class that built this module. */
    public String generator() {
        return generator;
    }

    /** The Verilog module name the generator asked for (deduplication may add a suffix). */
    public String desiredName() {
        return desiredName;
    }

    public void setDesiredName(String name) {
        this.desiredName = name;
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public Node node(int i) {
        return nodes.get(i);
    }

    public int size() {
        return nodes.size();
    }

    /** The name given in Java (port, field, explicit name), or null for a temporary. */
    public String name(int i) {
        return names.get(i);
    }

    public int addNode(Node n, String name) {
        nodes.add(n);
        names.add(name);
        return nodes.size() - 1;
    }

    public void setName(int i, String name) {
        names.set(i, name);
    }

    /** Declared ports in declaration order (clock and reset excluded, see {@link #domainPorts()}). */
    public List<Integer> ports() {
        return Collections.unmodifiableList(ports);
    }

    public void addPort(int node) {
        ports.add(node);
    }

    /**
     * Every port as it appears in the Verilog header: each domain's clock and reset first, then
     * the declared ports in declaration order.
     */
    public List<Integer> allPorts() {
        List<Integer> all = new ArrayList<>(ports.size() + 2 * domainPorts.size());
        for (int[] d : domainPorts.values()) {
            all.add(d[0]);
            if (d[1] >= 0) {
                all.add(d[1]);
            }
        }
        all.addAll(ports);
        return all;
    }

    /** Clock and reset nets per domain: {clock node, reset node or -1}. */
    public Map<ClockDomain, int[]> domainPorts() {
        return domainPorts;
    }

    public List<Stmt> stmts() {
        return Collections.unmodifiableList(stmts);
    }

    public void addStmt(Stmt s) {
        stmts.add(s);
    }

    public List<Scope> scopes() {
        return Collections.unmodifiableList(scopes);
    }

    public Scope scope(int i) {
        return scopes.get(i);
    }

    public int addScope(Scope s) {
        scopes.add(s);
        return scopes.size() - 1;
    }

    public List<Chain> chains() {
        return Collections.unmodifiableList(chains);
    }

    public int addChain(Chain c) {
        chains.add(c);
        return chains.size() - 1;
    }

    public List<Instance> instances() {
        return Collections.unmodifiableList(instances);
    }

    public int addInstance(Instance inst) {
        instances.add(inst);
        return instances.size() - 1;
    }

    public List<Memory> memories() {
        return Collections.unmodifiableList(memories);
    }

    public int addMemory(Memory m) {
        memories.add(m);
        return memories.size() - 1;
    }

    /** Problems found while building (width errors, misuse); passes add theirs elsewhere. */
    public List<Diagnostic> diagnostics() {
        return Collections.unmodifiableList(diagnostics);
    }

    public void report(Diagnostic d) {
        diagnostics.add(d);
    }

    /**
     * Replaces every location of this module (nodes, statements, scopes, instances, memories,
     * diagnostics) by {@code f} of it. Used once, to turn the pending tokens of a fast first run
     * into real locations; the netlist itself does not change.
     */
    public void relocate(UnaryOperator<SourceLoc> f) {
        nodes.replaceAll(n -> switch (n) {
            case Node.Input x -> new Node.Input(x.ty(), f.apply(x.loc()));
            case Node.Output x -> new Node.Output(x.ty(), f.apply(x.loc()));
            case Node.Wire x -> new Node.Wire(x.ty(), f.apply(x.loc()));
            case Node.Reg x -> new Node.Reg(x.ty(), x.domain(), x.init(), x.enable(), x.synchronizer(),
                    f.apply(x.loc()));
            case Node.Const x -> x;
            case Node.Op x -> new Node.Op(x.kind(), x.ty(), x.args(), x.param(), f.apply(x.loc()));
            case Node.InstPort x -> new Node.InstPort(x.instance(), x.childPort(), x.childOutput(), x.ty(), f.apply(x.loc()));
            case Node.MemRead x -> new Node.MemRead(x.mem(), x.addr(), x.enable(), x.ty(), f.apply(x.loc()));
            case Node.DomainPort x -> x;
        });
        stmts.replaceAll(s -> switch (s) {
            case Stmt.Connect c -> new Stmt.Connect(c.target(), c.value(), c.scope(), f.apply(c.loc()));
            case Stmt.MemWrite w -> new Stmt.MemWrite(w.mem(), w.addr(), w.data(), w.mask(), w.scope(), f.apply(w.loc()));
        });
        scopes.replaceAll(s -> new Scope(s.parent(), s.chain(), s.branch(), s.cond(), f.apply(s.loc())));
        instances.replaceAll(i -> new Instance(i.name(), i.module(), i.portNodes(), f.apply(i.loc())));
        memories.replaceAll(m -> new Memory(m.name(), m.word(), m.depth(), m.lanes(), m.initFile(), m.domain(),
                f.apply(m.loc())));
        diagnostics.replaceAll(d -> new Diagnostic(d.severity(), f.apply(d.loc()), d.module(), d.message()));
    }

    public BlackBoxInfo blackBox() {
        return blackBox;
    }

    public void setBlackBox(BlackBoxInfo info) {
        this.blackBox = info;
    }

    public boolean isBlackBox() {
        return blackBox != null;
    }

    /**
     * The condition net a printed if / else chain tests to enter branch scope {@code s}, or -1:
     * otherwise branches test nothing, and neither does the last case of a switch whose cases
     * cover every selector value (it is the chain's final else).
     */
    public int testedCondition(int s) {
        Scope sc = scopes.get(s);
        if (sc.cond() < 0) {
            return -1;
        }
        Chain c = chains.get(sc.chain());
        if (c.exhaustive() && sc.branch() == c.branches().size() - 1) {
            return -1;
        }
        return sc.cond();
    }

    /** A readable name of net {@code i} for messages: its Java name or a description of the node. */
    public String describe(int i) {
        String n = names.get(i);
        if (n != null) {
            return "'" + n + "'";
        }
        Node node = nodes.get(i);
        return switch (node) {
            case Node.Op op -> op.kind().name().toLowerCase(java.util.Locale.ROOT) + " result";
            case Node.Const c -> "constant " + c.bits();
            case Node.InstPort p -> "'" + instances.get(p.instance()).name() + "."
                    + instances.get(p.instance()).module().name(p.childPort()) + "'";
            default -> node.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " #" + i;
        };
    }
}
