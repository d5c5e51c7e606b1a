package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Module;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.rtl.Activation;
import org.jdpu.rtl.EngineWidths;
import org.jdpu.rtl.PostProcessing;

import static org.jdpu.hdl.Hdl.*;

/**
 * Requantises one accumulator per cycle to INT8 in {@code shift} mode, in three register stages,
 * exactly as {@link PostProcessing#apply} describes:
 * <ol>
 *   <li>bias alignment: {@code N = 2*acc + floor(bias * 2^BIAS_SHIFT)} (aligned bias limited);</li>
 *   <li>negative CUT_SHIFT: limit and shift N left; activation (relu, relu6 with its bound test,
 *       leaky_relu's multiply by 26 and 8 more shift bits);</li>
 *   <li>round half up by the total shift, saturate to [OUT_MIN, OUT_MAX] (or output RELU6_OUT).</li>
 * </ol>
 */
final class PostProcessor extends Module {
    final Bool validIn;
    final SInt acc, bias;
    final SInt biasShift, cutShift, relu6Shift, relu6Out, outMin, outMax;
    final UInt activation;
    final Bool validOut;
    final SInt out;

    PostProcessor() {
        validIn = input("valid_in", bool());
        acc = input("acc", sint(EngineWidths.ACC));
        bias = input("bias", sint(EngineWidths.BIAS));
        biasShift = input("bias_shift", sint(6));
        cutShift = input("cut_shift", sint(7));
        activation = input("activation", uint(2));
        relu6Shift = input("relu6_shift", sint(7));
        relu6Out = input("relu6_out", sint(8));
        outMin = input("out_min", sint(8));
        outMax = input("out_max", sint(8));
        validOut = output("valid_out", bool());
        out = output("out", sint(8));

        int nWidth = PostProcessing.N_WIDTH;
        int alignedWidth = PostProcessing.ALIGNED_BIAS_LIMIT_BITS + 1;

        // Stage 1: N = 2*acc + aligned bias.
        Bool leftBias = biasShift.ge(0);
        SInt biasUp = bias.shl(biasShift.asUInt().bits(4, 0)).saturate(alignedWidth);
        SInt biasDown = bias.shr(biasShift.neg().asUInt().bits(4, 0)).resize(alignedWidth);
        SInt aligned = mux(leftBias, biasUp, biasDown);
        SInt n = regNext("n", acc.shl(1).resize(nWidth).add(aligned.resize(nWidth)).trunc(nWidth));
        Bool valid1 = regNext("valid_1", validIn, 0);

        // Stage 2: left shift for a negative cut, then the activation.
        Bool cutLeft = cutShift.lt(0);
        UInt leftAmount = cutShift.neg().asUInt().bits(4, 0);
        SInt shiftedUp = n.saturate(PostProcessing.LEFT_SHIFT_LIMIT_BITS + 1).shl(leftAmount).resize(nWidth);
        SInt m = mux(cutLeft, shiftedUp, n);
        UInt s = mux(cutLeft, U(0, 6), cutShift.asUInt().bits(5, 0));
        Bool negative = m.lt(0);
        Bool isRelu = activation.eq(Activation.RELU.code);
        Bool isRelu6 = activation.eq(Activation.RELU6.code);
        Bool isLeaky = activation.eq(Activation.LEAKY_RELU.code);
        SInt zero = S(0, nWidth);
        SInt rectified = mux(negative.and(isRelu.or(isRelu6)), zero, m);
        Bool relu6Up = relu6Shift.ge(0);
        UInt bound = mux(relu6Up,
                U(6, 3).shl(relu6Shift.asUInt().bits(5, 0)).resize(nWidth),
                U(6, 3).shr(relu6Shift.neg().asUInt().bits(5, 0)).resize(nWidth));
        Bool over = isRelu6.and(rectified.gt(bound.toSInt()));
        Bool leakyNeg = isLeaky.and(negative);
        SInt scaled = mux(leakyNeg, m.mul(S(Activation.LEAKY_NUMERATOR, 6)), rectified.resize(nWidth + 6));
        UInt total = mux(leakyNeg, s.addWrap(Activation.LEAKY_SHIFT), s);
        SInt v = regNext("v", scaled.resize(PostProcessing.ROUND_WIDTH));
        UInt shift = regNext("shift", total);
        Bool over2 = regNext("over", over);
        Bool valid2 = regNext("valid_2", valid1, 0);

        // Stage 3: round half up, shift, saturate.
        UInt half = U(1, 1).shl(shift).shr(1).resize(PostProcessing.ROUND_WIDTH);
        SInt rounded = v.add(half.toSInt().resize(PostProcessing.ROUND_WIDTH)).shr(shift);
        SInt limited = rounded.max(outMin.resize(rounded.width())).min(outMax.resize(rounded.width())).trunc(8);
        SInt result = regNext("result", mux(over2, relu6Out.max(outMin).min(outMax), limited));
        Bool valid3 = regNext("valid_3", valid2, 0);
        out.assign(result);
        validOut.assign(valid3);
    }

    @Override
    protected String moduleName() {
        return "dpu_post";
    }
}
