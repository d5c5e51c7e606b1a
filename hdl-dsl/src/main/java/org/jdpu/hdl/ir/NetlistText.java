package org.jdpu.hdl.ir;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;

/**
 * The textual form of a module's netlist: one line per node, memory, instance, chain, scope and
 * statement, in netlist order, so two netlists print the same text exactly when they are the
 * same. Deduplication compares modules by this text (without locations), and the IR golden tests
 * read it. Nets are {@code %i}, scopes {@code ^i}, instances {@code #i}, memories {@code $i}:
 *
 * <pre>
 * module Counter from org.example.Counter
 *   ports %0 %1 %2 %3
 *   %0 = clock domain(clk, rst)
 *   %1 = reset domain(clk, rst)
 *   %2 = input Bool "en"
 *   %3 = output UInt(4) "count"
 *   %4 = reg UInt(4) domain(clk, rst) init 0 "c"
 *   %5 = const UInt(1) 1
 *   %6 = add UInt(5) %4, %5
 *   %7 = resize UInt(4) %6
 *   chain 0 under ^0
 *     ^1 = when %2
 *   connect %4 &lt;- %7 in ^1
 *   connect %3 &lt;- %4 in ^0
 * </pre>
 */
public final class NetlistText {
    private static final String[] OP_NAMES = java.util.Arrays.stream(OpKind.values())
            .map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

    private final ModuleDef m;
    private final LocationStyle locations;
    private final Function<ModuleDef, String> childName;
    private final StringBuilder out;

    private NetlistText(ModuleDef m, LocationStyle locations, Function<ModuleDef, String> childName) {
        this.m = m;
        this.locations = locations;
        this.childName = childName;
        this.out = new StringBuilder(128 + 40 * (m.size() + m.stmts().size()));
    }

    /** {@code m} with {@code File.java:line} locations, children by the module name they asked for. */
    public static String print(ModuleDef m) {
        return print(m, LocationStyle.FILE_LINE);
    }

    public static String print(ModuleDef m, LocationStyle locations) {
        return print(m, locations, ModuleDef::desiredName);
    }

    /** {@code m} with locations in style {@code locations}, each child module shown as {@code childName} of it. */
    public static String print(ModuleDef m, LocationStyle locations, Function<ModuleDef, String> childName) {
        return new NetlistText(m, locations, childName).module();
    }

    private String module() {
        out.append("module ").append(m.desiredName()).append(" from ").append(m.generator()).append('\n');
        if (m.isBlackBox()) {
            ModuleDef.BlackBoxInfo bb = m.blackBox();
            out.append("  blackbox ");
            quoted(bb.verilogName());
            out.append(" parameters ").append(bb.parameters()).append(" sources ").append(bb.sources()).append('\n');
        }
        out.append("  ports");
        for (int p : m.allPorts()) {
            out.append(" %").append(p);
        }
        out.append('\n');
        for (int i = 0; i < m.memories().size(); i++) {
            memory(i, m.memories().get(i));
        }
        for (int i = 0; i < m.instances().size(); i++) {
            instance(i, m.instances().get(i));
        }
        for (int i = 0; i < m.size(); i++) {
            node(i, m.node(i));
        }
        scopes();
        for (Stmt s : m.stmts()) {
            statement(s);
        }
        return out.toString();
    }

    private void memory(int i, Memory mem) {
        out.append("  memory $").append(i).append(' ');
        quoted(mem.name());
        ty(out.append(' '), mem.word()).append(" x ").append(mem.depth()).append(" lanes ").append(mem.lanes())
                .append(' ');
        domain(mem.domain());
        if (mem.initFile() != null) {
            out.append(" init ");
            quoted(mem.initFile());
        }
        end(mem.loc());
    }

    private void instance(int i, Instance inst) {
        out.append("  instance #").append(i).append(' ');
        quoted(inst.name());
        out.append(" of ").append(childName.apply(inst.module())).append(" ports");
        for (int p : inst.portNodes()) {
            out.append(" %").append(p);
        }
        end(inst.loc());
    }

    private void node(int i, Node n) {
        out.append("  %").append(i).append(" = ");
        switch (n) {
            case Node.Input x -> ty(out.append("input "), x.ty());
            case Node.Output x -> ty(out.append("output "), x.ty());
            case Node.Wire x -> ty(out.append("wire "), x.ty());
            case Node.Reg x -> {
                ty(out.append("reg "), x.ty()).append(' ');
                domain(x.domain());
                if (x.init() != null) {
                    out.append(" init ").append(value(x.ty(), x.init()));
                }
                if (x.enable() >= 0) {
                    out.append(" enable %").append(x.enable());
                }
                if (x.synchronizer()) {
                    out.append(" synchronizer");
                }
            }
            case Node.Const x -> ty(out.append("const "), x.ty()).append(' ').append(value(x.ty(), x.bits()));
            case Node.Op x -> op(x);
            case Node.InstPort x -> {
                Instance inst = m.instances().get(x.instance());
                ty(out.append(x.childOutput() ? "instance_output " : "instance_input "), x.ty()).append(" #")
                        .append(x.instance()).append(".%").append(x.childPort()).append(" (").append(inst.name())
                        .append('.').append(inst.module().name(x.childPort())).append(')');
            }
            case Node.MemRead x -> {
                ty(out.append("mem_read "), x.ty()).append(" $").append(x.mem()).append("[%").append(x.addr())
                        .append(']');
                if (x.enable() >= 0) {
                    out.append(" enable %").append(x.enable());
                }
            }
            case Node.DomainPort x -> {
                out.append(x.reset() ? "reset " : "clock ");
                domain(x.domain());
            }
        }
        String name = m.name(i);
        if (name != null) {
            out.append(' ');
            quoted(name);
        }
        end(n.loc());
    }

