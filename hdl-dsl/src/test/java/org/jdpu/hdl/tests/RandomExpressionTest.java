package org.jdpu.hdl.tests;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.Hdl;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.Num;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.Signal;
import org.jdpu.hdl.UInt;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random expression trees over random widths and signedness, built with the DSL, simulated in
 * Verilator and compared bit-exactly with an independent BigInteger model of the width rules.
 * Every operator appears in every run (the generator cycles through them); one verilated design
 * holds all expressions.
 */
class RandomExpressionTest {
    static final int INPUTS = 10;
    static final int EXPRESSIONS = 120;
    static final int VECTORS = 300;
    static final int MAX_WIDTH = 100;

    /** A value type: signed or not, width; Bool is an unsigned width 1. */
    record T(boolean signed, int width) {
        BigInteger min() {
            return signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
        }

        BigInteger max() {
            return signed ? BigInteger.ONE.shiftLeft(width - 1).subtract(BigInteger.ONE)
                    : BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
        }

        /** v reduced modulo 2^width into this type's range. */
        BigInteger wrap(BigInteger v) {
            BigInteger bits = v.mod(BigInteger.ONE.shiftLeft(width));
            return fromBits(bits);
        }

        BigInteger fromBits(BigInteger bits) {
            return signed && bits.testBit(width - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(width)) : bits;
        }

        BigInteger bits(BigInteger v) {
            return v.mod(BigInteger.ONE.shiftLeft(width));
        }
    }

    /** An expression: its type, how to evaluate it, how to build it. */
    record E(String text, T type, Function<BigInteger[], BigInteger> eval, Function<Signal[], Signal> build) {}

    private final List<String> ops = List.of("add", "addWrap", "sub", "subWrap", "mul", "mulMixed", "neg", "and",
            "or", "xor", "not", "shl", "shr", "dshl", "dshr", "eq", "ne", "lt", "le", "gt", "ge", "orR", "andR",
            "xorR", "mux", "cat", "bits", "bit", "resize", "zsext", "trunc", "toSInt", "asSInt", "asUInt",
            "saturate", "clamp", "min", "max", "abs", "select", "addConst", "cmpConst", "andConst", "fill");

    private RandomGenerator rnd;
    private T[] inputTypes;

    @Test
    void randomExpressionsMatchBigIntegerModel() {
        long seed = Seeds.seed("RandomExpressionTest");
        rnd = new Well19937c(seed);
        inputTypes = new T[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            int w = i < 2 ? 1 + rnd.nextInt(4) : 1 + rnd.nextInt(40);
            inputTypes[i] = new T(rnd.nextBoolean(), w);
        }
        List<E> exprs = new ArrayList<>();
        for (int k = 0; exprs.size() < EXPRESSIONS; k++) {
            E e = make(ops.get(k % ops.size()), 3);
            if (e != null && e.type().width() <= MAX_WIDTH) {
                exprs.add(e);
            }
        }

        Design d = Design.elaborate(() -> new ExprModule(inputTypes, exprs));
        CompiledModel model = Hw.model(d, "random_expr");
        try (Simulator sim = model.open()) {
            Port[] in = new Port[INPUTS];
            for (int i = 0; i < INPUTS; i++) {
                in[i] = sim.port("in" + i);
            }
            Port[] out = new Port[exprs.size()];
            for (int i = 0; i < exprs.size(); i++) {
                out[i] = sim.port("e" + i);
            }
            for (int v = 0; v < VECTORS; v++) {
                BigInteger[] values = new BigInteger[INPUTS];
                for (int i = 0; i < INPUTS; i++) {
                    values[i] = randomValue(inputTypes[i], v);
                    in[i].set(inputTypes[i].bits(values[i]));
                }
                sim.eval();
                for (int i = 0; i < exprs.size(); i++) {
                    E e = exprs.get(i);
                    BigInteger expected = e.eval().apply(values);
                    assertTrue(expected.compareTo(e.type().min()) >= 0 && expected.compareTo(e.type().max()) <= 0,
                            "model value out of its type range for e" + i + " = " + e.text());
                    BigInteger actual = out[i].getBig();
                    if (!e.type().signed()) {
                        actual = e.type().bits(actual);
                    }
                    int vi = v;
                    assertEquals(expected, actual, () -> "seed " + seed + ", vector " + vi + ", e" + exprs.indexOf(e)
                            + " = " + e.text() + " : " + e.type() + ", inputs " + java.util.Arrays.toString(values));
                }
            }
        }
    }

