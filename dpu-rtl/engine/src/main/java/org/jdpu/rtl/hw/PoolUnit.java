package org.jdpu.rtl.hw;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Pipeline;
import org.jdpu.arch.PoolDivisor;
import org.jdpu.hdl.lib.Delay;

import java.util.ArrayList;
import java.util.List;

import static org.jdpu.hdl.Hdl.*;

/**
 * Max and average pooling on the activation path's lanes (POOL_MODE bit 0). The sequencer walks a
 * pool run exactly like a convolution with one input-channel group, so every cycle each of the PP
 * lanes brings one kernel tap of its pixel, ICP channels wide, padding taps already replaced by
 * PAD_VALUE (-128 for a max pool, 0 for an average pool): PP x ICP reducers, no multiplier on the
 * taps. The convolution datapath keeps running on whatever the weight banks hold; only its data is
 * dropped, so a pool run's timing, its output addresses and the cycle model are a convolution's.
 *
 * <ol>
 *   <li>lane j: the tap enters its reducer (the first tap loads it, the next ones take the maximum
 *       or add), the step flags delayed like the lane;</li>
 *   <li>after a tile's last tap, lane j's result is picked j cycles after lane 0's: one finisher
 *       per channel serves all lanes;</li>
 *   <li>average: {@code sum * AVG_MUL} ({@link PoolDivisor}); on a {@code +tflite} engine with
 *       REQUANT_MODE set, {@code |sum| * AVG_MUL}, the sign put back after the shift, so that ties
 *       round away from zero as TFLite's average pool does;</li>
 *   <li>{@code + AVG_ADD, >> 25} (arithmetic, a bit selection), saturated to {@value PoolDivisor#VALUE_BITS}
 *       bits, for an average; then the clamp to [OUT_MIN, OUT_MAX];</li>
 *   <li>a delay line to the cycle the output path writes pixel j's word.</li>
 * </ol>
 * Lanes carry the first {@code min(ICP, OCP)} channels of each activation word; output byte o is
 * pooled channel o, or 0 beyond them.
 */
final class PoolUnit extends HwModule {
    /** Cycles from a tap's issue by the sequencer to lane 0's word at the activation path's output. */
    static final int LANE_DELAY = Pipeline.FRONT - 1;

    final Vec<UInt> lanes;
    final Bool valid, first, last, average;
    final UInt avgAdd, avgMul;
    final SInt outMin, outMax;
    /** Only with {@code +tflite}: REQUANT_MODE, averages rounded half away from zero. */
    final Bool roundAway;
    final UInt word;

