package org.jdpu.hdl;

import org.jdpu.hdl.ir.OpKind;
import org.jdpu.hdl.ir.Ty;

/**
 * A two's-complement signed number of fixed width. Width rules as for {@link UInt}; operands
 * narrower than the result are sign-extended.
 */
public final class SInt extends Signal {

    SInt(Ty ty) {
        super(ty);
    }

    SInt(Ty ty, HwModule owner, int net) {
        super(ty, owner, net);
    }

    @Override
    public SInt named(String name) {
        super.named(name);
        return this;
    }

    // ---- arithmetic ----

    /** a + b, width max(wa, wb) + 1. */
    public SInt add(SInt b) {
        return (SInt) Build.arith(OpKind.ADD, this, b, true);
    }

    public SInt add(long b) {
        return add((SInt) Build.literal(this, b));
    }

    /** a + b wrapped to max(wa, wb) bits. */
    public SInt addWrap(SInt b) {
        return (SInt) Build.arith(OpKind.ADD, this, b, false);
    }

    public SInt addWrap(long b) {
        return addWrap((SInt) Build.literal(this, b));
    }

    /** a - b, width max(wa, wb) + 1. */
    public SInt sub(SInt b) {
        return (SInt) Build.arith(OpKind.SUB, this, b, true);
    }

    public SInt sub(long b) {
        return sub((SInt) Build.literal(this, b));
    }

    /** a - b wrapped to max(wa, wb) bits. */
    public SInt subWrap(SInt b) {
        return (SInt) Build.arith(OpKind.SUB, this, b, false);
    }

    public SInt subWrap(long b) {
        return subWrap((SInt) Build.literal(this, b));
    }

    /** a * b, width wa + wb. */
    public SInt mul(SInt b) {
        return (SInt) Build.mul(this, b);
    }

    /** a * b with an unsigned b, width wa + wb. */
    public SInt mul(UInt b) {
        return (SInt) Build.mul(this, b);
    }

    public SInt mul(long b) {
        return mul((SInt) Build.literal(this, b));
    }

    /** -a, width w + 1. */
    public SInt neg() {
        return (SInt) Build.op(OpKind.NEG, Ty.sint(width() + 1), 0, this);
    }

    /** |a| as a UInt of the same width (|-2^(w-1)| = 2^(w-1) fits). */
    public UInt abs() {
        SInt negated = neg();
        return Hdl.mux(msb(), negated.asUInt().trunc(width()), asUInt());
    }

    // ---- bitwise (operands of equal width) ----

    public SInt and(SInt b) {
        return (SInt) Build.bitwise(OpKind.AND, this, b);
    }

    public SInt or(SInt b) {
        return (SInt) Build.bitwise(OpKind.OR, this, b);
    }

    public SInt xor(SInt b) {
        return (SInt) Build.bitwise(OpKind.XOR, this, b);
    }

    public SInt not() {
        return (SInt) Build.op(OpKind.NOT, ty, 0, this);
    }

    // ---- shifts ----

    /** a << n, width w + n. */
    public SInt shl(int n) {
        return (SInt) Build.shl(this, n);
    }

    /** Arithmetic a >> n, width max(w - n, 1). */
    public SInt shr(int n) {
        return (SInt) Build.shr(this, n);
    }

    /** a << s for a hardware amount s, width w + 2^ws - 1. */
    public SInt shl(UInt s) {
        return (SInt) Build.dshl(this, s);
    }

    /** Arithmetic a >> s for a hardware amount s, width w. */
    public SInt shr(UInt s) {
        return (SInt) Build.dshr(this, s);
    }

    // ---- comparisons ----

    public Bool eq(SInt b) {
        return Build.compare(OpKind.EQ, this, b);
    }

    public Bool eq(long b) {
        return Build.compareConst(OpKind.EQ, this, b);
    }

    public Bool ne(SInt b) {
        return Build.compare(OpKind.NE, this, b);
    }

    public Bool ne(long b) {
        return Build.compareConst(OpKind.NE, this, b);
    }

    public Bool lt(SInt b) {
        return Build.compare(OpKind.LT, this, b);
    }

    public Bool lt(long b) {
        return Build.compareConst(OpKind.LT, this, b);
    }

    public Bool le(SInt b) {
        return Build.compare(OpKind.LE, this, b);
    }

    public Bool le(long b) {
        return Build.compareConst(OpKind.LE, this, b);
    }

    public Bool gt(SInt b) {
        return Build.compare(OpKind.GT, this, b);
    }

    public Bool gt(long b) {
        return Build.compareConst(OpKind.GT, this, b);
    }

    public Bool ge(SInt b) {
        return Build.compare(OpKind.GE, this, b);
    }

    public Bool ge(long b) {
        return Build.compareConst(OpKind.GE, this, b);
    }

    // ---- width changes ----

    /** Sign-extends or truncates to {@code w} bits. */
    public SInt resize(int w) {
        return (SInt) Build.resize(this, Ty.sint(w));
    }

    /** Keeps the low {@code w} bits; {@code w} must not exceed the width. */
    public SInt trunc(int w) {
        return (SInt) Build.trunc(this, Ty.sint(w));
    }

    /** Sign-extends to {@code w} bits; {@code w} must not be below the width. */
    public SInt sext(int w) {
        return (SInt) Build.extend(this, Ty.sint(w));
    }

    // ---- saturation ----

    public SInt min(SInt b) {
        return (SInt) Build.minMax(this, b, true);
    }

    public SInt max(SInt b) {
        return (SInt) Build.minMax(this, b, false);
    }

    /** Limits the value to [lo, hi] (constants that fit this width); same width. */
    public SInt clamp(long lo, long hi) {
        return (SInt) Build.clamp(this, lo, hi);
    }

    /** The value limited to the range of SInt(w); width {@code w}. */
    public SInt saturate(int w) {
        return (SInt) Build.saturate(this, w);
    }
}
