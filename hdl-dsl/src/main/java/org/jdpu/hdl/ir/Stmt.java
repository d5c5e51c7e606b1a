package org.jdpu.hdl.ir;

/**
 * A statement under a {@link Scope} (a nest of when / switch branches). Statements keep their
 * creation order; for each target the last active connect wins.
 */
public sealed interface Stmt {

    int scope();

    SourceLoc loc();

    /** target := value, where target is a sink or register and both have the same type. */
    record Connect(int target, int value, int scope, SourceLoc loc) implements Stmt {}

    /**
     * mem[addr] := data on the clock edge; {@code mask} is -1 or a UInt with one bit per lane
     * (lane i covers data bits [i*laneWidth +: laneWidth]).
     */
    record MemWrite(int mem, int addr, int data, int mask, int scope, SourceLoc loc) implements Stmt {}
}
