package org.jdpu.hdl;

import org.jdpu.hdl.internal.PairTree;
import org.jdpu.hdl.ir.Diagnostic;
import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.OpKind;
import org.jdpu.hdl.ir.SourceLoc;
import org.jdpu.hdl.ir.Stmt;
import org.jdpu.hdl.ir.Ty;

import java.math.BigInteger;
import java.util.List;

/**
 * Builds operator nodes in the module under construction and applies the width rules. Every
 * user-level operation goes through here, so the rules live in one place; mistakes are recorded
 * as diagnostics (with the user's source line) and elaboration continues with a placeholder, so
 * that all errors of a design are reported together.
 */
final class Build {
    private Build() {}

    // ---- plumbing ----

    static Signal op(OpKind kind, Ty ty, int param, Signal... args) {
        HwModule m = Elaboration.module();
        SourceLoc loc = Locations.here();
        int[] a = new int[args.length];
        boolean allConst = true;
        for (int i = 0; i < args.length; i++) {
            a[i] = m.ref(args[i], loc);
            allConst &= m.def.node(a[i]) instanceof Node.Const;
        }
        int folded = allConst ? fold(m, kind, ty, param, a) : identity(m, kind, ty, a);
        if (folded >= 0) {
            return Signal.wrap(ty, m, folded);
        }
        int net = m.def.addNode(new Node.Op(kind, ty, a, param, loc), null);
        return Signal.wrap(ty, m, net);
    }

    private static int fold(HwModule m, OpKind kind, Ty ty, int param, int[] a) {
        Ty[] types = new Ty[a.length];
        BigInteger[] bits = new BigInteger[a.length];
        for (int i = 0; i < a.length; i++) {
            Node.Const c = (Node.Const) m.def.node(a[i]);
            types[i] = c.ty();
            bits[i] = c.bits();
        }
        return m.constant(ty, ConstFold.eval(kind, ty, param, types, bits));
    }

    /**
     * Results that are constant whatever the operands: x - x, x ^ x, x compared with itself, and
     * x &amp; 0 or x * 0. Verilator folds these too and would then warn about comparisons with them.
     */
    private static int identity(HwModule m, OpKind kind, Ty ty, int[] a) {
        if (a.length == 2 && a[0] == a[1]) {
            return switch (kind) {
                case SUB, XOR, NE, LT, GT -> m.constant(ty, BigInteger.ZERO);
                case EQ, LE, GE -> m.constant(ty, BigInteger.ONE);
                default -> -1;
            };
        }
        if ((kind == OpKind.AND || kind == OpKind.MUL) && (isZero(m, a[0]) || isZero(m, a[1]))) {
            return m.constant(ty, BigInteger.ZERO);
        }
        return -1;
    }

    private static boolean isZero(HwModule m, int net) {
        return m.def.node(net) instanceof Node.Const c && c.bits().signum() == 0;
    }

    static void error(String message) {
        HwModule m = Elaboration.module();
        m.def.report(Diagnostic.error(Locations.here(), m.def.desiredName(), message));
    }

    static Signal zero(Ty ty) {
        return constant(ty, BigInteger.ZERO);
    }

    static void name(Signal s, String name) {
        HwModule m = Elaboration.module();
        if (s.owner != m) {
            error("cannot name " + s + ": it does not belong to the module under construction");
            return;
        }
        m.def.setName(s.net, name);
    }

    static boolean signed(Signal s) {
        return s.ty.signed();
    }

    static Ty family(Signal like, int width) {
        return signed(like) ? Ty.sint(width) : Ty.uint(width);
    }

    // ---- constants ----

    /** A constant of exactly type {@code ty}; a value that does not fit is an error. */
    static Signal constant(Ty ty, BigInteger value) {
        if (!fits(ty, value)) {
            error("constant " + value + " does not fit " + ty);
            value = BigInteger.ZERO;
        }
        HwModule m = Elaboration.module();
        return Signal.wrap(ty, m, m.constant(ty, toBits(ty, value)));
    }