    private void op(Node.Op x) {
        ty(out.append(OP_NAMES[x.kind().ordinal()]).append(' '), x.ty());
        int[] args = x.args();
        for (int k = 0; k < args.length; k++) {
            out.append(k == 0 ? " %" : ", %").append(args[k]);
        }
        switch (x.kind()) {
            case SHL -> out.append(" by ").append(x.param());
            case SLICE -> out.append(" from ").append(x.param());
            default -> {
                // Other operators ignore param; shown only if set, so the text stays exact.
                if (x.param() != 0) {
                    out.append(" param ").append(x.param());
                }
            }
        }
    }

    /**
     * Chains with their branches indented below them. A branch's parent scope and position are
     * those of its chain; the rare scope that disagrees, or belongs to no chain, is printed with
     * its raw fields so that no difference is hidden.
     */
    private void scopes() {
        boolean[] shown = new boolean[m.scopes().size()];
        shown[Scope.ROOT] = true;
        List<Chain> chains = m.chains();
        for (int c = 0; c < chains.size(); c++) {
            Chain chain = chains.get(c);
            boolean isSwitch = chain.switchSelector() >= 0;
            out.append("  chain ").append(c).append(" under ^").append(chain.parentScope());
            if (isSwitch) {
                out.append(" switch %").append(chain.switchSelector());
            }
            if (chain.exhaustive()) {
                out.append(" exhaustive");
            }
            out.append('\n');
            List<Integer> branches = chain.branches();
            for (int b = 0; b < branches.size(); b++) {
                int s = branches.get(b);
                Scope sc = m.scope(s);
                boolean consistent = sc.chain() == c && sc.branch() == b && sc.parent() == chain.parentScope();
                out.append("    ^").append(s).append(" = ");
                if (sc.cond() < 0) {
                    out.append(isSwitch ? "default" : "otherwise");
                } else {
                    out.append(isSwitch ? "is" : b == 0 ? "when" : "elsewhen").append(" %").append(sc.cond());
                }
                if (!consistent || shown[s]) {
                    raw(sc);
                }
                shown[s] = true;
                end(sc.loc());
            }
        }
        for (int s = 0; s < shown.length; s++) {
            if (!shown[s]) {
                out.append("  ^").append(s).append(" = scope");
                raw(m.scope(s));
                end(m.scope(s).loc());
            }
        }
    }

    private void raw(Scope sc) {
        out.append(" [parent ^").append(sc.parent()).append(" chain ").append(sc.chain()).append(" branch ")
                .append(sc.branch()).append(" cond %").append(sc.cond()).append(']');
    }

    private void statement(Stmt s) {
        switch (s) {
            case Stmt.Connect c -> out.append("  connect %").append(c.target()).append(" <- %").append(c.value());
            case Stmt.MemWrite w -> {
                out.append("  write $").append(w.mem()).append("[%").append(w.addr()).append("] <- %")
                        .append(w.data());
                if (w.mask() >= 0) {
                    out.append(" mask %").append(w.mask());
                }
            }
        }
        out.append(" in ^").append(s.scope());
        end(s.loc());
    }

    private void domain(ClockDomain d) {
        out.append("domain(").append(d.clock()).append(", ").append(d.reset());
        if (d.root() != null) {
            out.append(", ").append(d.ratio()).append("x ").append(d.root());
        }
        out.append(')');
    }

    /** As {@link Ty#toString}, without building a string per net (deduplication prints every module). */
    private static StringBuilder ty(StringBuilder b, Ty ty) {
        return switch (ty.kind()) {
            case BOOL -> b.append("Bool");
            case UINT -> b.append("UInt(").append(ty.width()).append(')');
            case SINT -> b.append("SInt(").append(ty.width()).append(')');
        };
    }

    /** A bit pattern as the value its type reads it as: signed for SInt, unsigned otherwise. */
    private static String value(Ty ty, BigInteger bits) {
        if (ty.signed() && bits.testBit(ty.width() - 1)) {
            return bits.subtract(BigInteger.ONE.shiftLeft(ty.width())).toString();
        }
        return bits.toString();
    }

    /** Names may hold any character (the emitter legalises them later), so they are quoted and escaped. */
    private void quoted(String s) {
        out.append('"');
        if (plain(s)) {
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"', '\\' -> out.append('\\').append(ch);
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == '"' || ch == '\\') {
                return false;
            }
        }
        return true;
    }

    private void end(SourceLoc loc) {
        String where = locations.format(loc);
        if (where != null) {
            out.append(" @[").append(where).append(']');
        }
        out.append('\n');
    }
}