    PoolUnit(DpuConfig c) {
        int pp = c.pp(), ocp = c.ocp(), icp = channels(c);
        int sumBits = PoolDivisor.SUM_BITS;
        lanes = input("lane", vec(pp, uint(8 * icp)));
        valid = input("valid", bool());
        first = input("first", bool());
        last = input("last", bool());
        average = input("average", bool());
        avgAdd = input("avg_add", uint(PoolDivisor.ADD_BITS));
        avgMul = input("avg_mul", uint(PoolDivisor.MUL_BITS));
        outMin = input("out_min", sint(8));
        outMax = input("out_max", sint(8));
        word = output("word", uint(8 * ocp));
        roundAway = c.tflite() ? input("round_away", bool()) : null;

        // 1: per lane and channel, the reducer; `done` marks the cycle its result is complete.
        List<List<SInt>> acc = new ArrayList<>();
        List<Bool> done = new ArrayList<>();
        for (int j = 0; j < pp; j++) {
            Bool v = Delay.withReset("valid_" + j, valid, LANE_DELAY + j, 0);
            Bool f = Delay.of("first_" + j, first, LANE_DELAY + j);
            Bool l = Delay.of("last_" + j, last, LANE_DELAY + j);
            List<SInt> lane = new ArrayList<>();
            for (int i = 0; i < icp; i++) {
                SInt x = lanes.get(j).bits(8 * i + 7, 8 * i).asSInt().resize(sumBits);
                SInt a = reg("acc_" + j + "_" + i, sint(sumBits));
                SInt reduced = mux(average, a.addWrap(x), a.max(x));
                when(v, () -> a.assign(mux(f, x, reduced)));
                lane.add(a);
            }
            acc.add(lane);
            done.add(regNext("done_" + j, v.and(l), 0));
        }

        // 2: the one lane whose result is complete this cycle.
        List<SInt> picked = new ArrayList<>();
        for (int i = 0; i < icp; i++) {
            SInt any = null;
            for (int j = 0; j < pp; j++) {
                SInt term = mux(done.get(j), acc.get(j).get(i), S(0, sumBits));
                any = any == null ? term : any.or(term);
            }
            picked.add(regNext("pick_" + i, any));
        }

        // 3 and 4: the average's multiply, then add, shift, saturate and clamp (+tflite: the sign and the
        // clamp in a stage 5).
        int productBits = sumBits + PoolDivisor.MUL_BITS + 1;
        List<UInt> bytes = new ArrayList<>();
        for (int i = 0; i < icp; i++) {
            SInt sum = picked.get(i);
            Bool negate = null;
            if (c.tflite()) {
                // |sum| fits: 256 taps of -128 sum to -2^15 at most; the sign goes back after the shift.
                Bool negative = roundAway.and(sum.lt(0));
                sum = mux(negative, sum.neg().trunc(sumBits), sum);
                negate = regNext("negate_" + i, negative);
            }
            SInt product = regNext("product_" + i, sum.mul(avgMul.zext(PoolDivisor.MUL_BITS + 1).asSInt()));
            SInt kept = regNext("kept_" + i, picked.get(i));
            SInt scaled = product.resize(productBits + 1).addWrap(avgAdd.zext(productBits + 1).asSInt())
                    .shr(PoolDivisor.SHIFT).saturate(PoolDivisor.VALUE_BITS);
            if (negate != null) {
                // The sign goes back one stage later: add, shift, negate and clamp in one stage made the
                // longest path of a +tflite engine (32 logic levels). The alignment delay is one shorter.
                SInt unsigned = regNext("scaled_" + i, scaled);
                Bool negateLate = regNext("negate_late_" + i, negate);
                kept = regNext("kept_late_" + i, kept);
                scaled = mux(negateLate, unsigned.neg().saturate(PoolDivisor.VALUE_BITS), unsigned);
            }
            SInt value = mux(average, scaled, kept);
            SInt clamped = value.max(outMin.resize(sumBits)).min(outMax.resize(sumBits)).trunc(8);
            bytes.add(regNext("result_" + i, clamped).asUInt());
        }

        // 5: byte o of the output word, aligned with the output path's write of the same pixel.
        List<UInt> msbFirst = new ArrayList<>();
        for (int o = ocp - 1; o >= 0; o--) msbFirst.add(o < icp ? bytes.get(o) : U(0, 8));
        word.assign(Delay.of("align", cat(msbFirst), writeDelay(c) - (c.tflite() ? 1 : 0)));
    }

    /** Channels pooled per lane ({@link PoolDivisor#pooledChannels}). */
    static int channels(DpuConfig c) {
        return PoolDivisor.pooledChannels(c);
    }

    /**
     * Cycles from the result register of a pixel to the output path's write of its word: the
     * convolution's last step reaches the write {@code PE + PP + OCP + POST + 3} cycles after its
     * issue, the pool's result register {@code LANE_DELAY + 4}.
     */
    static int writeDelay(DpuConfig c) {
        return Pipeline.pe(c.icp()) + c.pp() + c.ocp() + Pipeline.POST + 3 - (LANE_DELAY + 4);
    }

    @Override
    protected String moduleName() {
        return "dpu_pool_unit";
    }
}
