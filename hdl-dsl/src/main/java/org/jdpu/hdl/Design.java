package org.jdpu.hdl;

import org.jdpu.hdl.emit.EmitOptions;
import org.jdpu.hdl.emit.VerilogEmitter;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.ModuleDef;
import org.jdpu.hdl.ir.SourceLoc;
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
    private final HwModule top;
    private final Hierarchy hierarchy;
    private final List<Diagnostic> warnings;
    private final Timings timings;

    /**
     * Wall-clock time of each phase, in nanoseconds: running the generator (both runs, location
     * resolution included), deduplication, and the checks.
     */
    public record Timings(long buildNanos, long dedupNanos, long checkNanos) {}

    private Design(HwModule top, Hierarchy hierarchy, List<Diagnostic> warnings, Timings timings) {
        this.top = top;
        this.hierarchy = hierarchy;
        this.warnings = List.copyOf(warnings);
        this.timings = timings;
    }

    /**
     * Runs {@code generator} (which constructs the top module), then deduplicates and checks the
     * design. Throws {@link ElaborationException} listing every error if there is any.
     *
     * <p>Source locations cost a stack walk each, so the generator runs twice: first with no
     * walks at all (each location is a numbered token), then again walking only inside the
     * modules the design will print or report (one per distinct structure, plus any module with
     * an error); the tokens of the first run are then replaced by what the second found. A
     * generator must build the same hardware every time it runs (emission is only deterministic
     * then anyway); if the second run differs, a third run walks everywhere and is used instead.
     */
    public static Design elaborate(Supplier<? extends HwModule> generator) {
        long t0 = System.nanoTime();
        Run fast = Run.of(generator, Elaboration.Mode.FAST, null, 0);
        long t1 = System.nanoTime();
        Hierarchy h = Dedup.run(fast.top.def);
        long t2 = System.nanoTime();
        Run built = fast;
        Set<ModuleDef> shown = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        shown.addAll(h.unique());
        boolean[] wanted = new boolean[fast.modules.size()];
        for (HwModule m : fast.modules) {
            wanted[m.index] = shown.contains(m.def) || !m.def.diagnostics().isEmpty();
        }
        Run resolve = Run.of(generator, Elaboration.Mode.RESOLVE, wanted, fast.tokens);
        if (resolve.sameShape(fast, wanted)) {
            SourceLoc[] found = resolve.resolved;
            for (HwModule m : fast.modules) {
                if (wanted[m.index]) {
                    m.def.relocate(loc -> loc.isPending() ? orUnknown(found, loc.line()) : loc);
                }
            }
        } else {
            built = Run.of(generator, Elaboration.Mode.FULL, null, 0);
            h = Dedup.run(built.top.def);
        }
        long t3 = System.nanoTime();
        Set<Diagnostic> errors = new LinkedHashSet<>();
        Set<Diagnostic> warnings = new LinkedHashSet<>();
        for (HwModule m : built.modules) {
            for (Diagnostic d : m.def.diagnostics()) {
                (d.isError() ? errors : warnings).add(d);
            }
        }
        List<Diagnostic> found = new ArrayList<>();
        Checks.run(h, found);
        for (Diagnostic d : found) {
            (d.isError() ? errors : warnings).add(d);
        }
        long t4 = System.nanoTime();
        if (!errors.isEmpty()) {
            throw new ElaborationException(built.top.def.desiredName(), new ArrayList<>(errors),
                    new ArrayList<>(warnings));
        }
        return new Design(built.top, h, new ArrayList<>(warnings),
                new Timings(t1 - t0 + t3 - t2, t2 - t1, t4 - t3));
    }

    private static SourceLoc orUnknown(SourceLoc[] found, int token) {
        SourceLoc loc = token < found.length ? found[token] : null;
        return loc == null ? SourceLoc.UNKNOWN : loc;
    }

    /** One run of a generator: its top module, every module in construction order, the location tokens. */
    private record Run(HwModule top, List<HwModule> modules, int tokens, SourceLoc[] resolved) {

        static Run of(Supplier<? extends HwModule> generator, Elaboration.Mode mode, boolean[] wanted, int tokens) {
            Elaboration e = Elaboration.begin(mode, wanted, tokens);
            try {
                HwModule top = generator.get();
                if (top == null) {
                    throw new IllegalArgumentException("the generator returned no module");
                }
                List<Diagnostic> orphans = new ArrayList<>();
                while (e.stack.size() > 1) {
                    HwModule orphan = e.stack.pop();
                    orphans.add(Diagnostic.error(orphan.createdAt, orphan.def.desiredName(),
                            "module " + orphan.getClass().getSimpleName() + " was constructed but never added with "
                                    + "instance(\"name\", new " + orphan.getClass().getSimpleName() + "(...)); "
                                    + "everything built after it went into it, so other errors are not reported"));
                }
                if (!orphans.isEmpty()) {
                    throw new ElaborationException(top.def.desiredName(), orphans, List.of());
                }
                if (e.stack.peek() != top) {
                    throw new IllegalStateException("the generator must return the module it constructed");
                }
                e.stack.pop();
                top.finish();
                return new Run(top, List.copyOf(e.modules), e.tokens(), e.resolved);
            } finally {
                Elaboration.end();
            }
        }

        /**
         * Same modules (generator and netlist sizes) built in the same order with the same number
         * of location requests, and the wanted ones identical in structure.
         */
        boolean sameShape(Run other, boolean[] wanted) {
            if (tokens != other.tokens || modules.size() != other.modules.size()) {
                return false;
            }
            for (int i = 0; i < modules.size(); i++) {
                ModuleDef a = modules.get(i).def;
                ModuleDef b = other.modules.get(i).def;
                if (!a.generator().equals(b.generator()) || a.size() != b.size() || a.stmts().size() != b.stmts().size()
                        || a.scopes().size() != b.scopes().size() || a.instances().size() != b.instances().size()) {
                    return false;
                }
                if (wanted[i] && !Dedup.signature(a).equals(Dedup.signature(b))) {
                    return false;
                }
            }
            return true;
        }
    }

    public HwModule top() {
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
