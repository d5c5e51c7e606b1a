package org.jdpu.rtl.hw;

import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.Pipeline;
import org.jdpu.arch.PostProcessing;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.*;

/**
 * Requantises one accumulator per cycle to INT8 in TFLite's {@code multiplier} mode (a
 * {@code +tflite} engine), as TFLite's reference kernels do: {@code x = acc + bias} (int32, wrapping:
 * the compiler has folded {@code -zp_in * sum(w)} into the bias; with PSUM_MODE's add bit, the
 * kept partial sums of the earlier input-channel slices are added too), {@code x << max(shift, 0)}
 * (wrapping), SaturatingRoundingDoublingHighMul with the channel's Q31 multiplier, RoundingDivideByPOT
 * by {@code max(-shift, 0)}, plus the output zero point, clamped to [OUT_MIN, OUT_MAX].
 *
 * <p>It has exactly the {@link Pipeline#POST} stages of the shift-mode {@link PostProcessor} beside
 * which it sits, so a run's timing does not depend on the mode: inputs; the bias add; the left shift;
 * the 32 x 31-bit product; the doubling high half; the rounding shift; its rounding increment; the
 * zero point; the clamp. The multiplier is non-negative (Q31, as TFLite's converters write it), so
 * the high-mul's one saturating case (both operands -2^31) cannot occur, and its rounding toward
 * +infinity on ties is {@code (x*m + 2^30) >> 31} for either sign.
 */
final class TfliteRequantiser extends HwModule {
    final SInt acc, bias;
    /** The column's kept partial sum for this accumulator, one cycle after {@code acc} (stage 1), as the shift path's. */
    final SInt psum;
    /** PSUM_MODE bit 0: add {@code psum} to the accumulator. */
    final Bool addPsum;
    final UInt multiplier;
    final SInt shift;
    final SInt outZeroPoint, outMin, outMax;
    final SInt out;

    TfliteRequantiser() {
        acc = input("acc", sint(EngineWidths.ACC));
        bias = input("bias", sint(EngineWidths.BIAS));
        psum = input("psum", sint(EngineWidths.ACC));
        addPsum = input("add_psum", bool());
        multiplier = input("multiplier", uint(EngineWidths.BIAS - 1));
        shift = input("shift", sint(PostProcessing.MULTIPLIER_SHIFT_WIDTH));
        outZeroPoint = input("out_zero_point", sint(8));
        outMin = input("out_min", sint(8));
        outMax = input("out_max", sint(8));
        out = output("out", sint(8));

        // 1: input registers (bias, multiplier and shift come straight from their RAMs).
        SInt acc1 = regNext("acc_1", acc);
        SInt bias1 = regNext("bias_1", bias);
        UInt mul1 = regNext("mul_1", multiplier);
        SInt shift1 = regNext("shift_1", shift);

        // 2: x = acc + kept partial sum + bias, int32 wrapping as the reference kernels' sum. The three
        // terms go through one carry-save layer so that the stage keeps a single carry chain.
        SInt kept = mux(addPsum, psum, S(0, EngineWidths.ACC));
        SInt partial = acc1.xor(kept).xor(bias1);
        SInt carries = acc1.and(kept).or(acc1.and(bias1)).or(kept.and(bias1)).shl(1).trunc(EngineWidths.ACC);
        SInt x2 = regNext("x_2", partial.addWrap(carries));
        UInt mul2 = regNext("mul_2", mul1);
        SInt shift2 = regNext("shift_2", shift1);

        // 3: x << max(shift, 0), wrapping like the C++ int32 shift; right = max(-shift, 0).
        Bool shiftLeft = shift2.ge(0);
        UInt left = mux(shiftLeft, shift2.asUInt().bits(4, 0), U(0, 5));
        UInt right = mux(shiftLeft, U(0, 5), shift2.neg().asUInt().bits(4, 0));
        SInt x3 = regNext("x_3", x2.shl(left).trunc(32));
        UInt mul3 = regNext("mul_3", mul2);
        UInt right3 = regNext("right_3", right);

        // 4: the 63-bit product.
        SInt product = regNext("product", x3.mul(mul3));
        UInt right4 = regNext("right_4", right3);

        // 5: SaturatingRoundingDoublingHighMul: (2 * x * m) / 2^32 rounded, ties toward +infinity.
        SInt high = regNext("high", product.add(1L << 30).shr(31).trunc(32));
        UInt right5 = regNext("right_5", right4);

        // 6: RoundingDivideByPOT, first half: the floor shift, the remainder and the threshold
        // (half the divisor, one more for a negative value so that its ties go away from zero).
        UInt mask = U(1, 32).shl(right5).trunc(32).subWrap(1);
        UInt halfMask = mask.shr(1);
        SInt floor6 = regNext("floor_6", high.shr(right5));
        UInt remainder6 = regNext("remainder_6", high.asUInt().and(mask));
        UInt threshold6 = regNext("threshold_6", mux(high.lt(0), halfMask.addWrap(1), halfMask));

        // 7: the rounding increment.
        SInt rounded = regNext("rounded", mux(remainder6.gt(threshold6), floor6.addWrap(1), floor6));

        // 8: the output zero point.
        SInt shifted = regNext("shifted", rounded.resize(33).add(outZeroPoint.resize(33)).trunc(33));

        // 9: clamp to the activation range.
        Bool below = shifted.lt(outMin.resize(33));
        Bool above = shifted.gt(outMax.resize(33));
        out.assign(regNext("result", mux(below, outMin, mux(above, outMax, shifted.trunc(8)))));
    }

    @Override
    protected String moduleName() {
        return "dpu_tflite_requant";
    }
}
