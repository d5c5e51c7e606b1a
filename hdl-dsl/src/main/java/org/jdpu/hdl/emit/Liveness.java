package org.jdpu.hdl.emit;

import org.jdpu.hdl.ir.Chain;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.OpKind;
import org.jdpu.hdl.ir.Scope;
import org.jdpu.hdl.ir.Stmt;

import java.util.BitSet;

/**
 * Which operator nodes the emitter prints (those something reads) and which bits of every net
 * are read. Statements, registers, memories and ports are roots; operators become live when a
 * live reader uses them. One backwards sweep suffices because an operator's arguments always
 * have lower indexes than the operator.
 */
final class Liveness {
    private final boolean[] live;
    private final boolean[] readAll;
    private final BitSet[] readSome;
    private final boolean[] condRead;

    private Liveness(int n, int scopes) {
        live = new boolean[n];
        readAll = new boolean[n];
        readSome = new BitSet[n];
        condRead = new boolean[scopes];
    }

    static Liveness of(ModuleDef m) {
        Liveness l = new Liveness(m.size(), m.scopes().size());
        l.markRoots(m);
        for (int i = m.size() - 1; i >= 0; i--) {
            if (m.node(i) instanceof Node.Op op && l.live[i]) {
                l.readArgs(m, i, op);
            }
        }
        return l;
    }

    private void markRoots(ModuleDef m) {
        for (Stmt s : m.stmts()) {
            switch (s) {
                case Stmt.Connect c -> read(c.value());
                case Stmt.MemWrite w -> {
                    read(w.addr());
                    read(w.data());
                    if (w.mask() >= 0) {
                        read(w.mask());
                    }
                }
            }
            markConditions(m, s.scope());
        }
        for (int i = 0; i < m.size(); i++) {
            Node n = m.node(i);
            switch (n) {
                case Node.Output o -> read(i);
                case Node.Reg r -> {
                    if (r.enable() >= 0) {
                        read(r.enable());
                    }
                }
                case Node.MemRead r -> {
                    read(r.addr());
                    if (r.enable() >= 0) {
                        read(r.enable());
                    }
                }
                case Node.InstPort p when !p.childOutput() -> read(i);
                default -> { }
            }
        }
        // Clock and reset exist only because clocked logic or a child needs them.
        for (int[] d : m.domainPorts().values()) {
            read(d[0]);
            if (d[1] >= 0) {
                read(d[1]);
            }
        }
    }

    /** The conditions an if/else chain must test to reach {@code scope}: its own and every earlier branch's. */
    private void markConditions(ModuleDef m, int scope) {
        for (int s = scope; s > 0; ) {
            Scope sc = m.scope(s);
            if (condRead[s]) {
                break;
            }
            Chain chain = m.chains().get(sc.chain());
            for (int b = 0; b <= sc.branch(); b++) {
                int bs = chain.branches().get(b);
                if (!condRead[bs]) {
                    condRead[bs] = true;
                    int cond = m.testedCondition(bs);
                    if (cond >= 0) {
                        read(cond);
                    }
                }
            }
            s = sc.parent();
        }
    }

    private void readArgs(ModuleDef m, int self, Node.Op op) {
        int[] a = op.args();
        switch (op.kind()) {
            case SLICE -> readBits(a[0], op.param(), op.param() + op.ty().width());
            case CAST -> {
                // Printed as its operand, so exactly the bits read from it are read from the operand;
                // a signed-to-unsigned cast is a net of its own that reads the whole operand (Legalize).
                if (readAll[self] || (!op.ty().signed() && m.node(a[0]).ty().signed())) {
                    read(a[0]);
                } else if (readSome[self] != null) {
                    BitSet bits = readSome[self];
                    for (int b = bits.nextSetBit(0); b >= 0; b = bits.nextSetBit(b + 1)) {
                        readBits(a[0], b, b + 1);
                    }
                }
            }
            case RESIZE -> {
                int w = m.node(a[0]).ty().width();
                if (op.ty().width() < w) {
                    readBits(a[0], 0, op.ty().width());
                } else {
                    read(a[0]);
                }
            }
            default -> {
                for (int x : a) {
                    read(x);
                }
            }
        }
        if (op.kind() == OpKind.CAT && a.length == 0) {
            throw new IllegalStateException("empty concatenation");
        }
    }

    private void read(int net) {
        live[net] = true;
        readAll[net] = true;
    }

    private void readBits(int net, int from, int to) {
        live[net] = true;
        if (readAll[net]) {
            return;
        }
        BitSet b = readSome[net];
        if (b == null) {
            b = new BitSet();
            readSome[net] = b;
        }
        b.set(from, to);
    }

    /** True when something reads net {@code i} (an operator is printed only then). */
    boolean live(int i) {
        return live[i];
    }

    /** The bits of net {@code i} (of width {@code w}) that nothing reads. */
    BitSet unread(int i, int w) {
        BitSet u = new BitSet(w);
        if (readAll[i]) {
            return u;
        }
        u.set(0, w);
        if (readSome[i] != null) {
            u.andNot(readSome[i]);
        }
        return u;
    }
}
