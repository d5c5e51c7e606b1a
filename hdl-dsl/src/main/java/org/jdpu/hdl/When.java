package org.jdpu.hdl;

import org.jdpu.hdl.ir.SourceLoc;

/**
 * A when chain in progress: {@code when(c, ...).elseWhen(d, ...).otherwise(...)}. The
 * continuation must follow the previous branch directly (nothing else built in between).
 */
public final class When extends ChainBuilder {

    When(HwModule module, int chain) {
        super(module, chain);
    }

    /** Runs {@code body} when no earlier branch of the chain was taken and {@code cond} holds. */
    public When elseWhen(Bool cond, Runnable body) {
        SourceLoc loc = Locations.here();
        if (mayExtend(loc, "elseWhen")) {
            module.branch(chain, module.ref(cond, loc), body, loc);
        }
        return this;
    }

    /** Runs {@code body} when no branch of the chain was taken. Ends the chain. */
    public void otherwise(Runnable body) {
        closeWith(body, Locations.here());
    }

    @Override
    String followRule(String what) {
        return what + " must directly follow its when / elseWhen (no statements or other when chains in between)";
    }
}
