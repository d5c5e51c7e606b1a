package org.jdpu.sim;

/** Direction of a top-level port as Verilator sees it. */
public enum Direction {
    INPUT, OUTPUT, INOUT
}
