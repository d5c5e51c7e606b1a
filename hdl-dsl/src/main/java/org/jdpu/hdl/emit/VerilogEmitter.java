package org.jdpu.hdl.emit;

import org.jdpu.hdl.pass.Keywords;

import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.pass.Drivers;
import org.jdpu.hdl.pass.Hierarchy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits a checked, deduplicated design: names the modules, then for each structurally distinct
 * module, children first, prepares ({@link Legalize} chooses every name) and prints
 * ({@link VerilogPrinter}) it into its own file (file name = module name, as lint expects).
 */
public final class VerilogEmitter {
    private VerilogEmitter() {}

    public static VerilogOutput emit(Hierarchy h, String topName, EmitOptions options) {
        if (!Keywords.isLegal(topName)) {
            throw new IllegalArgumentException("top module name '" + topName + "' is not a legal Verilog identifier");
        }
        Map<ModuleDef, String> names = ModuleNames.assign(h, topName);
        List<VerilogFile> files = new ArrayList<>();
        Set<String> external = new LinkedHashSet<>();
        for (ModuleDef m : h.unique()) {
            if (m.isBlackBox()) {
                external.addAll(m.blackBox().sources());
                continue;
            }
            String name = names.get(m);
            // All decisions are made before printing starts, so the printer only renders them.
            Drivers drivers = Drivers.of(m);
            Liveness live = Liveness.of(m);
            NetNames netNames = Legalize.run(m, drivers, live);
            String text = VerilogPrinter.print(m, name, k -> names.get(h.rep(m.instances().get(k).module())),
                    netNames, drivers, live, options);
            files.add(new VerilogFile(name + ".v", name, text));
        }
        return new VerilogOutput(topName, files, new ArrayList<>(external));
    }
}
