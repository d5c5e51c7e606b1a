package org.jdpu.rtl.hw;

import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;

import static org.jdpu.hdl.Hdl.*;

/**
 * Two signed INT8 products that share an operand, computed by one 27x18 multiplier (one DSP48E2),
 * the packing of Xilinx WP486: {@code P = a * ((wHigh << 18) + wLow)} = {@code a*wHigh * 2^18 + a*wLow}.
 * The product register P is inside (the DSP's M/P register), so both results appear one cycle
 * after the operands.
 *
 * <p>{@code low} is {@code P[17:0]} read as a signed number: |a*wLow| <= 2^14, so it fits and its low
 * 16 bits are the product. {@code high} is {@code P[34:18] + P[17]}: a negative low product borrows
 * one from the upper field, and its sign bit {@code P[17]} gives that one back.
 */
final class PackedMul2 extends HwModule {
    /** Bit position of the high weight in the packed operand (the low product needs 18 bits). */
    static final int HIGH_SHIFT = 18;

    final SInt a, wHigh, wLow;
    final SInt low, high;
    private final boolean corrected;

    /** The multiplier the engine uses. */
    PackedMul2() {
        this(true);
    }

    /**
     * @param corrected add back the borrow of a negative low product; {@code false} builds the
     *                  common mistake of leaving it out, so tests can show they detect it
     */
    PackedMul2(boolean corrected) {
        this.corrected = corrected;
        a = input("a", sint(8));
        wHigh = input("w_high", sint(8));
        wLow = input("w_low", sint(8));
        low = output("low", sint(16));
        high = output("high", sint(16));

        SInt p = regNext("p", a.mul(packedOperand(wHigh, wLow)));
        low.assign(low(p));
        high.assign(high(p, corrected));
    }

    /** {@code (wHigh << 18) + sign-extended wLow}: 27 bits, the DSP's A:D port width. */
    static SInt packedOperand(SInt wHigh, SInt wLow) {
        return cat(wHigh, U(0, HIGH_SHIFT)).asSInt().add(wLow);
    }

    /** The low product of a packed product {@code p}: its low 16 bits, signed. */
    static SInt low(SInt p) {
        return p.bits(15, 0).asSInt();
    }

    /** The high product of a packed product {@code p}: the upper field plus the low field's sign (the borrow). */
    static SInt high(SInt p, boolean corrected) {
        SInt upper = p.bits(p.width() - 1, HIGH_SHIFT).asSInt();
        SInt borrow = cat(U(0, 1), p.bit(HIGH_SHIFT - 1)).asSInt();
        return (corrected ? upper.addWrap(borrow) : upper).trunc(16);
    }

    @Override
    protected String moduleName() {
        return corrected ? "dpu_packed_mul2" : "dpu_packed_mul2_uncorrected";
    }
}
