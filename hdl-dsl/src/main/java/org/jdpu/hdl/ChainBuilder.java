package org.jdpu.hdl;

import org.jdpu.hdl.ir.SourceLoc;

/**
 * What a when chain and a switch share while they are being built: the chain they extend, the
 * rule that a continuation must follow the previous branch directly, and the closing otherwise.
 */
abstract class ChainBuilder {
    final HwModule module;
    final int chain;
    private boolean closed;

    ChainBuilder(HwModule module, int chain) {
        this.module = module;
        this.chain = chain;
    }

    /** How a misplaced continuation is explained. */
    abstract String followRule(String what);

    /** True when {@code what} may add a branch here; otherwise reports why not. */
    final boolean mayExtend(SourceLoc loc, String what) {
        if (closed) {
            module.report(loc, what + " after otherwise");
            return false;
        }
        if (Elaboration.module() != module || !module.canExtend(chain)) {
            module.report(loc, followRule(what));
            return false;
        }
        return true;
    }

    final void closeWith(Runnable body, SourceLoc loc) {
        if (mayExtend(loc, "otherwise")) {
            module.branch(chain, -1, body, loc);
            closed = true;
        }
    }
}
