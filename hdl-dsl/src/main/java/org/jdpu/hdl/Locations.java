package org.jdpu.hdl;

import org.jdpu.hdl.ir.SourceLoc;

import java.util.Optional;
import java.util.Set;

/**
 * Finds the user's source line that is building hardware right now: the innermost stack frame
 * outside the DSL's own packages and the JDK. A stack walk costs microseconds, so the first run
 * of a generator takes none (locations are numbered tokens) and a second run walks only inside
 * the modules that are printed or reported (see {@link Design#elaborate}).
 *
 * <p>The standard library ({@code org.jdpu.hdl.lib}) counts as the DSL's own code whenever it
 * builds into a module that is not itself a library module: the registers of a {@code Delay} or
 * the adders of a {@code ReductionTree} carry the caller's line, which is where an error message
 * has to point. Inside a library module (a {@code Fifo}'s own netlist) the library's lines are
 * kept: they are what that module's Verilog comments should show, and they do not depend on the
 * caller, so identical library modules still deduplicate whoever instantiates them.
 */
final class Locations {
    private static final Set<String> INTERNAL_PACKAGES = Set.of(
            "org.jdpu.hdl", "org.jdpu.hdl.ir", "org.jdpu.hdl.pass", "org.jdpu.hdl.emit", "org.jdpu.hdl.internal");

    private static final String LIBRARY_PACKAGE = "org.jdpu.hdl.lib";

    private static final ClassValue<Boolean> INTERNAL = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            String pkg = type.getPackageName();
            return INTERNAL_PACKAGES.contains(pkg) || pkg.startsWith("java.") || pkg.startsWith("jdk.")
                    || pkg.startsWith("sun.");
        }
    };

    private static final ClassValue<Boolean> LIBRARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            String pkg = type.getPackageName();
            return pkg.equals(LIBRARY_PACKAGE) || pkg.startsWith(LIBRARY_PACKAGE + ".");
        }
    };

    /** How far to look for a user frame before giving up. */
    private static final int MAX_DEPTH = 64;

    /**
     * The walker fetches frames in batches starting with this many: the user frame is usually
     * within the first few, and a small first batch makes a walk about 2.5 times cheaper than
     * fetching the whole limit up front.
     */
    private static final int FIRST_BATCH = 8;

    private static final StackWalker WALKER =
            StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), FIRST_BATCH);

    private static volatile boolean enabled = true;

    private Locations() {}

    /** The location of the statement being built, attributed to the module under construction. */
    static SourceLoc here() {
        return here(null);
    }

    /**
     * The location of the statement being built, for a node or statement of {@code owner} (null:
     * the module under construction). Depending on the run this walks the stack, returns a
     * pending token, or walks only for the modules whose locations the design will show.
     */
    static SourceLoc here(HwModule owner) {
        if (!enabled) {
            return SourceLoc.UNKNOWN;
        }
        Elaboration e = Elaboration.currentOrNull();
        if (e == null || e.mode == Elaboration.Mode.FULL) {
            return walk(skipsLibrary(owner != null || e == null ? owner : e.stack.peek()));
        }
        int token = e.nextToken();
        if (e.mode == Elaboration.Mode.RESOLVE) {
            HwModule m = owner != null ? owner : e.stack.peek();
            if (m != null && e.wanted(m) && token < e.resolved.length) {
                e.resolved[token] = walk(skipsLibrary(m));
            }
        }
        return SourceLoc.pending(token);
    }

    /** Library frames are skipped unless the hardware goes into a library module (see the class comment). */
    private static boolean skipsLibrary(HwModule m) {
        return m == null || !LIBRARY.get(m.getClass());
    }

    private static boolean user(Class<?> c, boolean skipLibrary) {
        return !INTERNAL.get(c) && !(skipLibrary && LIBRARY.get(c));
    }

    private static SourceLoc walk(boolean skipLibrary) {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(s -> s.limit(MAX_DEPTH)
                .filter(f -> user(f.getDeclaringClass(), skipLibrary))
                .findFirst());
        if (frame.isEmpty()) {
            return SourceLoc.UNKNOWN;
        }
        StackWalker.StackFrame f = frame.get();
        String file = f.getFileName();
        return new SourceLoc(file == null ? f.getClassName() : file, Math.max(0, f.getLineNumber()));
    }

    /**
     * Where a module of class {@code moduleClass} is being constructed: the first user frame
     * outside the constructors of that class and its superclasses, i.e. the {@code new} in the
     * parent (library frames count as user frames only when the parent is a library module).
     */
    static SourceLoc constructionSite(Class<?> moduleClass, HwModule parent) {
        if (!enabled) {
            return SourceLoc.UNKNOWN;
        }
        boolean skipLibrary = skipsLibrary(parent);
        Optional<StackWalker.StackFrame> frame = WALKER.walk(s -> s.limit(MAX_DEPTH)
                .filter(f -> user(f.getDeclaringClass(), skipLibrary)
                        && !(f.getDeclaringClass().isAssignableFrom(moduleClass) && f.getMethodName().equals("<init>")))
                .findFirst());
        return frame.map(f -> new SourceLoc(f.getFileName() == null ? f.getClassName() : f.getFileName(),
                Math.max(0, f.getLineNumber()))).orElse(SourceLoc.UNKNOWN);
    }

    /**
     * Turns location capture off (every location becomes "?:0") or back on, for the whole JVM.
     * Only for measuring what capture costs: error messages and comments lose their lines.
     */
    static void setEnabled(boolean on) {
        enabled = on;
    }
}
