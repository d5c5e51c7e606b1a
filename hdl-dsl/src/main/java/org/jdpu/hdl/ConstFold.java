package org.jdpu.hdl;

import org.jdpu.hdl.ir.OpKind;
import org.jdpu.hdl.ir.Ty;

import java.math.BigInteger;

/**
 * Evaluates an operator whose operands are all constants, so that no constant-valued expression
 * reaches the Verilog: Verilator folds such expressions itself and then warns about comparisons
 * they make constant (UNSIGNED, CMPCONST). Values are unsigned bit patterns of their types.
 */
final class ConstFold {
    private ConstFold() {}

    static BigInteger eval(OpKind kind, Ty ty, int param, Ty[] at, BigInteger[] a) {
        int w = ty.width();
        BigInteger r = switch (kind) {
            case ADD -> value(at[0], a[0]).add(value(at[1], a[1]));
            case SUB -> value(at[0], a[0]).subtract(value(at[1], a[1]));
            case MUL -> value(at[0], a[0]).multiply(value(at[1], a[1]));
            case NEG -> value(at[0], a[0]).negate();
            case AND -> a[0].and(a[1]);
            case OR -> a[0].or(a[1]);
            case XOR -> a[0].xor(a[1]);
            case NOT -> a[0].not();
            case SHL -> a[0].shiftLeft(param);
            case DSHL -> value(at[0], a[0]).shiftLeft(a[1].intValueExact());
            case DSHR -> value(at[0], a[0]).shiftRight(a[1].intValueExact());
            case EQ, NE, LT, LE, GT, GE -> {
                int c = value(at[0], a[0]).compareTo(value(at[1], a[1]));
                boolean b = switch (kind) {
                    case EQ -> c == 0;
                    case NE -> c != 0;
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    default -> c >= 0;
                };
                yield b ? BigInteger.ONE : BigInteger.ZERO;
            }
            case ANDR -> a[0].bitCount() == at[0].width() ? BigInteger.ONE : BigInteger.ZERO;
            case ORR -> a[0].signum() != 0 ? BigInteger.ONE : BigInteger.ZERO;
            case XORR -> BigInteger.valueOf(a[0].bitCount() & 1);
            case MUX -> a[0].testBit(0) ? value(at[1], a[1]) : value(at[2], a[2]);
            case CAT -> {
                BigInteger c = BigInteger.ZERO;
                for (int i = 0; i < a.length; i++) {
                    c = c.shiftLeft(at[i].width()).or(a[i]);
                }
                yield c;
            }
            case SLICE -> a[0].shiftRight(param);
            case RESIZE -> value(at[0], a[0]);
            case CAST -> a[0];
        };
        return r.and(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE));
    }

    /** The number a bit pattern stands for under its type. */
    static BigInteger value(Ty t, BigInteger bits) {
        return t.signed() && bits.testBit(t.width() - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(t.width())) : bits;
    }
}
