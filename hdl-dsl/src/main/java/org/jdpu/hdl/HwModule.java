package org.jdpu.hdl;

import org.jdpu.hdl.ir.Chain;
import org.jdpu.hdl.ir.ClockDomain;
import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.Instance;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.Scope;
import org.jdpu.hdl.ir.SourceLoc;
import org.jdpu.hdl.ir.Stmt;
import org.jdpu.hdl.ir.Ty;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hardware module: subclass it and build the hardware in the constructor. Ports are declared
 * with {@link #input} / {@link #output}, child modules are added with
 * {@code instance("name", new Child(...))}, and everything else comes from {@link Hdl}. Fields
 * holding signals name them in the Verilog.
 *
 * <p>Named {@code HwModule} rather than {@code Module} because every Java file implicitly imports
 * {@code java.lang.Module}: with {@code import org.jdpu.hdl.*;} a plain {@code Module} would be
 * ambiguous. {@code Component} was the other candidate, but it clashes with {@code java.awt.Component}
 * under a wildcard import and says less; {@code HwModule} names what a Verilog {@code module} is.
 *
 * <pre>{@code
 * final class Counter extends HwModule {
 *     final Bool en = input("en", bool());
 *     final UInt count = output("count", uint(8));
 *     Counter() {
 *         UInt c = regInit("c", uint(8), 0);
 *         when(en, () -> c.assign(c.addWrap(1)));
 *         count.assign(c);
 *     }
 * }
 * }</pre>
 */
public abstract class HwModule {
    final ModuleDef def;
    final HwModule parent;
    final Elaboration elab;
    final SourceLoc createdAt;
    /** Position in construction order; the same module has the same index in every run of a generator. */
    final int index;
    /** The domain new registers and memories go to: the parent's at construction, changed by {@link Hdl#inDomain}. */
    private ClockDomain domain;

    /** Scope receiving new statements. */
    int scope = Scope.ROOT;
    /** The chain that elseWhen / otherwise may still extend, and the statement count when it closed. */
    private int openChain = -1;
    private int openChainMark = -1;
    private int openChainChains = -1;

    /** For a child: its port node -> the parent's node standing for that port (-1 elsewhere). */
    int[] parentNodes;
    String instanceName;
    boolean finished;

    private final Map<ConstKey, Integer> constants = new HashMap<>();

    private record ConstKey(Ty ty, BigInteger bits) {}

    // Registering the module under construction is the point: its constructor body builds into it.
    @SuppressWarnings("this-escape")
    protected HwModule() {
        elab = Elaboration.get();
        parent = elab.stack.peek();
        createdAt = Locations.constructionSite(getClass(), parent);
        index = elab.modules.size();
        domain = parent == null ? ClockDomain.DEFAULT : parent.domain;
        String simple = getClass().getSimpleName();
        def = new ModuleDef(getClass().getName(), simple.isEmpty() ? "Module" : simple);
        elab.stack.push(this);
        elab.modules.add(this);
    }

    /**
     * The Verilog module name, by default the class's simple name. Asked once construction has
     * finished, so it may use the generator's parameters. Structurally different modules with the
     * same name get suffixes {@code _1}, {@code _2}, ... when emitted.
     */
    protected String moduleName() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? "Module" : simple;
    }

    /**
     * The clock domain that registers and memories built now belong to: the one the parent was
     * building in when this module was constructed ({@link ClockDomain#DEFAULT} at the top), or
     * the one of the enclosing {@link Hdl#inDomain} block.
     */
    public final ClockDomain domain() {
        return domain;
    }

    /** Runs {@code body} with {@code d} as the domain of new registers, memories and child modules. */
    void inDomain(ClockDomain d, Runnable body) {
        ClockDomain saved = domain;
        domain = d;
        try {
            body.run();
        } finally {
            domain = saved;
        }
    }

    /** The netlist built so far (read only; for passes, tests and tools). */
    public final ModuleDef netlist() {
        return def;
    }

    // ---- ports ----

    /** Declares input port(s) {@code name} of the prototype's shape and returns the bound prototype. */
    protected final <T extends Data> T input(String name, T proto) {
        return bindPort(name, proto, false);
    }

    /** Declares output port(s) {@code name}; flipped bundle fields become inputs. */
    protected final <T extends Data> T output(String name, T proto) {
        return bindPort(name, proto, true);
    }

    private <T extends Data> T bindPort(String name, T proto, boolean out) {
        SourceLoc loc = Locations.here();
        if (elab.stack.peek() != this) {
            report(loc, "port '" + name + "' can only be declared while " + def.desiredName() + " is being constructed");
            return proto;
        }
        for (Data.Leaf leaf : proto.leaves()) {
            Signal s = leaf.signal();
            String n = Data.join(name, leaf.name());
            if (!checkUnbound(s, n, loc)) {
                continue;
            }
            if (!(this instanceof BlackBox) && (n.equals(domain.clock()) || n.equals(domain.reset()))) {
                report(loc, "port name '" + n + "' is reserved for the clock domain; it is added automatically");
            }
            boolean isOut = out ^ leaf.flipped();
            int net = def.addNode(isOut ? new Node.Output(s.ty, loc) : new Node.Input(s.ty, loc), n);
            def.addPort(net);
            s.owner = this;
            s.net = net;
        }
        return proto;
    }

    private boolean checkUnbound(Signal s, String name, SourceLoc loc) {
        if (s.owner != null) {
            report(loc, "'" + name + "' is given a prototype that is already hardware (" + s
                    + "); pass a fresh type such as uint(8)");
            return false;
        }
        return true;
    }

    <T extends Data> T bindWire(String name, T proto, SourceLoc loc) {
        for (Data.Leaf leaf : proto.leaves()) {
            Signal s = leaf.signal();
            String n = name == null ? null : Data.join(name, leaf.name());
            if (checkUnbound(s, n, loc)) {
                s.net = def.addNode(new Node.Wire(s.ty, loc), n);
                s.owner = this;
            }
        }
        return proto;
    }

    <T extends Data> T bindReg(String name, T proto, BigInteger init, Bool enable, SourceLoc loc) {
        return bindReg(name, proto, init, enable, false, loc);
    }

    <T extends Data> T bindReg(String name, T proto, BigInteger init, Bool enable, boolean synchronizer,
                               SourceLoc loc) {
        int en = enable == null ? -1 : ref(enable, loc);
        int[] dom = domainNets(init != null);
        assert dom[0] >= 0;
        for (Data.Leaf leaf : proto.leaves()) {
            Signal s = leaf.signal();
            String n = name == null ? null : Data.join(name, leaf.name());
            if (!checkUnbound(s, n, loc)) {
                continue;
            }
            BigInteger bits = null;
            if (init != null) {
                if (!Build.fits(s.ty, init)) {
                    report(loc, "reset value " + init + " does not fit " + s.ty + " of register " + n);
                    bits = BigInteger.ZERO;
                } else {
                    bits = Build.toBits(s.ty, init);
                }
            }
            s.net = def.addNode(new Node.Reg(s.ty, domain, bits, en, synchronizer, loc), n);
            s.owner = this;
        }
        return proto;
    }

    /** The clock and (if asked) reset nets of the current domain, created on first use. */
    int[] domainNets(boolean needReset) {
        return domainNets(domain, needReset);
    }

    /** The clock and (if asked) reset nets of domain {@code d}, created on first use. */
    int[] domainNets(ClockDomain d, boolean needReset) {
        int[] nets = def.domainPorts().get(d);
        if (nets == null) {
            // After a clash the ports get unreachable names, so that only this message is reported.
            String suffix = clashingDomainNames(d) ? "_clash" : "";
            nets = new int[] {def.addNode(new Node.DomainPort(d, false, SourceLoc.UNKNOWN), d.clock() + suffix), -1};
            def.domainPorts().put(d, nets);
        }
        if (needReset && nets[1] < 0) {
            String suffix = def.name(nets[0]).endsWith("_clash") ? "_clash" : "";
            nets[1] = def.addNode(new Node.DomainPort(d, true, SourceLoc.UNKNOWN), d.reset() + suffix);
        }
        return nets;
    }

    /** Two domains of one module must not share a port name: the Verilog would need two ports of that name. */
    private boolean clashingDomainNames(ClockDomain d) {
        for (ClockDomain other : def.domainPorts().keySet()) {
            for (String n : new String[] {d.clock(), d.reset()}) {
                if (n.equals(other.clock()) || n.equals(other.reset())) {
                    report(Locations.here(), "clock domains " + other.describe() + " and " + d.describe()
                            + " both use the port name '" + n + "' in " + def.desiredName()
                            + "; give each domain its own clock and reset names");
                    return true;
                }
            }
        }
        return false;
    }

    /** The clock of the current domain as a Bool, e.g. to drive a black box's clock input. */
    protected final Bool clock() {
        return new Bool(this, domainNets(false)[0]);
    }

    /** The synchronous active-high reset of the current domain as a Bool. */
    protected final Bool reset() {
        return new Bool(this, domainNets(true)[1]);
    }

    /** The clock of domain {@code d} as a Bool (adds the domain's clock port if needed). */
    protected final Bool clock(ClockDomain d) {
        return new Bool(this, domainNets(d, false)[0]);
    }

    /** The reset of domain {@code d} as a Bool (adds the domain's reset port if needed). */
    protected final Bool reset(ClockDomain d) {
        return new Bool(this, domainNets(d, true)[1]);
    }

    // ---- hierarchy ----

    /**
     * Adds a child: {@code Pe pe = instance("pe0", new Pe(8));}. The child's ports are then used
     * from this module: drive its inputs with {@code assign}, read its outputs. The clock and
     * reset of each of its domains are connected to this module's ports of the same domain.
     */
    protected final <M extends HwModule> M instance(String name, M child) {
        SourceLoc loc = Locations.here(this);
        if (elab.stack.peek() != child || child.parent != this) {
            report(loc, "instance(\"" + name + "\", ...) must wrap the constructor call directly: instance(\""
                    + name + "\", new " + child.getClass().getSimpleName() + "(...)) inside " + def.desiredName());
            elab.stack.remove(child);
            return child;
        }
        elab.stack.pop();
        child.finish();
        int instIdx = def.instances().size();
        List<Integer> childPorts = child.def.allPorts();
        int[] portNodes = new int[childPorts.size()];
        int[] map = new int[child.def.size()];
        Arrays.fill(map, -1);
        for (int i = 0; i < childPorts.size(); i++) {
            int p = childPorts.get(i);
            Node pn = child.def.node(p);
            boolean childOut = pn instanceof Node.Output;
            int node = def.addNode(new Node.InstPort(instIdx, p, childOut, pn.ty(), loc), null);
            portNodes[i] = node;
            map[p] = node;
            if (pn instanceof Node.DomainPort dp) {
                int[] mine = domainNets(dp.domain(), dp.reset());
                def.addStmt(new Stmt.Connect(node, dp.reset() ? mine[1] : mine[0], Scope.ROOT, loc));
            }
        }
        def.addInstance(new Instance(name, child.def, portNodes, loc));
        child.parentNodes = map;
        child.instanceName = name;
        return child;
    }

    /** Called once construction is over: fixes the module name and names signals after fields. */
    void finish() {
        String n = moduleName();
        def.setDesiredName(n == null || n.isBlank() ? "Module" : n);
        FieldNamer.nameFields(this);
        finished = true;
    }

    // ---- resolution of signals used in this module ----

    /** The node of this module that reads {@code s}; reports misuse and returns a placeholder. */
    int ref(Signal s, SourceLoc loc) {
        if (s.owner == this) {
            return s.net;
        }
        if (s.owner == null) {
            report(loc, "a prototype (" + s.ty + ") is used as hardware; bind it first with wire/reg/input/output");
            return constant(s.ty, BigInteger.ZERO);
        }
        if (s.owner.parent == this && s.owner.parentNodes != null && s.owner.parentNodes[s.net] >= 0) {
            return s.owner.parentNodes[s.net];
        }
        report(loc, crossModule(s));
        return constant(s.ty, BigInteger.ZERO);
    }

    private String crossModule(Signal s) {
        HwModule other = s.owner;
        String what = other.def.describe(s.net);
        if (other.parent == this && other.parentNodes == null) {
            return "signal " + what + " of " + other.def.desiredName() + " is used before instance(...) added "
                    + "that module";
        }
        if (other.parent == this) {
            return "signal " + what + " of instance '" + other.instanceName + "' is not a port; only ports of a "
                    + "child can be used by its parent";
        }
        return "signal " + what + " belongs to module " + other.def.desiredName() + " and is used in "
                + def.desiredName() + " without a port; pass it through a port";
    }

    /** The node that {@code s} drives when assigned in this module, or -1 after reporting why not. */
    int sinkRef(Signal s, SourceLoc loc) {
        int n = ref(s, loc);
        if (s.owner != this && s.owner != null && !(s.owner.parent == this && s.owner.parentNodes != null)) {
            return -1;
        }
        if (s.owner == null) {
            return -1;
        }
        Node node = def.node(n);
        return switch (node) {
            case Node.Output o -> n;
            case Node.Wire w -> n;
            case Node.Reg r -> n;
            case Node.InstPort p when !p.childOutput() -> n;
            case Node.InstPort p -> {
                report(loc, "cannot assign to " + def.describe(n) + ": it is an output of the instance");
                yield -1;
            }
            case Node.Input i -> {
                report(loc, "cannot assign to input port " + def.describe(n));
                yield -1;
            }
            default -> {
                report(loc, "cannot assign to " + def.describe(n) + ": only outputs, wires, registers and "
                        + "instance inputs can be assigned");
                yield -1;
            }
        };
    }

    int constant(Ty ty, BigInteger bits) {
        ConstKey k = new ConstKey(ty, bits);
        Integer net = constants.get(k);
        if (net == null) {
            net = def.addNode(new Node.Const(ty, bits, SourceLoc.UNKNOWN), null);
            constants.put(k, net);
        }
        return net;
    }

    void report(SourceLoc loc, String message) {
        def.report(Diagnostic.error(loc, def.desiredName(), message));
    }

    // ---- when / switch chains ----

    int openChain(int selector) {
        Chain c = new Chain(scope, selector);
        return def.addChain(c);
    }

    /** Runs {@code body} as the next branch of chain {@code chainId} (cond -1 = otherwise). */
    void branch(int chainId, int cond, Runnable body, SourceLoc loc) {
        Chain c = def.chains().get(chainId);
        int s = def.addScope(new Scope(c.parentScope(), chainId, c.branches().size(), cond, loc));
        c.addBranch(s);
        int saved = scope;
        scope = s;
        try {
            body.run();
        } finally {
            scope = saved;
        }
        openChain = chainId;
        openChainMark = def.stmts().size();
        openChainChains = def.chains().size();
    }

    /** elseWhen / otherwise / is may only extend the chain built last, with nothing in between. */
    boolean canExtend(int chainId) {
        return openChain == chainId && openChainMark == def.stmts().size()
                && openChainChains == def.chains().size() && scope == def.chains().get(chainId).parentScope();
    }

    /** Lets a fresh switch accept its first case (nothing has been built inside it yet). */
    void markOpen(int chainId) {
        openChain = chainId;
        openChainMark = def.stmts().size();
        openChainChains = def.chains().size();
    }

    /** Names unnamed signals after the fields that hold them. */
    static final class FieldNamer {
        private FieldNamer() {}

        static void nameFields(HwModule m) {
            for (Class<?> c = m.getClass(); c != null && c != HwModule.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || f.isSynthetic()) {
                        continue;
                    }
                    Object value;
                    try {
                        f.setAccessible(true);
                        value = f.get(m);
                    } catch (RuntimeException | IllegalAccessException e) {
                        continue;
                    }
                    nameValue(m, f.getName(), value, 0);
                }
            }
        }

        private static void nameValue(HwModule m, String name, Object value, int depth) {
            if (value == null || depth > 3) {
                return;
            }
            if (value instanceof Data d) {
                for (Data.Leaf leaf : d.leaves()) {
                    Signal s = leaf.signal();
                    if (s.owner == m && m.def.name(s.net) == null && !(m.def.node(s.net) instanceof Node.Const)) {
                        m.def.setName(s.net, Data.join(name, leaf.name()));
                    }
                }
            } else if (value instanceof Object[] arr) {
                for (int i = 0; i < arr.length; i++) {
                    nameValue(m, name + "_" + i, arr[i], depth + 1);
                }
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    nameValue(m, name + "_" + i, list.get(i), depth + 1);
                }
            }
        }
    }
}