    /** Extremes first, then uniform values. */
    private BigInteger randomValue(T t, int vector) {
        return switch (vector) {
            case 0 -> BigInteger.ZERO;
            case 1 -> t.max();
            case 2 -> t.min();
            case 3 -> t.signed() ? BigInteger.ONE.negate() : BigInteger.ONE;
            default -> t.fromBits(new BigInteger(t.width(), new java.util.Random(rnd.nextLong())));
        };
    }

    // ---- generator ----

    private E leaf() {
        int i = rnd.nextInt(INPUTS);
        T t = inputTypes[i];
        return new E("in" + i, t, v -> v[i], s -> s[i]);
    }

    private E any(int depth) {
        if (depth <= 0 || rnd.nextInt(3) == 0) {
            return leaf();
        }
        for (int tries = 0; tries < 10; tries++) {
            E e = make(ops.get(rnd.nextInt(ops.size())), depth - 1);
            if (e != null && e.type().width() <= 48) {
                return e;
            }
        }
        return leaf();
    }

    private E ofSign(boolean signed, int depth) {
        for (int tries = 0; tries < 20; tries++) {
            E e = any(depth);
            if (e.type().signed() == signed) {
                return e;
            }
        }
        return signed ? toS(leaf()) : toU(leaf());
    }

    private static E toS(E e) {
        if (e.type().signed()) {
            return e;
        }
        T t = new T(true, e.type().width() + 1);
        return new E("toSInt(" + e.text() + ")", t, e.eval(), s -> ((UInt) e.build().apply(s)).toSInt());
    }

    private static E toU(E e) {
        if (!e.type().signed()) {
            return e;
        }
        T t = new T(false, e.type().width());
        return new E("asUInt(" + e.text() + ")", t, v -> e.type().bits(e.eval().apply(v)),
                s -> e.build().apply(s).asUInt());
    }

    private static E resizeTo(E e, int w) {
        if (e.type().width() == w) {
            return e;
        }
        T t = new T(e.type().signed(), w);
        return new E("resize(" + e.text() + "," + w + ")", t, v -> t.wrap(e.eval().apply(v)),
                s -> signal(num(e.build().apply(s)).resize(w)));
    }

    private static Bool boolOf(Signal s) {
        return s.width() == 1 ? s.asBool() : s.orR();
    }

    private static boolean truthy(E e, BigInteger[] v) {
        return e.type().width() == 1 ? e.type().bits(e.eval().apply(v)).testBit(0) : e.eval().apply(v).signum() != 0;
    }