    static boolean fits(Ty ty, BigInteger v) {
        if (ty.signed()) {
            return v.bitLength() <= ty.width() - 1;
        }
        return v.signum() >= 0 && v.bitLength() <= ty.width();
    }

    static BigInteger toBits(Ty ty, BigInteger v) {
        return v.signum() >= 0 ? v : v.add(BigInteger.ONE.shiftLeft(ty.width()));
    }

    /** The smallest constant of {@code like}'s signedness holding {@code v}. */
    static Signal literal(Signal like, long v) {
        BigInteger b = BigInteger.valueOf(v);
        if (signed(like)) {
            return constant(Ty.sint(b.bitLength() + 1), b);
        }
        if (v < 0) {
            error("negative constant " + v + " used with an unsigned " + like.ty);
            b = BigInteger.ZERO;
        }
        return constant(Ty.uint(Math.max(1, b.bitLength())), b);
    }

    /** A constant of exactly {@code like}'s type. */
    static Signal sized(Signal like, long v) {
        return constant(like.ty.kind() == Ty.Kind.BOOL ? Ty.BOOL : like.ty, BigInteger.valueOf(v));
    }

    // ---- arithmetic ----

    static boolean sameFamily(Signal a, Signal b, String what) {
        if (signed(a) != signed(b)) {
            error(what + " mixes " + a.ty + " and " + b.ty + "; convert one side with toSInt() or asUInt()");
            return false;
        }
        return true;
    }

    static Signal arith(OpKind kind, Signal a, Signal b, boolean grow) {
        sameFamily(a, b, kind.name().toLowerCase(java.util.Locale.ROOT));
        int w = Math.max(a.width(), b.width());
        Ty ty;
        if (grow) {
            ty = kind == OpKind.SUB ? Ty.sint(w + 1) : family(a, w + 1);
        } else {
            ty = family(a, w);
        }
        return op(kind, ty, 0, a, b);
    }

    static Signal mul(Signal a, Signal b) {
        int w = a.width() + b.width();
        Ty ty = signed(a) || signed(b) ? Ty.sint(w) : Ty.uint(w);
        return op(OpKind.MUL, ty, 0, a, b);
    }

    static Signal bitwise(OpKind kind, Signal a, Signal b) {
        sameFamily(a, b, kind.name().toLowerCase(java.util.Locale.ROOT));
        if (a.width() != b.width()) {
            error("width mismatch: " + kind.name().toLowerCase(java.util.Locale.ROOT) + " of " + a.ty + " and "
                    + b.ty + "; bitwise operands must have equal widths (use resize/zext/sext)");
        }
        // On a mismatch the result keeps the left operand's width so that one mistake is reported once.
        int w = a.width();
        Ty ty = a.ty.kind() == Ty.Kind.BOOL && b.ty.kind() == Ty.Kind.BOOL ? Ty.BOOL : family(a, w);
        return op(kind, ty, 0, a, b);
    }

    // ---- shifts ----

    static Signal shl(Signal a, int n) {
        if (n < 0) {
            error("negative shift " + n);
            n = 0;
        }
        if (n == 0) {
            return a;
        }
        return op(OpKind.SHL, family(a, a.width() + n), n, a);
    }

    static Signal shr(Signal a, int n) {
        if (n < 0) {
            error("negative shift " + n);
            n = 0;
        }
        if (n == 0) {
            return a;
        }
        if (n >= a.width()) {
            if (!signed(a)) {
                return zero(Ty.uint(1));
            }
            return op(OpKind.SLICE, Ty.sint(1), a.width() - 1, a);
        }
        return op(OpKind.SLICE, family(a, a.width() - n), n, a);
    }

    static final int MAX_DYNAMIC_SHIFT_BITS = 12;

    static Signal dshl(Signal a, UInt s) {
        if (s.width() > MAX_DYNAMIC_SHIFT_BITS) {
            error("shift amount " + s.ty + " is too wide for a growing shift (at most "
                    + MAX_DYNAMIC_SHIFT_BITS + " bits); truncate it first");
            return a;
        }
        return op(OpKind.DSHL, family(a, a.width() + (1 << s.width()) - 1), 0, a, s);
    }

