package org.jdpu.hdl;

import org.jdpu.hdl.ir.SourceLoc;

/**
 * A when chain in progress: {@code when(c, ...).elseWhen(d, ...).otherwise(...)}. The
 * continuation must follow the previous branch directly (nothing else built in between).
 */
public final class When {
    private final Module module;
    private final int chain;
    private boolean closed;

    When(Module module, int chain) {
        this.module = module;
        this.chain = chain;
    }

    /** Runs {@code body} when no earlier branch of the chain was taken and {@code cond} holds. */
    public When elseWhen(Bool cond, Runnable body) {
        SourceLoc loc = Locations.here();
        if (check(loc, "elseWhen")) {
            module.branch(chain, module.ref(cond, loc), body, loc);
        }
        return this;
    }

    /** Runs {@code body} when no branch of the chain was taken. Ends the chain. */
    public void otherwise(Runnable body) {
        SourceLoc loc = Locations.here();
        if (check(loc, "otherwise")) {
            module.branch(chain, -1, body, loc);
            closed = true;
        }
    }

    private boolean check(SourceLoc loc, String what) {
        if (closed) {
            module.report(loc, what + " after otherwise");
            return false;
        }
        if (Elaboration.module() != module || !module.canExtend(chain)) {
            module.report(loc, what + " must directly follow its when / elseWhen (no statements or other "
                    + "when chains in between)");
            return false;
        }
        return true;
    }
}
