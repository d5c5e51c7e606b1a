package org.jdpu.compiler;

import org.jdpu.arch.LoadTarget;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.plan.ActivationLayout;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunDescriptor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The load-port words of one run: the stored input in the activation layout, the weights of the
 * run's output-channel groups in step order, and their biases. Channels beyond the layer's
 * (tails of the last ICP or OCP group) are loaded as zeros.
 */
public final class RunLoads {
    private RunLoads() {}

    /** Input rows and columns of the run, ICP channels per word, at their activation slots. */
    public static List<LoadWord> activations(DpuConfig c, ConvGeometry g, Run run, Int8Tensor input) {
        ActivationLayout layout = RunDescriptor.layoutOf(c, g, run);
        byte[] x = input.data();
        int icp = c.icp();
        List<LoadWord> words = new ArrayList<>((int) layout.words());
        byte[] lanes = new byte[icp];
        for (int r = 0; r < run.inRows(); r++) {
            for (int icg = 0; icg < layout.icGroups(); icg++) {
                for (int col = 0; col < run.inCols(); col++) {
                    int base = ((run.iy0() + r) * g.inW() + run.ix0() + col) * g.inC();
                    for (int i = 0; i < icp; i++) {
                        int ch = icg * icp + i;
                        lanes[i] = ch < g.inC() ? x[base + ch] : 0;
                    }
                    long slot = layout.slot(r, icg, col);
                    words.add(LoadWord.ofBytes(LoadTarget.ACTIVATIONS.code(), layout.bank(slot), layout.address(slot), lanes));
                }
            }
        }
        return words;
    }

    /** Weights of the run's channel groups: bank o holds output channel o of each group, step by step. */
    public static List<LoadWord> weights(DpuConfig c, ConvGeometry g, Run run, Int8Tensor weights) {
        byte[] w = weights.data();
        int icp = c.icp(), icg = g.icGroups(c), steps = g.stepsPerTile(c);
        List<LoadWord> words = new ArrayList<>(run.ocGroups() * steps * c.ocp());
        byte[] lanes = new byte[icp];
        for (int group = 0; group < run.ocGroups(); group++) {
            for (int o = 0; o < c.ocp(); o++) {
                int oc = (run.ocg0() + group) * c.ocp() + o;
                for (int ky = 0; ky < g.kh(); ky++) {
                    for (int kx = 0; kx < g.kw(); kx++) {
                        for (int gi = 0; gi < icg; gi++) {
                            for (int i = 0; i < icp; i++) {
                                int ic = gi * icp + i;
                                lanes[i] = oc < g.outC() && ic < g.inC()
                                        ? w[((oc * g.kh() + ky) * g.kw() + kx) * g.inC() + ic] : 0;
                            }
                            int address = group * steps + (ky * g.kw() + kx) * icg + gi;
                            words.add(LoadWord.ofBytes(LoadTarget.WEIGHTS.code(), o, address, lanes));
                        }
                    }
                }
            }
        }
        return words;
    }

    /** One int32 bias per column and channel group. */
    public static List<LoadWord> biases(DpuConfig c, Run run, int outC, int[] bias) {
        List<LoadWord> words = new ArrayList<>(run.ocGroups() * c.ocp());
        for (int group = 0; group < run.ocGroups(); group++) {
            for (int o = 0; o < c.ocp(); o++) {
                int oc = (run.ocg0() + group) * c.ocp() + o;
                words.add(LoadWord.ofInt(LoadTarget.BIAS.code(), o, group, oc < outC && bias != null ? bias[oc] : 0));
            }
        }
        return words;
    }
}
