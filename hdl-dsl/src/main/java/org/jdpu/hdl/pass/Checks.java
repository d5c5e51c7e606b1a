package org.jdpu.hdl.pass;

import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.ModuleDef;

import java.util.List;

/** Runs every elaboration check over each distinct module of a design, in a fixed order. */
public final class Checks {
    private Checks() {}

    public static void run(Hierarchy h, List<Diagnostic> out) {
        for (ModuleDef m : h.unique()) {
            NameCheck.run(m, out);
            if (m.isBlackBox()) {
                continue;
            }
            Drivers drivers = Drivers.of(m);
            DriverCheck.run(m, drivers, out);
            LatchCheck.run(m, drivers, out);
            UnusedInputCheck.run(m, Readers.of(m), out);
        }
        CombLoopCheck.run(h, out);
        DomainCheck.run(h, out);
    }
}
