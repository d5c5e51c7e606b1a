package org.jdpu.hdl;

import org.jdpu.hdl.ir.OpKind;
import org.jdpu.hdl.ir.Ty;

/**
 * An unsigned number of fixed width. Growing operators ({@code add}, {@code sub}, {@code mul},
 * {@code shl}) return a result wide enough for every value; {@code ...Wrap} variants keep the
 * wider operand's width and wrap around. Integer arguments become constants (see each method).
 */
public sealed class UInt extends Signal permits Bool {

    UInt(Ty ty) {
        super(ty);
    }

    UInt(Ty ty, HwModule owner, int net) {
        super(ty, owner, net);
    }

    @Override
    public UInt named(String name) {
        super.named(name);
        return this;
    }

    // ---- arithmetic ----

    /** a + b, width max(wa, wb) + 1: never overflows. */
    public UInt add(UInt b) {
        return (UInt) Build.arith(OpKind.ADD, this, b, true);
    }

    public UInt add(long b) {
        return add((UInt) Build.literal(this, b));
    }

    /** a + b modulo 2^max(wa, wb). */
    public UInt addWrap(UInt b) {
        return (UInt) Build.arith(OpKind.ADD, this, b, false);
    }

    public UInt addWrap(long b) {
        return addWrap((UInt) Build.literal(this, b));
    }

    /** a - b as an exact SInt of width max(wa, wb) + 1. */
    public SInt sub(UInt b) {
        return (SInt) Build.arith(OpKind.SUB, this, b, true);
    }

    public SInt sub(long b) {
        return sub((UInt) Build.literal(this, b));
    }

    /** a - b modulo 2^max(wa, wb), as a UInt. */
    public UInt subWrap(UInt b) {
        return (UInt) Build.arith(OpKind.SUB, this, b, false);
    }

    public UInt subWrap(long b) {
        return subWrap((UInt) Build.literal(this, b));
    }

    /** a * b, width wa + wb. */
    public UInt mul(UInt b) {
        return (UInt) Build.mul(this, b);
    }

    /** a * b with a signed b: SInt of width wa + wb. */
    public SInt mul(SInt b) {
        return (SInt) Build.mul(this, b);
    }

    public UInt mul(long b) {
        return mul((UInt) Build.literal(this, b));
    }

    /** -a as an SInt of width w + 1. */
    public SInt neg() {
        return (SInt) Build.op(OpKind.NEG, Ty.sint(width() + 1), 0, this);
    }

    // ---- bitwise (operands of equal width) ----

    public UInt and(UInt b) {
        return (UInt) Build.bitwise(OpKind.AND, this, b);
    }

    public UInt and(long b) {
        return and((UInt) Build.sized(this, b));
    }

    public UInt or(UInt b) {
        return (UInt) Build.bitwise(OpKind.OR, this, b);
    }

    public UInt or(long b) {
        return or((UInt) Build.sized(this, b));
    }

    public UInt xor(UInt b) {
        return (UInt) Build.bitwise(OpKind.XOR, this, b);
    }

    public UInt xor(long b) {
        return xor((UInt) Build.sized(this, b));
    }

    public UInt not() {
        return (UInt) Build.op(OpKind.NOT, ty, 0, this);
    }

    // ---- shifts ----

    /** a << n, width w + n. */
    public UInt shl(int n) {
        return (UInt) Build.shl(this, n);
    }

    /** a >> n, width max(w - n, 1). */
    public UInt shr(int n) {
        return (UInt) Build.shr(this, n);
    }

    /** a << s for a hardware amount s, width w + 2^ws - 1. */
    public UInt shl(UInt s) {
        return (UInt) Build.dshl(this, s);
    }

    /** a >> s for a hardware amount s, width w. */
    public UInt shr(UInt s) {
        return (UInt) Build.dshr(this, s);
    }

    // ---- comparisons (any widths) ----

    public Bool eq(UInt b) {
        return Build.compare(OpKind.EQ, this, b);
    }

    public Bool eq(long b) {
        return Build.compareConst(OpKind.EQ, this, b);
    }

    public Bool ne(UInt b) {
        return Build.compare(OpKind.NE, this, b);
    }

    public Bool ne(long b) {
        return Build.compareConst(OpKind.NE, this, b);
    }

    public Bool lt(UInt b) {
        return Build.compare(OpKind.LT, this, b);
    }

    public Bool lt(long b) {
        return Build.compareConst(OpKind.LT, this, b);
    }

    public Bool le(UInt b) {
        return Build.compare(OpKind.LE, this, b);
    }

    public Bool le(long b) {
        return Build.compareConst(OpKind.LE, this, b);
    }

    public Bool gt(UInt b) {
        return Build.compare(OpKind.GT, this, b);
    }

    public Bool gt(long b) {
        return Build.compareConst(OpKind.GT, this, b);
    }

    public Bool ge(UInt b) {
        return Build.compare(OpKind.GE, this, b);
    }

    public Bool ge(long b) {
        return Build.compareConst(OpKind.GE, this, b);
    }

    // ---- width changes (all explicit) ----

    /** Zero-extends or truncates to {@code w} bits. */
    public UInt resize(int w) {
        return (UInt) Build.resize(this, Ty.uint(w));
    }

    /** Keeps the low {@code w} bits; {@code w} must not exceed the width. */
    public UInt trunc(int w) {
        return (UInt) Build.trunc(this, Ty.uint(w));
    }

    /** Zero-extends to {@code w} bits; {@code w} must not be below the width. */
    public UInt zext(int w) {
        return (UInt) Build.extend(this, Ty.uint(w));
    }

    /** The same value as an SInt one bit wider. */
    public SInt toSInt() {
        return (SInt) Build.resize(this, Ty.sint(width() + 1));
    }

    // ---- saturation ----

    /** The smaller of a and b, width max(wa, wb). */
    public UInt min(UInt b) {
        return (UInt) Build.minMax(this, b, true);
    }

    /** The larger of a and b, width max(wa, wb). */
    public UInt max(UInt b) {
        return (UInt) Build.minMax(this, b, false);
    }

    /** Limits the value to [lo, hi] (constants that fit this width); same width. */
    public UInt clamp(long lo, long hi) {
        return (UInt) Build.clamp(this, lo, hi);
    }

    /** The value, or 2^w - 1 if it does not fit in {@code w} bits; width {@code w}. */
    public UInt saturate(int w) {
        return (UInt) Build.saturate(this, w);
    }
}