    static Signal dshr(Signal a, UInt s) {
        return op(OpKind.DSHR, family(a, a.width()), 0, a, s);
    }

    // ---- comparisons ----

    static Bool compare(OpKind kind, Signal a, Signal b) {
        sameFamily(a, b, "comparison");
        HwModule m = Elaboration.module();
        Boolean folded = foldCompare(kind, range(m, a), range(m, b));
        if (folded != null) {
            return (Bool) constant(Ty.BOOL, folded ? BigInteger.ONE : BigInteger.ZERO);
        }
        return (Bool) op(kind, Ty.BOOL, 0, a, b);
    }

    static Bool compareConst(OpKind kind, Signal a, long v) {
        BigInteger b = BigInteger.valueOf(v);
        if (!signed(a) && v < 0) {
            // An unsigned value against a negative constant: decided by the sign alone.
            Boolean r = foldCompare(kind, range(Elaboration.module(), a), new BigInteger[] {b, b});
            return (Bool) constant(Ty.BOOL, Boolean.TRUE.equals(r) ? BigInteger.ONE : BigInteger.ZERO);
        }
        return compare(kind, a, literal(a, v));
    }

    /** [min, max] of a signal; a single value for constants. */
    private static BigInteger[] range(HwModule m, Signal s) {
        if (s.owner == m && m.def.node(s.net) instanceof Node.Const c) {
            BigInteger v = fromBits(s.ty, c.bits());
            return new BigInteger[] {v, v};
        }
        int w = s.width();
        if (signed(s)) {
            BigInteger half = BigInteger.ONE.shiftLeft(w - 1);
            return new BigInteger[] {half.negate(), half.subtract(BigInteger.ONE)};
        }
        return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE)};
    }

    static BigInteger fromBits(Ty ty, BigInteger bits) {
        if (ty.signed() && bits.testBit(ty.width() - 1)) {
            return bits.subtract(BigInteger.ONE.shiftLeft(ty.width()));
        }
        return bits;
    }

    /** The comparison's value when the operand ranges decide it, else null. */
    private static Boolean foldCompare(OpKind kind, BigInteger[] a, BigInteger[] b) {
        boolean aLtB = a[1].compareTo(b[0]) < 0;     // every a below every b
        boolean aGtB = a[0].compareTo(b[1]) > 0;
        boolean aLeB = a[1].compareTo(b[0]) <= 0;
        boolean aGeB = a[0].compareTo(b[1]) >= 0;
        boolean single = a[0].equals(a[1]) && b[0].equals(b[1]);
        return switch (kind) {
            case EQ -> aLtB || aGtB ? Boolean.FALSE : single ? Boolean.TRUE : null;
            case NE -> aLtB || aGtB ? Boolean.TRUE : single ? Boolean.FALSE : null;
            case LT -> aLtB ? Boolean.TRUE : aGeB ? Boolean.FALSE : null;
            case LE -> aLeB ? Boolean.TRUE : aGtB ? Boolean.FALSE : null;
            case GT -> aGtB ? Boolean.TRUE : aLeB ? Boolean.FALSE : null;
            case GE -> aGeB ? Boolean.TRUE : aLtB ? Boolean.FALSE : null;
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    // ---- width changes ----

    static Signal resize(Signal a, Ty ty) {
        if (ty.equals(a.ty)) {
            return a;
        }
        return op(OpKind.RESIZE, ty, 0, a);
    }

    static Signal trunc(Signal a, Ty ty) {
        if (ty.width() > a.width()) {
            error("trunc(" + ty.width() + ") would widen " + a.ty + "; use " + (signed(a) ? "sext" : "zext"));
        }
        return resize(a, ty);
    }

    static Signal extend(Signal a, Ty ty) {
        if (ty.width() < a.width()) {
            error((signed(a) ? "sext(" : "zext(") + ty.width() + ") would truncate " + a.ty + "; use trunc");
        }
        return resize(a, ty);
    }

    // ---- selection ----

    static Signal mux(Bool sel, Signal a, Signal b) {
        sameFamily(a, b, "mux");
        Ty ty;
        if (a.ty.kind() == Ty.Kind.BOOL && b.ty.kind() == Ty.Kind.BOOL) {
            ty = Ty.BOOL;
        } else {
            ty = family(a, Math.max(a.width(), b.width()));
        }
        return op(OpKind.MUX, ty, 0, sel, a, b);
    }

    /**
     * inputs[index] as a tree of 2:1 multiplexers, one level per index bit (least significant
     * first). An index past the end reads one of the inputs (which one is fixed by the tree).
     */
    static Signal select(UInt index, List<? extends Signal> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("select needs at least one input");
        }
        // One slice per index bit, made when its level is first needed, shared by the level's muxes.
        Bool[] sel = new Bool[PairTree.levels(inputs.size())];
        return PairTree.<Signal>reduce(inputs, (level, low, high) -> {
            if (level >= index.width()) {
                return low;
            }
            if (sel[level] == null) {
                sel[level] = index.bit(level);
            }
            return mux(sel[level], high, low);
        }, 0, null);
    }

    // ---- saturation ----

    static Signal minMax(Signal a, Signal b, boolean min) {
        Bool aLess = compare(OpKind.LT, a, b);
        return min ? mux(aLess, a, b) : mux(aLess, b, a);
    }

    static Signal clamp(Signal a, long lo, long hi) {
        if (lo > hi) {
            error("clamp range [" + lo + ", " + hi + "] is empty");
            return a;
        }
        Signal loC = sized(a, lo);
        Signal hiC = sized(a, hi);
        Signal upper = mux(compare(OpKind.GT, a, hiC), hiC, a);
        return mux(compare(OpKind.LT, a, loC), loC, upper);
    }

    static Signal saturate(Signal a, int w) {
        if (w < 1) {
            error("saturate width must be at least 1");
            return a;
        }
        if (w >= a.width()) {
            return resize(a, family(a, w));
        }
        Signal low = resize(a, family(a, w));
        if (!signed(a)) {
            Bool over = a.bits(a.width() - 1, w).orR();
            return mux(over, constant(Ty.uint(w), BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE)), low);
        }
        // In range iff the bits from w-1 up are all copies of the sign.
        UInt top = a.bits(a.width() - 1, w - 1);
        Bool inRange = top.andR().or(top.orR().not());
        BigInteger maxV = BigInteger.ONE.shiftLeft(w - 1).subtract(BigInteger.ONE);
        Signal limit = mux(a.msb(), constant(Ty.sint(w), maxV.negate().subtract(BigInteger.ONE)),
                constant(Ty.sint(w), maxV));
        return mux(inRange, low, limit);
    }

    // ---- statements ----

    static void connect(Signal target, Signal source) {
        connect(target, source, Locations.here());
    }

    /** target := source, attributed to {@code loc} (one location for all leaves of a vector or bundle). */
    static void connect(Signal target, Signal source, SourceLoc loc) {
        HwModule m = Elaboration.module();
        int t = m.sinkRef(target, loc);
        int s = m.ref(source, loc);
        if (t < 0) {
            return;
        }
        String targetName = m.def.describe(t);
        // After reporting a mismatch the connection is still recorded (through a resize) so
        // that the target does not also show up as undriven.
        if (signed(target) != signed(source)) {
            m.report(loc, "type mismatch: cannot assign " + source.ty + " to " + targetName + " of type " + target.ty
                    + "; convert with asUInt()/asSInt()/toSInt()");
        } else if (source.width() > target.width()) {
            m.report(loc, "width mismatch: assigning " + source.ty + " to " + targetName + " of type " + target.ty
                    + " would truncate; use trunc(" + target.width() + "), resize(" + target.width()
                    + ") or saturate(" + target.width() + ")");
        }
        if (!source.ty.equals(target.ty) && !(source.width() == target.width() && signed(source) == signed(target))) {
            s = m.def.addNode(new Node.Op(OpKind.RESIZE, target.ty, new int[] {s}, 0, loc), null);
        }
        m.def.addStmt(new Stmt.Connect(t, s, m.scope, loc));
    }
}
