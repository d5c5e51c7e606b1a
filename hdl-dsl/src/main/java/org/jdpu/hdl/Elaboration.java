package org.jdpu.hdl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The state of one elaboration on the current thread: the stack of modules under construction
 * (the innermost one receives every node and statement) and every module built so far.
 */
final class Elaboration {
    private static final ThreadLocal<Elaboration> CURRENT = new ThreadLocal<>();

    final Deque<Module> stack = new ArrayDeque<>();
    final List<Module> modules = new ArrayList<>();

    static Elaboration begin() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("Design.elaborate(...) cannot be nested on one thread");
        }
        Elaboration e = new Elaboration();
        CURRENT.set(e);
        return e;
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
    static Module module() {
        Module m = get().stack.peek();
        if (m == null) {
            throw new IllegalStateException("no module is under construction: build hardware in a Module constructor");
        }
        return m;
    }
}
