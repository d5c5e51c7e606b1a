package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.Pipeline;
import org.jdpu.hdl.lib.Delay;
import org.jdpu.hdl.lib.ReductionTree;

import java.util.ArrayList;
import java.util.List;

import static org.jdpu.hdl.Hdl.*;

/**
 * One processing element of the systolic grid: an ICP-lane INT8 dot product accumulated into an
 * INT32 every cycle, output-stationary. With DSP packing ({@link PePacking}) two neighbouring
 * elements share one {@link PackedMul2} per lane instead of a multiplier each.
 *
 * <p>Operands arrive in registers: the activation word from the left (passed on to the right), the
 * weight word and step flags from above (passed on down). Registered products feed the accumulator;
 * the first step of a tile restarts it, the last also copies the total into {@code hold}, so the
 * next tile starts at once. The adder tree is registered every {@link Pipeline#TREE_LEVELS_PER_STAGE} levels.
 *
 * <p>Unloading runs down the column through {@code chain}: a load token enters each element two
 * cycles after the element above it (so the finished sums of a column leave the bottom on
 * consecutive cycles, row 0 first), and each element either loads its held sum into its chain
 * register or passes on the chain register of the element above.
 */
final class ProcessingElement extends HwModule {
    final UInt aIn, wIn;
    final Bool validIn, firstIn, lastIn;
    /** Only below row 0: the load token and output chain of the element above. */
    final Bool loadIn, chainValidIn;
    final SInt chainIn;
    /** Only left of the last column: the activation for the right neighbour. */
    final UInt aOut;
    /** Only above the last row: weights, flags, load token and chain for the element below. */
    final UInt wOut;
    final Bool validOut, firstOut, lastOut, loadOut;
    final SInt chainOut;
    final Bool chainValidOut;
    /** LOW only: the right neighbour's weight word, at this element's operand cycle; its products (ICP x int16). */
    UInt wHighIn, highOut;
    /** HIGH only: the products computed by the element to the left, one cycle ahead of this element. */
    UInt productsIn;
    private final boolean top, bottom, rightmost, doubleRate;
    private final PePacking packing;

    /**
     * @param icp       dot-product lanes
     * @param top       row 0: starts the load token itself and has no chain above
     * @param bottom    last row: passes nothing down except its chain, which leaves the grid
     * @param rightmost no element to its right reads the activation, so it passes none on
     * @param packing   its part in DSP packing (NONE: multiplies itself)
     * @param doubleRate multiply on the 2x clock, two lanes per multiplier ({@link DoubleRateMul}); the
     *                   multipliers then read the operands from the inputs, one cycle before the operand registers
     */
    ProcessingElement(int icp, boolean top, boolean bottom, boolean rightmost, PePacking packing, boolean doubleRate) {
        this.top = top;
        this.bottom = bottom;
        this.rightmost = rightmost;
        this.doubleRate = doubleRate;
        aIn = packing == PePacking.HIGH && rightmost ? null : input("a_in", uint(8 * icp));
        wIn = packing == PePacking.HIGH && bottom ? null : input("w_in", uint(8 * icp));
        validIn = input("valid_in", bool());
        firstIn = input("first_in", bool());
        lastIn = input("last_in", bool());
        loadIn = top ? null : input("load_in", bool());
        chainIn = top ? null : input("chain_in", sint(EngineWidths.ACC));
        chainValidIn = top ? null : input("chain_valid_in", bool());
        this.packing = packing;
        UInt a = aIn == null ? null : regNext("a", aIn);
        UInt w = wIn == null ? null : regNext("w", wIn);
        Bool valid = regNext("valid", validIn, 0);
        Bool first = regNext("first", firstIn, 0);
        Bool last = regNext("last", lastIn, 0);

        List<SInt> products = doubleRate && packing != PePacking.HIGH ? doubleRateProducts(icp)
                : packing == PePacking.NONE ? new ArrayList<>() : packedProducts(icp, a, w);
        for (int i = 0; packing == PePacking.NONE && !doubleRate && i < icp; i++) {
            SInt ai = a.bits(8 * i + 7, 8 * i).asSInt();
            SInt wi = w.bits(8 * i + 7, 8 * i).asSInt();
            products.add(regNext("p" + i, ai.mul(wi)));
        }
        Bool valid1 = regNext("valid_p", valid, 0);
        Bool first1 = regNext("first_p", first, 0);
        Bool last1 = regNext("last_p", last, 0);

        // The adder tree, registered every TREE_LEVELS_PER_STAGE levels; its last group of levels
        // shares the cycle with the accumulator. The flags keep pace.
        ReductionTree.Result<SInt> tree = ReductionTree.pipelined("t", products, SInt::add,
                Pipeline.TREE_LEVELS_PER_STAGE);
        if (tree.latency() != Pipeline.treeRegisters(icp)) {
            throw new IllegalStateException("the adder tree has " + tree.latency() + " register stages, the cycle model "
                    + Pipeline.treeRegisters(icp));
        }
        SInt sum = tree.value();
        Bool validP = Delay.withReset("valid_t", valid1, tree.latency(), 0);
        Bool firstP = Delay.withReset("first_t", first1, tree.latency(), 0);
        Bool lastP = Delay.withReset("last_t", last1, tree.latency(), 0);
        SInt acc = reg("acc", sint(EngineWidths.ACC));
        SInt hold = reg("hold", sint(EngineWidths.ACC));
        SInt total = mux(firstP, S(0, EngineWidths.ACC), acc).addWrap(sum.sext(EngineWidths.ACC));
        when(validP, () -> acc.assign(total));
        when(validP.and(lastP), () -> hold.assign(total));

        // Row 0 starts the load token when its hold register is written; it reaches row p 2p
        // cycles later, so a column's sums leave the bottom on consecutive cycles.
        Bool token = top ? Delay.withReset("load", last, Pipeline.pe(icp), 0) : Delay.withReset("load", loadIn, 2, 0);
        Bool load = token;
        SInt chain = regNext("chain", top ? hold : mux(load, hold, chainIn));
        Bool chainValid = regNext("chain_valid", top ? load : load.or(chainValidIn), 0);

        chainOut = output("chain_out", sint(EngineWidths.ACC));
        chainOut.assign(chain);
        chainValidOut = output("chain_valid_out", bool());
        chainValidOut.assign(chainValid);
        aOut = rightmost ? null : output("a_out", uint(8 * icp));
        if (aOut != null) aOut.assign(a);
        wOut = bottom ? null : output("w_out", uint(8 * icp));
        validOut = bottom ? null : output("valid_out", bool());
        firstOut = bottom ? null : output("first_out", bool());
        lastOut = bottom ? null : output("last_out", bool());
        loadOut = bottom ? null : output("load_out", bool());
        if (!bottom) {
            wOut.assign(w);
            validOut.assign(valid);
            firstOut.assign(first);
            lastOut.assign(last);
            loadOut.assign(load);
        }
    }

