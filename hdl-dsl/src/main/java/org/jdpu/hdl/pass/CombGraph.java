package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.Instance;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.Stmt;
import org.jdpu.hdl.pass.graph.EdgeList;
import org.jdpu.hdl.pass.graph.GroupedInts;

import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/**
 * The word-level combinational dependencies of one module as a compact graph (predecessor lists): an edge u -> v
 * when net v's current value depends on net u's without a register in between. Registers,
 * memory read ports, inputs and constants have no incoming edges. A child instance's output
 * depends on those of its inputs that reach it inside the child (its port paths, computed by {@link CombLoopCheck}).
 */
final class CombGraph {
    /** The nets each net's value depends on directly. */
    final GroupedInts preds;

    private CombGraph(GroupedInts preds) {
        this.preds = preds;
    }

    static CombGraph of(ModuleDef m, Function<ModuleDef, BitSet[]> childPaths) {
        int n = m.size();
        EdgeList edges = new EdgeList(2 * n);
        for (int v = 0; v < n; v++) {
            switch (m.node(v)) {
                case Node.Op op -> {
                    for (int a : op.args()) {
                        edges.add(a, v);
                    }
                }
                case Node.InstPort p when p.childOutput() -> {
                    Instance inst = m.instances().get(p.instance());
                    BitSet[] paths = childPaths.apply(inst.module());
                    List<Integer> childPorts = inst.module().allPorts();
                    int outIdx = childPorts.indexOf(p.childPort());
                    if (paths != null && paths[outIdx] != null) {
                        for (int in = paths[outIdx].nextSetBit(0); in >= 0; in = paths[outIdx].nextSetBit(in + 1)) {
                            edges.add(inst.portNodes()[in], v);
                        }
                    }
                }
                default -> { }
            }
        }
        for (Stmt s : m.stmts()) {
            if (s instanceof Stmt.Connect c && !(m.node(c.target()) instanceof Node.Reg)) {
                edges.add(c.value(), c.target());
                for (int sc = c.scope(); sc > 0; sc = m.scope(sc).parent()) {
                    edges.add(m.scope(sc).cond(), c.target());
                    // Earlier branches of the chain decide too (else-if).
                    var chain = m.chains().get(m.scope(sc).chain());
                    for (int b = 0; b < m.scope(sc).branch(); b++) {
                        int cond = m.scope(chain.branches().get(b)).cond();
                        if (cond >= 0) {
                            edges.add(cond, c.target());
                        }
                    }
                }
            }
        }
        return new CombGraph(edges.predecessors(n));
    }
}
