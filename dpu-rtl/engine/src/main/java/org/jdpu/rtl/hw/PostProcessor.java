package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.arch.ActivationKind;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.PostProcessing;

import static org.jdpu.hdl.Hdl.*;

/**
 * Requantises one accumulator per cycle to INT8 in {@code shift} mode, exactly as
 * {@link PostProcessing#apply} describes, in {@link org.jdpu.arch.Pipeline#POST} register stages so
 * that no stage chains more than one wide add or shift: inputs; bias alignment; {@code N = 2*acc +
 * aligned bias}; the left shift of a negative CUT_SHIFT; the activation in two stages (relu,
 * relu6's bound test and 24*M, then leaky_relu's 26*M); the rounding add; the rounding shift;
 * saturation to [OUT_MIN, OUT_MAX] (or RELU6_OUT).
 */
final class PostProcessor extends HwModule {
    final Bool validIn;
    final SInt acc, bias;
    /** The column's kept partial sum for this accumulator, one cycle after {@code acc} (stage 1). */
    final SInt psum;
    /** PSUM_MODE bit 0: add {@code psum} to the accumulator. */
    final Bool addPsum;
    final QuantParams quant;
    final Bool validOut;
    final SInt out;
    /** The accumulator plus the added partial sum, at stage 2, for the partial-sum bank. */
    final SInt total;
    final Bool totalValid;

    PostProcessor() {
        validIn = input("valid_in", bool());
        acc = input("acc", sint(EngineWidths.ACC));
        bias = input("bias", sint(EngineWidths.BIAS));
        psum = input("psum", sint(EngineWidths.ACC));
        addPsum = input("add_psum", bool());
        quant = input("quant", new QuantParams());
        validOut = output("valid_out", bool());
        out = output("out", sint(8));
        total = output("total", sint(EngineWidths.ACC));
        totalValid = output("total_valid", bool());

        int nWidth = PostProcessing.N_WIDTH;
        int alignedWidth = PostProcessing.ALIGNED_BIAS_LIMIT_BITS + 1;
        int rw = PostProcessing.ROUND_WIDTH;

        // 1: input registers (the bias comes straight from its RAM).
        SInt acc1 = regNext("acc_1", acc);
        SInt bias1 = regNext("bias_1", bias);
        Bool valid1 = regNext("valid_1", validIn, 0);

        // 2: bias alignment, floor(bias * 2^BIAS_SHIFT), saturated.
        SInt biasUp = bias1.shl(quant.biasShift.asUInt().bits(4, 0)).saturate(alignedWidth);
        SInt biasDown = bias1.shr(quant.biasShift.neg().asUInt().bits(4, 0)).resize(alignedWidth);
        SInt aligned = regNext("aligned", mux(quant.biasShift.ge(0), biasUp, biasDown));
        // Partial sums of the earlier input-channel slices join here, beside the bias alignment
        // (int32 with wrap-around, as the accumulator), so the stage count does not change.
        SInt kept = mux(addPsum, psum, S(0, EngineWidths.ACC));
        SInt acc2 = regNext("acc_2", acc1.addWrap(kept));
        Bool valid2 = regNext("valid_2", valid1, 0);
        total.assign(acc2);
        totalValid.assign(valid2);

        // 3: N = 2*acc + aligned bias.
        SInt n = regNext("n", acc2.shl(1).resize(nWidth).add(aligned.resize(nWidth)).trunc(nWidth));
        Bool valid3 = regNext("valid_3", valid2, 0);

        // 4: a negative CUT_SHIFT multiplies (N saturated first), a positive one is the rounding shift.
        Bool cutLeft = quant.cutShift.lt(0);
        SInt shiftedUp = n.saturate(PostProcessing.LEFT_SHIFT_LIMIT_BITS + 1)
                .shl(quant.cutShift.neg().asUInt().bits(4, 0)).resize(nWidth);
        SInt m = regNext("m", mux(cutLeft, shiftedUp, n));
        UInt s4 = regNext("s_4", mux(cutLeft, U(0, 6), quant.cutShift.asUInt().bits(5, 0)));
        Bool valid4 = regNext("valid_4", valid3, 0);

        // 5: activation, first half: relu clamps, relu6 bound test, 24*M towards leaky's 26*M.
        Bool isRelu = quant.activation.eq(ActivationKind.RELU.code);
        Bool isRelu6 = quant.activation.eq(ActivationKind.RELU6.code);
        Bool isLeaky = quant.activation.eq(ActivationKind.LEAKY_RELU.code);
        Bool negative = m.lt(0);
        SInt rectified = mux(negative.and(isRelu.or(isRelu6)), S(0, nWidth), m);
        UInt bound = mux(quant.relu6Shift.ge(0),
                U(6, 3).shl(quant.relu6Shift.asUInt().bits(5, 0)).resize(nWidth),
                U(6, 3).shr(quant.relu6Shift.neg().asUInt().bits(5, 0)).resize(nWidth));
        Bool over5 = regNext("over_5", isRelu6.and(rectified.gt(bound.toSInt())));
        Bool leaky5 = regNext("leaky_5", isLeaky.and(negative));
        SInt rect5 = regNext("rect_5", rectified);
        SInt m24 = regNext("m24", m.shl(4).resize(rw).add(m.shl(3).resize(rw)).trunc(rw));
        SInt m5 = regNext("m_5", m);
        UInt s5 = regNext("s_5", s4);
        Bool valid5 = regNext("valid_5", valid4, 0);

        // 6: activation, second half: leaky_relu's 26*M and 8 more shift bits.
        SInt m26 = m24.add(m5.shl(1).resize(rw)).trunc(rw);
        SInt v = regNext("v", mux(leaky5, m26, rect5.resize(rw)));
        UInt shiftNext = mux(leaky5, s5.addWrap(ActivationKind.LEAKY_SHIFT), s5);
        UInt shift6 = regNext("shift_6", shiftNext);
        UInt half = regNext("half", U(1, 1).shl(shiftNext).shr(1).resize(rw));
        Bool over6 = regNext("over_6", over5);
        Bool valid6 = regNext("valid_6", valid5, 0);

        // 7: add half of the last kept bit (round half toward +infinity).
        SInt sum = regNext("sum", v.add(half.toSInt().resize(rw)));
        UInt shift7 = regNext("shift_7", shift6);
        Bool over7 = regNext("over_7", over6);
        Bool valid7 = regNext("valid_7", valid6, 0);

        // 8: the rounding shift.
        SInt rounded = regNext("rounded", sum.shr(shift7));
        Bool over8 = regNext("over_8", over7);
        Bool valid8 = regNext("valid_8", valid7, 0);

        // 9: saturate to [OUT_MIN, OUT_MAX], or the clamped relu6 value.
        // Both bounds are compared with the rounded value in parallel (OUT_MIN <= OUT_MAX).
        Bool below = rounded.lt(quant.outMin.resize(rounded.width()));
        Bool above = rounded.gt(quant.outMax.resize(rounded.width()));
        SInt limited = mux(below, quant.outMin, mux(above, quant.outMax, rounded.trunc(8)));
        SInt result = regNext("result", mux(over8, quant.relu6Out.max(quant.outMin).min(quant.outMax), limited));
        Bool valid9 = regNext("valid_9", valid8, 0);
        out.assign(result);
        validOut.assign(valid9);
    }

    @Override
    protected String moduleName() {
        return "dpu_post";
    }
}
