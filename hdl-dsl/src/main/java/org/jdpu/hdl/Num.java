package org.jdpu.hdl;

import org.jdpu.hdl.ir.OpKind;
import org.jdpu.hdl.ir.Ty;

/**
 * The arithmetic, bitwise, shift, comparison and width operations that {@link UInt} and
 * {@link SInt} share, typed by the implementing class so that a generator can be written once for
 * both: {@code <N extends Signal & Num<N>> N sum(N a, N b) { return a.addWrap(b); }}. Widths follow
 * the rules in the module README; operands of one operation have the same signedness, which the
 * type parameter enforces.
 *
 * <p>Integer arguments become constants: for arithmetic and comparisons of the smallest width
 * that holds them (of this number's signedness), for the bitwise operators of exactly this type.
 *
 * @param <T> the implementing type ({@code UInt} for {@code Bool} as well)
 */
public sealed interface Num<T extends Num<T>> permits UInt, SInt {

    /** Width in bits. */
    int width();

    /** The type: signedness and width. */
    Ty type();

    // ---- arithmetic ----

    /** a + b, width max(wa, wb) + 1: never overflows. */
    default T add(T b) {
        return cast(Build.arith(OpKind.ADD, self(), signal(b), true));
    }

    default T add(long b) {
        return cast(Build.arith(OpKind.ADD, self(), Build.literal(self(), b), true));
    }

    /** a + b modulo 2^max(wa, wb). */
    default T addWrap(T b) {
        return cast(Build.arith(OpKind.ADD, self(), signal(b), false));
    }

    default T addWrap(long b) {
        return cast(Build.arith(OpKind.ADD, self(), Build.literal(self(), b), false));
    }

    /** a - b as an exact SInt of width max(wa, wb) + 1 (for unsigned operands too: it may be negative). */
    default SInt sub(T b) {
        return (SInt) Build.arith(OpKind.SUB, self(), signal(b), true);
    }

    default SInt sub(long b) {
        return (SInt) Build.arith(OpKind.SUB, self(), Build.literal(self(), b), true);
    }

    /** a - b modulo 2^max(wa, wb), of this signedness. */
    default T subWrap(T b) {
        return cast(Build.arith(OpKind.SUB, self(), signal(b), false));
    }

    default T subWrap(long b) {
        return cast(Build.arith(OpKind.SUB, self(), Build.literal(self(), b), false));
    }

    /** a * b, width wa + wb. */
    default T mul(T b) {
        return cast(Build.mul(self(), signal(b)));
    }

    default T mul(long b) {
        return cast(Build.mul(self(), Build.literal(self(), b)));
    }

    /** -a as an SInt of width w + 1. */
    default SInt neg() {
        return (SInt) Build.op(OpKind.NEG, Ty.sint(width() + 1), 0, self());
    }

    // ---- bitwise (operands of equal width) ----

    default T and(T b) {
        return cast(Build.bitwise(OpKind.AND, self(), signal(b)));
    }

    default T and(long b) {
        return cast(Build.bitwise(OpKind.AND, self(), Build.sized(self(), b)));
    }

    default T or(T b) {
        return cast(Build.bitwise(OpKind.OR, self(), signal(b)));
    }

    default T or(long b) {
        return cast(Build.bitwise(OpKind.OR, self(), Build.sized(self(), b)));
    }

    default T xor(T b) {
        return cast(Build.bitwise(OpKind.XOR, self(), signal(b)));
    }

    default T xor(long b) {
        return cast(Build.bitwise(OpKind.XOR, self(), Build.sized(self(), b)));
    }

    default T not() {
        return cast(Build.op(OpKind.NOT, type(), 0, self()));
    }

    // ---- shifts ----

    /** a << n, width w + n. */
    default T shl(int n) {
        return cast(Build.shl(self(), n));
    }

    /** a >> n, width max(w - n, 1); arithmetic for SInt. */
    default T shr(int n) {
        return cast(Build.shr(self(), n));
    }

    /** a << s for a hardware amount s, width w + 2^ws - 1. */
    default T shl(UInt s) {
        return cast(Build.dshl(self(), s));
    }

    /** a >> s for a hardware amount s, width w; arithmetic for SInt. */
    default T shr(UInt s) {
        return cast(Build.dshr(self(), s));
    }

    // ---- comparisons (any widths) ----

    default Bool eq(T b) {
        return Build.compare(OpKind.EQ, self(), signal(b));
    }

    default Bool eq(long b) {
        return Build.compareConst(OpKind.EQ, self(), b);
    }

    default Bool ne(T b) {
        return Build.compare(OpKind.NE, self(), signal(b));
    }

    default Bool ne(long b) {
        return Build.compareConst(OpKind.NE, self(), b);
    }

    default Bool lt(T b) {
        return Build.compare(OpKind.LT, self(), signal(b));
    }

    default Bool lt(long b) {
        return Build.compareConst(OpKind.LT, self(), b);
    }

    default Bool le(T b) {
        return Build.compare(OpKind.LE, self(), signal(b));
    }

    default Bool le(long b) {
        return Build.compareConst(OpKind.LE, self(), b);
    }

    default Bool gt(T b) {
        return Build.compare(OpKind.GT, self(), signal(b));
    }

    default Bool gt(long b) {
        return Build.compareConst(OpKind.GT, self(), b);
    }

    default Bool ge(T b) {
        return Build.compare(OpKind.GE, self(), signal(b));
    }

    default Bool ge(long b) {
        return Build.compareConst(OpKind.GE, self(), b);
    }

    // ---- width changes (all explicit) ----

    /** Extends (zero for UInt, sign for SInt) or truncates to {@code w} bits. */
    default T resize(int w) {
        return cast(Build.resize(self(), Build.family(self(), w)));
    }

    /** Keeps the low {@code w} bits; {@code w} must not exceed the width. */
    default T trunc(int w) {
        return cast(Build.trunc(self(), Build.family(self(), w)));
    }

    /**
     * Extends to {@code w} bits by signedness ({@code zext} for UInt, {@code sext} for SInt);
     * {@code w} must not be below the width.
     */
    default T extend(int w) {
        return cast(Build.extend(self(), Build.family(self(), w)));
    }

    // ---- saturation ----

    /** The smaller of a and b, width max(wa, wb). */
    default T min(T b) {
        return cast(Build.minMax(self(), signal(b), true));
    }

    /** The larger of a and b, width max(wa, wb). */
    default T max(T b) {
        return cast(Build.minMax(self(), signal(b), false));
    }

    /** Limits the value to [lo, hi] (constants that fit this width); same width. */
    default T clamp(long lo, long hi) {
        return cast(Build.clamp(self(), lo, hi));
    }

    /** The value, or the nearest end of the w-bit range of this signedness; width {@code w}. */
    default T saturate(int w) {
        return cast(Build.saturate(self(), w));
    }

    // ---- plumbing: every Num is a Signal (the interface is sealed to UInt and SInt) ----

    private Signal self() {
        return (Signal) this;
    }

    private static Signal signal(Num<?> n) {
        return (Signal) n;
    }

    /** Build returns a signal of the operand family, which is T for every operation above. */
    @SuppressWarnings("unchecked")
    private T cast(Signal s) {
        return (T) s;
    }
}
