package org.jdpu.hdl.ir;

/**
 * Pure combinational operators of the netlist. Every operator's result type is fixed when the
 * node is built (see the width rules in the module README); the emitter extends operands to the
 * result width itself, so no operator relies on Verilog's context-dependent widths.
 */
public enum OpKind {
    /** a + b, both operands extended (by their own signedness) to the result width. */
    ADD,
    /** a - b, both operands extended to the result width. */
    SUB,
    /** a * b; signed if both operands are, a mixed product zero-extends the unsigned one. */
    MUL,
    /** 0 - a at the result width. */
    NEG,
    /** bitwise, equal operand and result widths. */
    AND, OR, XOR, NOT,
    /** left shift by a constant {@code param}: the result is {@code param} bits wider. */
    SHL,
    /** left shift by an unsigned amount (arg 1); the result is wide enough for the largest shift. */
    DSHL,
    /** right shift by an unsigned amount (arg 1), logical or arithmetic by operand signedness. */
    DSHR,
    /** comparisons yielding Bool; operands have the same signedness, any widths. */
    EQ, NE, LT, LE, GT, GE,
    /** reductions yielding Bool. */
    ANDR, ORR, XORR,
    /** sel ? a : b; branches extended to the result width. */
    MUX,
    /** {args[0], args[1], ...}: the first argument lands in the most significant bits. */
    CAT,
    /** bits [param + width - 1 : param] of the argument (also a right shift by a constant). */
    SLICE,
    /** extend (by the argument's signedness) or truncate to the result width. */
    RESIZE,
    /** the same bits under another type of equal width (asUInt / asSInt / asBool). */
    CAST
}
