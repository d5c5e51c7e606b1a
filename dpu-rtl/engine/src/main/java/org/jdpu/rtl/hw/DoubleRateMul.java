package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.ir.ClockDomain;

import static org.jdpu.hdl.Hdl.*;

/**
 * Two multiplies per engine cycle on one multiplier (one DSP48E2) clocked at twice the engine
 * clock: lane 0's operands enter the 2x pipeline at the mid-cycle edge of {@code clk2x}, lane 1's
 * at the edge that coincides with {@code clk}'s. Either plain INT8 products ({@code a * w}) or,
 * with packing, WP486 packed products ({@code a * ((wHigh << 18) + w)}, split by the caller with
 * {@link PackedMul2#low} and {@link PackedMul2#high}).
 *
 * <p>Timing equals a 1x element's operand register followed by its product register: operands
 * valid in engine cycle n - 1 (they come straight from the neighbour's registers) give both
 * products in engine registers {@code p0}, {@code p1} in cycle n + 1. In between, on the 2x clock:
 * operand registers (the DSP's A/B/D registers) at n - 1/2 (lane 0) and n (lane 1), the product
 * register (M/P) at n and n + 1/2, and a copy of lane 0's product at n + 1/2 so that both hold
 * through the engine edge at n + 1. {@code second} is high in the half-cycle before a {@code clk}
 * edge (see {@link #phase}).
 */
final class DoubleRateMul extends HwModule {
    /** The multipliers' clock: twice the engine clock, edge-aligned (the DPU's {@code dpu_2x_clk}). */
    static final ClockDomain FAST = ClockDomain.DEFAULT.related("clk2x", "rst2x", 2);

    final SInt a0, a1, w0, w1;
    /** Packed only: the high weights. */
    final SInt wHigh0, wHigh1;
    final Bool second;
    /** Engine-clock registers holding both products (16 bits, or the 35-bit packed product). */
    final SInt p0, p1;
    private final boolean packed;

    DoubleRateMul(boolean packed) {
        this.packed = packed;
        a0 = input("a0", sint(8));
        a1 = input("a1", sint(8));
        w0 = input("w0", sint(8));
        w1 = input("w1", sint(8));
        wHigh0 = packed ? input("w_high0", sint(8)) : null;
        wHigh1 = packed ? input("w_high1", sint(8)) : null;
        second = input("second", bool());
        int width = packed ? 8 + PackedMul2.HIGH_SHIFT + 9 : 16;
        p0 = output("p0", sint(width));
        p1 = output("p1", sint(width));

        SInt[] fast = new SInt[2];
        inDomain(FAST, () -> {
            SInt fa = regNext("fa", mux(second, a1, a0));
            SInt fw = regNext("fw", mux(second, w1, w0));
            SInt operand = fw;
            if (packed) {
                SInt fwh = regNext("fwh", mux(second, wHigh1, wHigh0));
                operand = PackedMul2.packedOperand(fwh, fw);
            }
            SInt fp = regNext("fp", fa.mul(operand));
            fast[0] = regNext("fp_prev", fp);
            fast[1] = fp;
        });
        p0.assign(regNext("p0_q", fast[0]));
        p1.assign(regNext("p1_q", fast[1]));
    }

    /**
     * The {@code second} signal for the multipliers of one element, built in the calling module: a
     * 2x register that the engine reset sets and that toggles on every 2x edge after it. The reset
     * ends at a {@code clk} edge, so it is low in the first half of each engine cycle and high in
     * the second from then on (no reset is needed on the 2x clock itself).
     */
    static Bool phase(Bool engineReset) {
        Bool[] second = new Bool[1];
        inDomain(FAST, () -> {
            Bool ph = reg("phase_2x", bool());
            ph.assign(mux(engineReset, B(true), ph.not()));
            second[0] = ph.not();
        });
        return second[0];
    }

    @Override
    protected String moduleName() {
        return packed ? "dpu_mul2x_packed" : "dpu_mul2x";
    }
}
