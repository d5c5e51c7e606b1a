package org.jdpu.hdl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jdpu.hdl.ir.SourceLoc;

/**
 * The state of one run of a generator on the current thread: the stack of modules under
 * construction (the innermost one receives every node and statement), every module built so
 * far, and how source locations are captured in this run.
 */
final class Elaboration {
    private static final ThreadLocal<Elaboration> CURRENT = new ThreadLocal<>();

    /** How a run captures the source location of each node and statement. */
    enum Mode {
        /** A stack walk per location. */
        FULL,
        /** No stack walks: every location is a numbered pending token. */
        FAST,
        /** Walks only for the modules marked wanted, recording each location under its token number. */
        RESOLVE
    }

    final Deque<HwModule> stack = new ArrayDeque<>();
    final List<HwModule> modules = new ArrayList<>();
    final Mode mode;
    /** RESOLVE: wanted[i] for the module constructed i-th. */
    private final boolean[] wanted;
    /** RESOLVE: location of each token number, for tokens asked for inside wanted modules. */
    final SourceLoc[] resolved;
    private int ordinal;

    private Elaboration(Mode mode, boolean[] wanted, int tokens) {
        this.mode = mode;
        this.wanted = wanted;
        this.resolved = mode == Mode.RESOLVE ? new SourceLoc[tokens] : null;
    }

    static Elaboration begin(Mode mode, boolean[] wanted, int tokens) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("Design.elaborate(...) cannot be nested on one thread");
        }
        Elaboration e = new Elaboration(mode, wanted, tokens);
        CURRENT.set(e);
        return e;
    }

    /** The elaboration running on this thread, or null. */
    static Elaboration currentOrNull() {
        return CURRENT.get();
    }

    /** Number of location requests so far (the next token number). */
    int tokens() {
        return ordinal;
    }

    int nextToken() {
        return ordinal++;
    }

    boolean wanted(HwModule m) {
        return wanted != null && m.index < wanted.length && wanted[m.index];
    }

    static void end() {
        CURRENT.remove();
    }

    static Elaboration get() {
        Elaboration e = CURRENT.get();
        if (e == null) {
            throw new IllegalStateException(
                    "hardware can only be built inside Design.elaborate(() -> new MyModule(...))");
        }
        return e;
    }

    /** The module under construction that receives new nodes and statements. */
    static HwModule module() {
        HwModule m = get().stack.peek();
        if (m == null) {
            throw new IllegalStateException("no module is under construction: build hardware in an HwModule constructor");
        }
        return m;
    }
}