    @Override
    protected String moduleName() {
        return "dpu_pe" + (top ? "_top" : "") + (bottom ? "_bottom" : "") + (rightmost ? "_right" : "") + packing.suffix
                + (doubleRate ? "_2x" : "");
    }

    // ---- double-rate multipliers ----

    /**
     * Products of lanes 2k and 2k+1 from one {@link DoubleRateMul} each (with an odd ICP the last
     * multiplier's second lane multiplies zeros). The multipliers take the operands from the inputs,
     * a cycle before this element's operand registers, and deliver the products into engine-clock
     * registers at the cycle the 1x product registers would be written, so the timing is the 1x
     * element's. LOW (packing) also multiplies by the partner's weights: {@code w_high_in} then
     * carries them one cycle early too, and the high products leave through {@code high_out}.
     */
    private List<SInt> doubleRateProducts(int icp) {
        boolean packed = packing == PePacking.LOW;
        if (packed) {
            wHighIn = input("w_high_in", uint(8 * icp));
            highOut = output("high_out", uint(16 * icp));
        }
        Bool second = DoubleRateMul.phase(reset());
        List<SInt> products = new ArrayList<>();
        List<SInt> highs = new ArrayList<>();
        for (int k = 0; 2 * k < icp; k++) {
            DoubleRateMul m = instance("mul" + k, new DoubleRateMul(packed));
            m.second.assign(second);
            m.a0.assign(lane(aIn, 2 * k));
            m.a1.assign(lane(aIn, 2 * k + 1));
            m.w0.assign(lane(wIn, 2 * k));
            m.w1.assign(lane(wIn, 2 * k + 1));
            if (packed) {
                m.wHigh0.assign(lane(wHighIn, 2 * k));
                m.wHigh1.assign(lane(wHighIn, 2 * k + 1));
            }
            SInt[] p = {m.p0, m.p1};
            for (int j = 0; j < 2 && 2 * k + j < icp; j++) {
                products.add(packed ? PackedMul2.low(p[j]) : p[j]);
                if (packed) highs.add(PackedMul2.high(p[j], true));
            }
        }
        if (packed) highOut.assign(cat(highs.reversed()));
        return products;
    }

    /** Lane {@code i} of an ICP-byte word as a signed byte; zero past the last lane. */
    private static SInt lane(UInt word, int i) {
        return 8 * i < word.width() ? word.bits(8 * i + 7, 8 * i).asSInt() : S(0, 8);
    }

    // ---- DSP packing ----

    /**
     * LOW: one {@link PackedMul2} per lane (activation x own weight and x the neighbour's weight),
     * the neighbour's products leave through {@code high_out}. HIGH: the products arrive through
     * {@code products_in} one cycle after the left element computed them, which is exactly when this
     * element's operands (the same activation, one cycle later) would have been multiplied, so
     * registering them once keeps the element's timing.
     */
    private List<SInt> packedProducts(int icp, UInt a, UInt w) {
        List<SInt> products = new ArrayList<>();
        if (packing == PePacking.LOW) {
            wHighIn = input("w_high_in", uint(8 * icp));
            highOut = output("high_out", uint(16 * icp));
            List<SInt> highs = new ArrayList<>();
            for (int i = 0; i < icp; i++) {
                PackedMul2 m = instance("mul" + i, new PackedMul2());
                m.a.assign(a.bits(8 * i + 7, 8 * i).asSInt());
                m.wHigh.assign(wHighIn.bits(8 * i + 7, 8 * i).asSInt());
                m.wLow.assign(w.bits(8 * i + 7, 8 * i).asSInt());
                products.add(m.low);
                highs.add(m.high);
            }
            highOut.assign(cat(highs.reversed()));
        } else {
            productsIn = input("products_in", uint(16 * icp));
            for (int i = 0; i < icp; i++) {
                products.add(regNext("p" + i, productsIn.bits(16 * i + 15, 16 * i).asSInt()));
            }
        }
        return products;
    }
}
