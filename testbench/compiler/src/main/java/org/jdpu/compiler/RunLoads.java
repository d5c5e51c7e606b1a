package org.jdpu.compiler;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.plan.ActivationLayout;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunDescriptor;

import java.util.Arrays;

/**
 * The load-port words of one run: the stored input in the activation layout, the weights of the
 * run's output-channel groups in step order, and their biases (a sliced run: only the input-channel
 * groups of its slice, in both). Channels beyond the layer's
 * (tails of the last ICP or OCP group) are loaded as zeros. Words go to a {@link LoadSink} as they
 * are made; their counts are {@link org.jdpu.arch.model.CycleModel#activationWords} and friends.
 */
public final class RunLoads {
    private RunLoads() {}

    /** Input rows and columns of the run, ICP channels per word, at their activation slots. */
    public static void activations(DpuConfig c, ConvGeometry g, Run run, byte[] input, LoadSink sink) {
        ActivationLayout layout = RunDescriptor.layoutOf(c, g, run);
        int icp = c.icp(), first = firstGroup(run);
        long[] limbs = limbs(icp);
        for (int r = 0; r < run.inRows(); r++) {
            for (int icg = 0; icg < layout.icGroups(); icg++) {
                for (int col = 0; col < run.inCols(); col++) {
                    int base = ((run.iy0() + r) * g.inW() + run.ix0() + col) * g.inC();
                    Arrays.fill(limbs, 0);
                    for (int i = 0, ch = (first + icg) * icp; i < icp && ch < g.inC(); i++, ch++) {
                        limbs[i >>> 3] |= (input[base + ch] & 0xFFL) << ((i & 7) << 3);
                    }
                    long slot = layout.slot(r, icg, col);
                    sink.word(LoadTarget.ACTIVATIONS.code(), layout.bank(slot), layout.address(slot), limbs);
                }
            }
        }
    }

    /** Weights of the run's channel groups: bank o holds output channel o of each group, step by step. */
    public static void weights(DpuConfig c, ConvGeometry g, Run run, byte[] weights, LoadSink sink) {
        int icp = c.icp(), icg = run.icGroups(c, g), steps = run.steps(c, g), first = firstGroup(run);
        long[] limbs = limbs(icp);
        for (int group = 0; group < run.ocGroups(); group++) {
            for (int o = 0; o < c.ocp(); o++) {
                int oc = (run.ocg0() + group) * c.ocp() + o;
                for (int ky = 0; ky < g.kh(); ky++) {
                    for (int kx = 0; kx < g.kw(); kx++) {
                        for (int gi = 0; gi < icg; gi++) {
                            Arrays.fill(limbs, 0);
                            if (oc < g.outC()) {
                                int base = ((oc * g.kh() + ky) * g.kw() + kx) * g.inC();
                                for (int i = 0, ic = (first + gi) * icp; i < icp && ic < g.inC(); i++, ic++) {
                                    limbs[i >>> 3] |= (weights[base + ic] & 0xFFL) << ((i & 7) << 3);
                                }
                            }
                            int address = group * steps + (ky * g.kw() + kx) * icg + gi;
                            sink.word(LoadTarget.WEIGHTS.code(), o, address, limbs);
                        }
                    }
                }
            }
        }
    }

    /**
     * One int32 bias per column and channel group; on a {@code +tflite} engine then the channels'
     * multipliers and shifts in the upper quarters of the bias load space ({@link DpuConfig#biasLoadDepth}),
     * zeros when {@code requant} is null (a shift-mode layer).
     *
     * @param requant null, or [2, outC]: the multipliers, then the shifts
     */
    public static void biases(DpuConfig c, Run run, int outC, int[] bias, int[] requant, LoadSink sink) {
        int[][] quarters = c.tflite() ? new int[][] {bias, part(requant, 0, outC), part(requant, 1, outC)}
                : new int[][] {bias};
        int[] offsets = {0, DpuConfig.BIAS_QUARTER_MULTIPLIER * c.biasDepth(), DpuConfig.BIAS_QUARTER_SHIFT * c.biasDepth()};
        long[] limbs = new long[1];
        for (int q = 0; q < quarters.length; q++) {
            for (int group = 0; group < run.ocGroups(); group++) {
                for (int o = 0; o < c.ocp(); o++) {
                    int oc = (run.ocg0() + group) * c.ocp() + o;
                    limbs[0] = oc < outC && quarters[q] != null ? quarters[q][oc] & 0xFFFFFFFFL : 0;
                    sink.word(LoadTarget.BIAS.code(), o, offsets[q] + group, limbs);
                }
            }
        }
    }

    /** The first input-channel group a run stores and reduces: its slice's, else 0. */
    public static int firstGroup(Run run) {
        return run.sliced() ? run.icg0() : 0;
    }

    private static int[] part(int[] requant, int row, int outC) {
        return requant == null ? null : java.util.Arrays.copyOfRange(requant, row * outC, (row + 1) * outC);
    }

    private static long[] limbs(int lanes) {
        return new long[Math.max(1, (lanes + 7) / 8)];
    }
}