    @SuppressWarnings("checkstyle:MethodLength")
    private E make(String op, int depth) {
        boolean signed = rnd.nextBoolean();
        switch (op) {
            case "add", "addWrap", "sub", "subWrap" -> {
                E a = ofSign(signed, depth);
                E b = ofSign(signed, depth);
                int w = Math.max(a.type().width(), b.type().width());
                boolean grow = !op.endsWith("Wrap");
                boolean isSub = op.startsWith("sub");
                T t = grow ? new T(signed || isSub, w + 1) : new T(signed, w);
                return new E(op + "(" + a.text() + "," + b.text() + ")", t, v -> {
                    BigInteger x = a.eval().apply(v), y = b.eval().apply(v);
                    return t.wrap(isSub ? x.subtract(y) : x.add(y));
                }, s -> binary(op, a.build().apply(s), b.build().apply(s)));
            }
            case "mul", "mulMixed" -> {
                boolean sa = op.equals("mul") ? signed : rnd.nextBoolean();
                boolean sb = op.equals("mul") ? signed : !sa;
                E a = ofSign(sa, depth);
                E b = ofSign(sb, depth);
                T t = new T(sa || sb, a.type().width() + b.type().width());
                return new E("mul(" + a.text() + "," + b.text() + ")", t,
                        v -> a.eval().apply(v).multiply(b.eval().apply(v)), s -> {
                            Signal x = a.build().apply(s), y = b.build().apply(s);
                            if (x instanceof SInt p) {
                                return y instanceof SInt q ? p.mul(q) : p.mul((UInt) y);
                            }
                            return y instanceof SInt q ? ((UInt) x).mul(q) : ((UInt) x).mul((UInt) y);
                        });
            }
            case "neg" -> {
                E a = any(depth);
                T t = new T(true, a.type().width() + 1);
                return new E("neg(" + a.text() + ")", t, v -> a.eval().apply(v).negate(),
                        s -> num(a.build().apply(s)).neg());
            }
            case "and", "or", "xor" -> {
                E a = any(depth);
                E b = resizeTo(a.type().signed() ? toS(any(depth)) : toU(any(depth)), a.type().width());
                T t = a.type();
                return new E(op + "(" + a.text() + "," + b.text() + ")", t, v -> {
                    BigInteger x = t.bits(a.eval().apply(v)), y = t.bits(b.eval().apply(v));
                    BigInteger r = op.equals("and") ? x.and(y) : op.equals("or") ? x.or(y) : x.xor(y);
                    return t.fromBits(r);
                }, s -> binary(op, a.build().apply(s), b.build().apply(s)));
            }
            case "andConst" -> {
                E a = toU(any(depth));
                T t = a.type();
                long c = new BigInteger(Math.min(t.width(), 62), new java.util.Random(rnd.nextLong())).longValue();
                return new E("and(" + a.text() + "," + c + ")", t, v -> a.eval().apply(v).and(BigInteger.valueOf(c)),
                        s -> ((UInt) a.build().apply(s)).and(c));
            }
            case "not" -> {
                E a = any(depth);
                T t = a.type();
                return new E("not(" + a.text() + ")", t, v -> t.fromBits(t.bits(a.eval().apply(v)).not()
                        .and(BigInteger.ONE.shiftLeft(t.width()).subtract(BigInteger.ONE))),
                        s -> signal(num(a.build().apply(s)).not()));
            }
            case "shl", "shr" -> {
                E a = any(depth);
                int n = rnd.nextInt(a.type().width() + 3);
                boolean left = op.equals("shl");
                int w = left ? a.type().width() + n : Math.max(1, a.type().width() - n);
                T t = new T(a.type().signed(), w);
                return new E(op + "(" + a.text() + "," + n + ")", t, v -> left ? a.eval().apply(v).shiftLeft(n)
                        : a.eval().apply(v).shiftRight(n), s -> {
                    Num<?> x = num(a.build().apply(s));
                    return signal(left ? x.shl(n) : x.shr(n));
                });
            }
            case "dshl", "dshr" -> {
                E a = any(depth);
                E amount = resizeTo(toU(any(depth)), 1 + rnd.nextInt(3));
                boolean left = op.equals("dshl");
                int sw = amount.type().width();
                T t = new T(a.type().signed(), left ? a.type().width() + (1 << sw) - 1 : a.type().width());
                return new E(op + "(" + a.text() + "," + amount.text() + ")", t, v -> {
                    int n = amount.eval().apply(v).intValueExact();
                    return left ? a.eval().apply(v).shiftLeft(n) : a.eval().apply(v).shiftRight(n);
                }, s -> {
                    Num<?> x = num(a.build().apply(s));
                    UInt y = (UInt) amount.build().apply(s);
                    return signal(left ? x.shl(y) : x.shr(y));
                });
            }
            case "eq", "ne", "lt", "le", "gt", "ge" -> {
                E a = ofSign(signed, depth);
                E b = ofSign(signed, depth);
                return compare(op, a, b);
            }
            case "cmpConst" -> {
                E a = any(depth);
                String cmp = List.of("eq", "ne", "lt", "le", "gt", "ge").get(rnd.nextInt(6));
                T t = a.type();
                // Constants inside, at and just outside the range exercise the range folding.
                BigInteger c = switch (rnd.nextInt(4)) {
                    case 0 -> t.min();
                    case 1 -> t.max();
                    case 2 -> t.max().add(BigInteger.ONE);
                    default -> t.min().add(BigInteger.valueOf(rnd.nextInt(5)));
                };
                if (c.bitLength() > 62 || (!t.signed() && c.signum() < 0)) {
                    c = BigInteger.ZERO;
                }
                long cv = c.longValue();
                BigInteger cb = c;
                return new E(cmp + "(" + a.text() + "," + cv + ")", new T(false, 1),
                        v -> bool(cmpOf(cmp, a.eval().apply(v).compareTo(cb))), s -> {
                    Num<?> p = num(a.build().apply(s));
                    return switch (cmp) {
                        case "eq" -> p.eq(cv);
                        case "ne" -> p.ne(cv);
                        case "lt" -> p.lt(cv);
                        case "le" -> p.le(cv);
                        case "gt" -> p.gt(cv);
                        default -> p.ge(cv);
                    };
                });
            }
            case "orR", "andR", "xorR" -> {
                E a = any(depth);
                T t = a.type();
                return new E(op + "(" + a.text() + ")", new T(false, 1), v -> {
                    BigInteger b = t.bits(a.eval().apply(v));
                    return switch (op) {
                        case "orR" -> bool(b.signum() != 0);
                        case "andR" -> bool(b.bitCount() == t.width());
                        default -> bool(b.bitCount() % 2 == 1);
                    };
                }, s -> {
                    Signal x = a.build().apply(s);
                    return switch (op) {
                        case "orR" -> x.orR();
                        case "andR" -> x.andR();
                        default -> x.xorR();
                    };
                });
            }
            case "mux" -> {
                E c = any(depth);
                E a = ofSign(signed, depth);
                E b = ofSign(signed, depth);
                T t = new T(signed, Math.max(a.type().width(), b.type().width()));
                return new E("mux(" + c.text() + "," + a.text() + "," + b.text() + ")", t,
                        v -> truthy(c, v) ? a.eval().apply(v) : b.eval().apply(v),
                        s -> Hdl.mux(boolOf(c.build().apply(s)), a.build().apply(s), b.build().apply(s)));
            }
            case "cat" -> {
                int n = 2 + rnd.nextInt(3);
                List<E> parts = new ArrayList<>();
                int w = 0;
                for (int i = 0; i < n; i++) {
                    E p = any(depth);
                    parts.add(p);
                    w += p.type().width();
                }
                T t = new T(false, w);
                return new E("cat" + parts.stream().map(E::text).toList(), t, v -> {
                    BigInteger r = BigInteger.ZERO;
                    for (E p : parts) {
                        r = r.shiftLeft(p.type().width()).or(p.type().bits(p.eval().apply(v)));
                    }
                    return r;
                }, s -> Hdl.cat(parts.stream().map(p -> p.build().apply(s)).toList()));
            }
            case "fill" -> {
                E a = resizeTo(any(depth), 1 + rnd.nextInt(3));
                int n = 1 + rnd.nextInt(4);
                int aw = a.type().width();
                T t = new T(false, aw * n);
                return new E("fill(" + n + "," + a.text() + ")", t, v -> {
                    BigInteger r = BigInteger.ZERO;
                    for (int i = 0; i < n; i++) {
                        r = r.shiftLeft(aw).or(a.type().bits(a.eval().apply(v)));
                    }
                    return r;
                }, s -> Hdl.fill(n, a.build().apply(s)));
            }
            case "bits", "bit" -> {
                E a = any(depth);
                int w = a.type().width();
                int lo = rnd.nextInt(w);
                int hi = op.equals("bit") ? lo : lo + rnd.nextInt(w - lo);
                T t = new T(false, hi - lo + 1);
                return new E(op + "(" + a.text() + "," + hi + "," + lo + ")", t,
                        v -> a.type().bits(a.eval().apply(v)).shiftRight(lo)
                                .and(BigInteger.ONE.shiftLeft(hi - lo + 1).subtract(BigInteger.ONE)),
                        s -> op.equals("bit") ? a.build().apply(s).bit(lo) : a.build().apply(s).bits(hi, lo));
            }
            case "resize" -> {
                E a = any(depth);
                return resizeTo(a, 1 + rnd.nextInt(a.type().width() + 8));
            }
            case "zsext" -> {
                E a = any(depth);
                int w = a.type().width() + rnd.nextInt(10);
                T t = new T(a.type().signed(), w);
                return new E("ext(" + a.text() + "," + w + ")", t, a.eval(),
                        s -> signal(num(a.build().apply(s)).extend(w)));
            }
            case "trunc" -> {
                E a = any(depth);
                int w = 1 + rnd.nextInt(a.type().width());
                T t = new T(a.type().signed(), w);
                return new E("trunc(" + a.text() + "," + w + ")", t, v -> t.wrap(a.eval().apply(v)),
                        s -> signal(num(a.build().apply(s)).trunc(w)));
            }
            case "toSInt" -> {
                return toS(ofSign(false, depth));
            }
            case "asSInt" -> {
                E a = any(depth);
                T t = new T(true, a.type().width());
                return new E("asSInt(" + a.text() + ")", t, v -> t.fromBits(a.type().bits(a.eval().apply(v))),
                        s -> a.build().apply(s).asSInt());
            }
            case "asUInt" -> {
                return toU(ofSign(true, depth));
            }
            case "saturate" -> {
                E a = any(depth);
                int w = 1 + rnd.nextInt(a.type().width() + 2);
                T t = new T(a.type().signed(), w);
                return new E("saturate(" + a.text() + "," + w + ")", t,
                        v -> a.eval().apply(v).max(t.min()).min(t.max()),
                        s -> signal(num(a.build().apply(s)).saturate(w)));
            }
            case "clamp" -> {
                E a = any(depth);
                T t = a.type();
                if (t.width() > 60) {
                    return null;
                }
                long span = t.max().subtract(t.min()).longValue();
                long lo = t.min().longValue() + (long) (rnd.nextDouble() * span);
                long hi = lo + (long) (rnd.nextDouble() * (t.max().longValue() - lo));
                return new E("clamp(" + a.text() + "," + lo + "," + hi + ")", t,
                        v -> a.eval().apply(v).max(BigInteger.valueOf(lo)).min(BigInteger.valueOf(hi)),
                        s -> signal(num(a.build().apply(s)).clamp(lo, hi)));
            }
            case "min", "max" -> {
                E a = ofSign(signed, depth);
                E b = ofSign(signed, depth);
                T t = new T(signed, Math.max(a.type().width(), b.type().width()));
                boolean min = op.equals("min");
                return new E(op + "(" + a.text() + "," + b.text() + ")", t, v -> min
                        ? a.eval().apply(v).min(b.eval().apply(v)) : a.eval().apply(v).max(b.eval().apply(v)),
                        s -> binary(op, a.build().apply(s), b.build().apply(s)));
            }
            case "abs" -> {
                E a = ofSign(true, depth);
                T t = new T(false, a.type().width());
                return new E("abs(" + a.text() + ")", t, v -> a.eval().apply(v).abs(),
                        s -> ((SInt) a.build().apply(s)).abs());
            }
            case "select" -> {
                int bitsN = 1 + rnd.nextInt(2);
                int n = 1 << bitsN;
                E idx = resizeTo(toU(any(depth)), bitsN);
                List<E> choices = new ArrayList<>();
                T first = null;
                for (int i = 0; i < n; i++) {
                    E c = resizeTo(ofSign(signed, depth - 1), first == null ? 1 + rnd.nextInt(16) : first.width());
                    if (first == null) {
                        first = c.type();
                    }
                    choices.add(c);
                }
                T t = first;
                return new E("select(" + idx.text() + "," + choices.stream().map(E::text).toList() + ")", t,
                        v -> choices.get(idx.eval().apply(v).intValueExact()).eval().apply(v),
                        s -> Hdl.select((UInt) idx.build().apply(s), choices.stream().map(c -> c.build().apply(s)).toList()));
            }
            case "addConst" -> {
                E a = any(depth);
                T at = a.type();
                long c = at.signed() ? rnd.nextInt(2001) - 1000 : rnd.nextInt(1000);
                int cw = at.signed() ? BigInteger.valueOf(c).bitLength() + 1 : Math.max(1, BigInteger.valueOf(c).bitLength());
                boolean wrap = rnd.nextBoolean();
                int w = Math.max(at.width(), cw) + (wrap ? 0 : 1);
                T t = new T(at.signed(), w);
                return new E((wrap ? "addWrap(" : "add(") + a.text() + "," + c + ")", t,
                        v -> t.wrap(a.eval().apply(v).add(BigInteger.valueOf(c))), s -> {
                    Num<?> x = num(a.build().apply(s));
                    return signal(wrap ? x.addWrap(c) : x.add(c));
                });
            }
            default -> throw new IllegalArgumentException(op);
        }
    }

