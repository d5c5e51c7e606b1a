package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.Node;

import java.util.List;

/** Warns about input ports that nothing in their module reads. */
public final class UnusedInputCheck {
    private UnusedInputCheck() {}

    public static void run(ModuleDef m, Readers readers, List<Diagnostic> out) {
        if (m.isBlackBox()) {
            return;
        }
        for (int p : m.ports()) {
            if (m.node(p) instanceof Node.Input in && readers.count(p) == 0) {
                out.add(Diagnostic.warning(in.loc(), m.desiredName(), "unused input " + m.describe(p)));
            }
        }
    }
}
