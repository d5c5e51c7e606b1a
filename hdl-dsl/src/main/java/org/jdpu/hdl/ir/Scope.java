package org.jdpu.hdl.ir;

/**
 * One branch of a when / switch chain, or the module's root scope (index 0, parent -1).
 * {@code cond} is the Bool net of a when / elseWhen / is branch, -1 for otherwise and the root.
 * {@code branch} is this branch's position in its chain.
 */
public record Scope(int parent, int chain, int branch, int cond, SourceLoc loc) {

    public static final int ROOT = 0;

    public boolean isOtherwise() {
        return parent >= 0 && cond < 0;
    }
}
