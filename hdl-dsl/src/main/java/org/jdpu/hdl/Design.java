package org.jdpu.hdl;

import org.jdpu.hdl.emit.EmitOptions;
import org.jdpu.hdl.emit.VerilogEmitter;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.pass.Checks;
import org.jdpu.hdl.pass.Dedup;
import org.jdpu.hdl.pass.Hierarchy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An elaborated, checked design, ready to emit.
 *
 * <pre>{@code
 * Design d = Design.elaborate(() -> new PeArray(2, 2));
 * d.write(Path.of("out"), "pe_array");   // out/pe_array.v, out/Pe.v, out/filelist.f
 * }</pre>
 */
public final class Design {
    private final Module top;
    private final Hierarchy hierarchy;
    private final List<Diagnostic> warnings;
    private final Timings timings;

    /** Wall-clock time of each phase, in nanoseconds. */
    public record Timings(long buildNanos, long dedupNanos, long checkNanos) {}

    private Design(Module top, Hierarchy hierarchy, List<Diagnostic> warnings, Timings timings) {
        this.top = top;
        this.hierarchy = hierarchy;
        this.warnings = List.copyOf(warnings);
        this.timings = timings;
    }

    /**
     * Runs {@code generator} (which constructs the top module), then deduplicates and checks the
     * design. Throws {@link ElaborationException} listing every error if there is any.
     */
    public static Design elaborate(Supplier<? extends Module> generator) {
        long t0 = System.nanoTime();
        Elaboration e = Elaboration.begin();
        Module top;
        Set<Diagnostic> errors = new LinkedHashSet<>();
        try {
            top = generator.get();
            if (top == null) {
                throw new IllegalArgumentException("the generator returned no module");
            }
            while (e.stack.size() > 1) {
                Module orphan = e.stack.pop();
                errors.add(Diagnostic.error(orphan.createdAt, orphan.def.desiredName(),
                        "module " + orphan.getClass().getSimpleName() + " was constructed but never added with "
                                + "instance(\"name\", new " + orphan.getClass().getSimpleName() + "(...)); "
                                + "everything built after it went into it, so other errors are not reported"));
            }
            if (!errors.isEmpty()) {
                throw new ElaborationException(top.def.desiredName(), new ArrayList<>(errors), List.of());
            }
            if (e.stack.peek() != top) {
                throw new IllegalStateException("the generator must return the module it constructed");
            }
            e.stack.pop();
            top.finish();
        } finally {
            Elaboration.end();
        }
        long t1 = System.nanoTime();
        Hierarchy h = Dedup.run(top.def);
        long t2 = System.nanoTime();
        Set<Diagnostic> warnings = new LinkedHashSet<>();
        for (Module m : e.modules) {
            for (Diagnostic d : m.def.diagnostics()) {
                (d.isError() ? errors : warnings).add(d);
            }
        }
        List<Diagnostic> found = new ArrayList<>();
        Checks.run(h, found);
        for (Diagnostic d : found) {
            (d.isError() ? errors : warnings).add(d);
        }
        long t3 = System.nanoTime();
        if (!errors.isEmpty()) {
            throw new ElaborationException(top.def.desiredName(), new ArrayList<>(errors), new ArrayList<>(warnings));
        }
        return new Design(top, h, new ArrayList<>(warnings), new Timings(t1 - t0, t2 - t1, t3 - t2));
    }

    public Module top() {
        return top;
    }

    public ModuleDef topNetlist() {
        return top.def;
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    /** Warnings (e.g. unused inputs); the design is still emitted. */
    public List<Diagnostic> warnings() {
        return warnings;
    }

    public Timings timings() {
        return timings;
    }

    /** The Verilog of the design, the top module named {@code topName}. */
    public VerilogOutput emit(String topName) {
        return emit(topName, EmitOptions.DEFAULT);
    }

    public VerilogOutput emit(String topName, EmitOptions options) {
        return VerilogEmitter.emit(hierarchy, topName, options);
    }

    /** Emits into {@code dir}: one {@code <module>.v} per module and {@code filelist.f}. */
    public VerilogOutput write(Path dir, String topName) {
        VerilogOutput out = emit(topName);
        out.write(dir);
        return out;
    }
}
