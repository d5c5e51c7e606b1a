package org.jdpu.hdl.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A when / elseWhen / otherwise (or switch / is / default) chain under {@code parentScope}: its
 * branches are scopes tried in order. {@code exhaustive} marks a switch whose cases cover every
 * selector value, so that it assigns on every path even without a default.
 */
public final class Chain {
    private final int parentScope;
    private final List<Integer> branches = new ArrayList<>();
    private final int switchSelector;
    private boolean exhaustive;

    public Chain(int parentScope, int switchSelector) {
        this.parentScope = parentScope;
        this.switchSelector = switchSelector;
    }

    public int parentScope() {
        return parentScope;
    }

    /** Scope indexes of the branches, in order. */
    public List<Integer> branches() {
        return branches;
    }

    /** The selector net of a switch, -1 for a when chain. */
    public int switchSelector() {
        return switchSelector;
    }

    public boolean exhaustive() {
        return exhaustive;
    }

    public void addBranch(int scope) {
        branches.add(scope);
    }

    public void markExhaustive() {
        exhaustive = true;
    }
}
