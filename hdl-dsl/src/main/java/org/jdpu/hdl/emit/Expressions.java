package org.jdpu.hdl.emit;

import org.jdpu.hdl.ir.Node;
import org.jdpu.hdl.ir.Ty;

import java.math.BigInteger;
import java.util.function.IntFunction;

/**
 * Verilog text for operators, one case per operator kind. Operands are first brought to the
 * width the operator works at with explicit zero or sign extension, so every expression is
 * self-determined and lint-clean. Constants are folded into sized literals (a literal cannot be
 * bit-selected in Verilog).
 */
final class Expressions {
    private Expressions() {}

    static String op(Node.Op op, IntFunction<String> ref, IntFunction<Node> node) {
        int[] a = op.args();
        int w = op.ty().width();
        return switch (op.kind()) {
            case ADD -> ext(a[0], w, ref, node) + " + " + ext(a[1], w, ref, node);
            case SUB -> ext(a[0], w, ref, node) + " - " + ext(a[1], w, ref, node);
            case MUL -> mul(a[0], a[1], ref, node);
            case NEG -> "-" + ext(a[0], w, ref, node);
            case AND -> ref.apply(a[0]) + " & " + ref.apply(a[1]);
            case OR -> ref.apply(a[0]) + " | " + ref.apply(a[1]);
            case XOR -> ref.apply(a[0]) + " ^ " + ref.apply(a[1]);
            case NOT -> "~" + ref.apply(a[0]);
            case SHL -> "{" + ref.apply(a[0]) + ", " + literal(op.param(), BigInteger.ZERO) + "}";
            case DSHL -> ext(a[0], w, ref, node) + " << " + ref.apply(a[1]);
            case DSHR -> node.apply(a[0]).ty().signed()
                    ? "$signed(" + ref.apply(a[0]) + ") >>> " + ref.apply(a[1])
                    : ref.apply(a[0]) + " >> " + ref.apply(a[1]);
            case EQ -> compare("==", a, ref, node);
            case NE -> compare("!=", a, ref, node);
            case LT -> compare("<", a, ref, node);
            case LE -> compare("<=", a, ref, node);
            case GT -> compare(">", a, ref, node);
            case GE -> compare(">=", a, ref, node);
            case ANDR -> "&" + ref.apply(a[0]);
            case ORR -> "|" + ref.apply(a[0]);
            case XORR -> "^" + ref.apply(a[0]);
            case MUX -> ref.apply(a[0]) + " ? " + ext(a[1], w, ref, node) + " : " + ext(a[2], w, ref, node);
            case CAT -> cat(a, ref);
            case SLICE -> slice(a[0], op.param() + w - 1, op.param(), ref, node);
            case RESIZE -> {
                int from = node.apply(a[0]).ty().width();
                yield w >= from ? ext(a[0], w, ref, node) : slice(a[0], w - 1, 0, ref, node);
            }
            case CAST -> ref.apply(a[0]);
        };
    }

    private static String mul(int x, int y, IntFunction<String> ref, IntFunction<Node> node) {
        boolean sx = node.apply(x).ty().signed();
        boolean sy = node.apply(y).ty().signed();
        if (!sx && !sy) {
            return ref.apply(x) + " * " + ref.apply(y);
        }
        return signedOperand(x, sx, ref, node) + " * " + signedOperand(y, sy, ref, node);
    }

    /** An operand of a signed product: unsigned ones get a zero sign bit first. */
    private static String signedOperand(int x, boolean signed, IntFunction<String> ref, IntFunction<Node> node) {
        if (signed) {
            return "$signed(" + ref.apply(x) + ")";
        }
        return "$signed(" + ext(x, node.apply(x).ty().width() + 1, ref, node) + ")";
    }

    private static String compare(String op, int[] a, IntFunction<String> ref, IntFunction<Node> node) {
        Ty ta = node.apply(a[0]).ty();
        Ty tb = node.apply(a[1]).ty();
        int w = Math.max(ta.width(), tb.width());
        String l = ext(a[0], w, ref, node);
        String r = ext(a[1], w, ref, node);
        if (ta.signed() && !op.equals("==") && !op.equals("!=")) {
            return "$signed(" + l + ") " + op + " $signed(" + r + ")";
        }
        return l + " " + op + " " + r;
    }

    private static String cat(int[] a, IntFunction<String> ref) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < a.length; i++) {
            b.append(i == 0 ? "" : ", ").append(ref.apply(a[i]));
        }
        return b.append('}').toString();
    }

    /** Net {@code x} extended to {@code w} bits by its own signedness. */
    static String ext(int x, int w, IntFunction<String> ref, IntFunction<Node> node) {
        Node n = node.apply(x);
        Ty t = n.ty();
        if (t.width() == w) {
            return ref.apply(x);
        }
        if (n instanceof Node.Const c) {
            BigInteger bits = c.bits();
            if (t.signed() && bits.testBit(t.width() - 1)) {
                bits = bits.add(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE.shiftLeft(t.width())));
            }
            return literal(w, bits);
        }
        int pad = w - t.width();
        String name = ref.apply(x);
        if (!t.signed()) {
            return "{" + literal(pad, BigInteger.ZERO) + ", " + name + "}";
        }
        String sign = t.width() == 1 ? name : name + "[" + (t.width() - 1) + "]";
        return pad == 1 ? "{" + sign + ", " + name + "}" : "{{" + pad + "{" + sign + "}}, " + name + "}";
    }

    /** Bits hi..lo of net {@code x}; a constant is sliced at elaboration. */
    static String slice(int x, int hi, int lo, IntFunction<String> ref, IntFunction<Node> node) {
        Node n = node.apply(x);
        if (n instanceof Node.Const c) {
            BigInteger mask = BigInteger.ONE.shiftLeft(hi - lo + 1).subtract(BigInteger.ONE);
            return literal(hi - lo + 1, c.bits().shiftRight(lo).and(mask));
        }
        String name = ref.apply(x);
        if (lo == 0 && hi == n.ty().width() - 1) {
            return name;
        }
        return hi == lo ? name + "[" + lo + "]" : name + "[" + hi + ":" + lo + "]";
    }

    /** A sized literal: {@code 1'b0}, {@code 8'd200}, {@code 32'h0000ffff} for wide values. */
    static String literal(int width, BigInteger bits) {
        if (width == 1) {
            return bits.testBit(0) ? "1'b1" : "1'b0";
        }
        if (width > 16 && bits.bitLength() > 16) {
            return width + "'h" + bits.toString(16);
        }
        return width + "'d" + bits;
    }
}