    private static E compare(String op, E a, E b) {
        return new E(op + "(" + a.text() + "," + b.text() + ")", new T(false, 1),
                v -> bool(cmpOf(op, a.eval().apply(v).compareTo(b.eval().apply(v)))),
                s -> binary(op, a.build().apply(s), b.build().apply(s)));
    }

    /** Every signal is a UInt or an SInt, hence a Num of its own kind. */
    private static Num<?> num(Signal s) {
        return (Num<?>) s;
    }

    private static Signal signal(Num<?> n) {
        return (Signal) n;
    }

    /** A two-operand operation on operands of one signedness, written once for both through Num. */
    private static Signal binary(String op, Signal x, Signal y) {
        return x instanceof SInt p ? sameKind(op, p, (SInt) y) : sameKind(op, (UInt) x, (UInt) y);
    }

    private static <N extends Signal & Num<N>> Signal sameKind(String op, N p, N q) {
        return switch (op) {
            case "add" -> p.add(q);
            case "addWrap" -> p.addWrap(q);
            case "sub" -> p.sub(q);
            case "subWrap" -> p.subWrap(q);
            case "and" -> p.and(q);
            case "or" -> p.or(q);
            case "xor" -> p.xor(q);
            case "eq" -> p.eq(q);
            case "ne" -> p.ne(q);
            case "lt" -> p.lt(q);
            case "le" -> p.le(q);
            case "gt" -> p.gt(q);
            case "ge" -> p.ge(q);
            case "min" -> p.min(q);
            case "max" -> p.max(q);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static boolean cmpOf(String op, int c) {
        return switch (op) {
            case "eq" -> c == 0;
            case "ne" -> c != 0;
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            case "gt" -> c > 0;
            default -> c >= 0;
        };
    }

    private static BigInteger bool(boolean b) {
        return b ? BigInteger.ONE : BigInteger.ZERO;
    }

    /** Inputs in0..in9 of the chosen types; output e_i is expression i. */
    static final class ExprModule extends HwModule {
        ExprModule(T[] types, List<E> exprs) {
            Signal[] in = new Signal[types.length];
            for (int i = 0; i < types.length; i++) {
                in[i] = input("in" + i, types[i].signed() ? Hdl.sint(types[i].width()) : Hdl.uint(types[i].width()));
            }
            for (int i = 0; i < exprs.size(); i++) {
                E e = exprs.get(i);
                Signal value = e.build().apply(in);
                T t = e.type();
                assertEquals(t.signed(), value.type().signed(), () -> "signedness of " + e.text());
                assertEquals(t.width(), value.width(), () -> "width of " + e.text());
                Signal port = output("e" + i, t.signed() ? Hdl.sint(t.width()) : Hdl.uint(t.width()));
                port.assign(value);
            }
        }
    }
}
