package org.jdpu.compiler;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.golden.ShiftRequant;
import org.jdpu.arch.PostProcessing;
import org.jdpu.spec.Activation;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.Quant.ShiftQuant;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine's integer post-processing (what the RTL computes, with its limited widths and exact
 * clamps) against the golden requantiser, over every fix-point combination the layer checks
 * allow, every activation and accumulators and biases from small to the int32 extremes.
 */
class PostProcessingTest {

    @Test
    void matchesTheGoldenRequantiserEverywhere() {
        long seed = 20261121;
        System.out.println("PostProcessingTest seed " + seed);
        RandomGenerator r = new Well19937c(seed);
        Activation[] acts = {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.LEAKY_RELU,
                new Activation.Clamp(-7, 90)};
        int checked = 0;
        for (int trial = 0; trial < 4000; trial++) {
            ShiftQuant q = randomQuant(r);
            if (q == null) continue;
            Activation act = acts[r.nextInt(acts.length)];
            PostProcessing post = EngineLayer.postProcessing(q, act);
            int[] bias = new int[8];
            for (int i = 0; i < bias.length; i++) bias[i] = interesting(r);
            ShiftRequant golden = new ShiftRequant(q, act, bias);
            for (int k = 0; k < 64; k++) {
                int acc = interesting(r);
                int ch = r.nextInt(bias.length);
                assertEquals(golden.apply(acc, ch), post.apply(acc, bias[ch]),
                        () -> "seed " + seed + ": acc " + acc + " bias " + bias[ch] + " " + q + " " + act.type());
                checked++;
            }
        }
        System.out.println("checked " + checked + " accumulators");
    }

    private static ShiftQuant randomQuant(RandomGenerator r) {
        int span = LayerChecks.MAX_FIX_POINT - LayerChecks.MIN_FIX_POINT + 1;
        ShiftQuant q = new ShiftQuant(fix(r, span), fix(r, span), fix(r, span), fix(r, span));
        boolean ok = q.shiftBias() >= LayerChecks.MIN_SHIFT_BIAS && q.shiftBias() <= LayerChecks.MAX_SHIFT_BIAS
                && q.shiftCut() >= LayerChecks.MIN_SHIFT_CUT && q.shiftCut() <= LayerChecks.MAX_SHIFT_CUT;
        return ok ? q : null;
    }

    private static int fix(RandomGenerator r, int span) {
        return r.nextInt(3) == 0 ? LayerChecks.MIN_FIX_POINT + r.nextInt(span) : r.nextInt(12);
    }

    /** Small values, values near the rounding and saturation points, and the int32 extremes. */
    private static int interesting(RandomGenerator r) {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextInt(65) - 32;
            case 1 -> r.nextInt(1 << 20) - (1 << 19);
            case 2 -> r.nextInt();
            case 3 -> r.nextBoolean() ? Integer.MAX_VALUE - r.nextInt(4) : Integer.MIN_VALUE + r.nextInt(4);
            case 4 -> (r.nextBoolean() ? 1 : -1) << r.nextInt(31);
            default -> ((r.nextBoolean() ? 1 : -1) << r.nextInt(20)) + r.nextInt(3) - 1;
        };
    }
}
