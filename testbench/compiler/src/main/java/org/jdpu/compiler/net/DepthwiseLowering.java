package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.PostProcessing;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;
import org.jdpu.compiler.EngineLayer;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * How a depthwise convolution runs on the core: as a convolution walk of its window (stride,
 * dilation and padding as written) started once per output group, each start reducing a single
 * input-channel group with block-diagonal weights.
 *
 * <p>Output channel {@code q} reads input channel {@code q / M} (depth multiplier M). Output group
 * g holds channels {@code [g*ICP, (g+1)*ICP)} (ICP per group, see {@link OperatorLowering}), and all
 * of them read input group {@code g / M}: so a start of group g has IC_GROUPS = 1, ADDR_ROW_ORIGIN
 * moved to input group {@code g / M} of the stored rows, and weights whose bank o has one non-zero
 * lane, {@code (g*ICP + o) / M - (g / M)*ICP}, the tap's weight of output channel {@code g*ICP + o}.
 * Bank o >= ICP (when ICP < OCP) has zero weights and bias.
 *
 * <p>The weights of a group are {@code KH*KW} words per bank (one input group), not
 * {@code KH*KW*IC_GROUPS}: the layer is planned with one weight group per output group
 * ({@link org.jdpu.arch.plan.RunPlanner#plan(DpuConfig, ConvGeometry, int)}) and its parameter image
 * has the geometry {@link #params}. The post-processing is a convolution's, from the layer's quant.
 * The array does PP x ICP useful MACs a cycle of its PP x ICP x OCP: 1/OCP of peak.
 *
 * @param spec   the depthwise convolution as written
 * @param layer  the convolution walk: C input channels, one output group of OCP words per ICP output channels
 * @param params the geometry of its weight and bias images: ICP input channels, the walk's output channels
 */
public record DepthwiseLowering(DepthwiseConv2dSpec spec, EngineLayer layer, ConvGeometry params) implements OperatorLowering {

    /** @throws UnsupportedByEngineException for a configuration or quant mode the engine cannot run it in */
    public static DepthwiseLowering of(DpuConfig c, DepthwiseConv2dSpec d) {
        OperatorLowering.requireGroupsFit(c, d.op());
        PostProcessing post = EngineLayer.postProcessing(d.quant(), d.activation());
        Window w = d.window();
        int groups = outputGroups(c, d);
        ConvGeometry g = new ConvGeometry(d.input().h(), d.input().w(), d.input().c(), groups * c.ocp(), w.kh(), w.kw(),
                w.sh(), w.sw(), w.dh(), w.dw(), w.padding().top(), w.padding().left(), w.padding().bottom(), w.padding().right());
        if (g.outH() != d.outputHeight() || g.outW() != d.outputWidth()) {
            throw new IllegalStateException("depthwise output size disagrees with the spec");
        }
        // Only its channels and kernel matter (the image layout); a kernel-sized map keeps the geometry valid.
        ConvGeometry params = new ConvGeometry(w.kh(), w.kw(), c.icp(), groups * c.ocp(), w.kh(), w.kw(), 1, 1, 1, 1, 0, 0, 0, 0);
        return new DepthwiseLowering(d, new EngineLayer(null, g, post), params);
    }

    private static int outputGroups(DpuConfig c, DepthwiseConv2dSpec d) {
        return (d.outputChannels() + c.icp() - 1) / c.icp();
    }

    public ConvGeometry geometry() {
        return layer.geometry();
    }

    /** Input-channel groups whose weights one output group holds: one. */
    public int weightGroups() {
        return 1;
    }

    /**
     * The engine's weights, OHWI {@code [G*OCP, KH, KW, ICP]}, from the layer's {@code [1, KH, KW, C*M]}:
     * bank o of group g holds output channel {@code g*ICP + o}'s taps in the lane of its input channel.
     */
    public Int8Tensor weights(DpuConfig c, Int8Tensor depthwise) {
        int icp = c.icp(), ocp = c.ocp(), m = spec.depthMultiplier(), oc = spec.outputChannels();
        int kh = params.kh(), kw = params.kw(), groups = outputGroups(c, spec);
        byte[] dw = depthwise.data();
        byte[] w = new byte[groups * ocp * kh * kw * icp];
        for (int g = 0; g < groups; g++) {
            int firstInput = (g / m) * icp;
            for (int o = 0; o < icp && g * icp + o < oc; o++) {
                int q = g * icp + o, lane = q / m - firstInput;
                for (int t = 0; t < kh * kw; t++) w[((g * ocp + o) * kh * kw + t) * icp + lane] = dw[t * oc + q];
            }
        }
        return new Int8Tensor(new int[] {groups * ocp, kh, kw, icp}, w);
    }

    /** The engine's biases {@code [G*OCP]}: output channel {@code g*ICP + o} at bank o of group g. */
    public Int32Tensor bias(DpuConfig c, Int32Tensor bias) {
        int icp = c.icp(), ocp = c.ocp(), oc = spec.outputChannels(), groups = outputGroups(c, spec);
        int[] b = new int[groups * ocp];
        if (bias != null) {
            for (int q = 0; q < oc; q++) b[q / icp * ocp + q % icp] = bias.data()[q];
        }
        return new Int32Tensor(new int[] {groups * ocp}, b);
    }

    /**
     * A multiplier-mode layer's multipliers and shifts ({@code [2, C*M]} flat, null in shift mode) in the
     * engine's channel order, {@code [2, G*OCP]} like {@link #bias}; channels beyond the layer get 0.
     */
    public int[] requant(DpuConfig c, int[] table) {
        if (table == null) return null;
        int icp = c.icp(), ocp = c.ocp(), oc = spec.outputChannels(), n = outputGroups(c, spec) * ocp;
        int[] out = new int[2 * n];
        for (int q = 0; q < oc; q++) {
            out[q / icp * ocp + q % icp] = table[q];
            out[n + q / icp * ocp + q % icp] = table[oc + q];
        }
        return out;
    }

    /**
     * The register writes of group {@code group} (0-based inside the run) of a run whose convolution
     * descriptor is {@code conv}: one output and one input group (the rows of input group
     * {@code (ocg0 + group) / M}), the group's weights and bias, its output words.
     */
    @Override
    public List<RegisterWrite> groupWrites(DpuConfig c, List<RegisterWrite> conv, Run run, int group) {
        EngineWidths wd = EngineWidths.of(c);
        long capacity = c.actCapacityWords();
        long icStep = PoolLowering.value(conv, org.jdpu.arch.Register.ADDR_IC_STEP);
        long words = (long) run.outRows() * run.outCols();
        int input = (run.ocg0() + group) / spec.depthMultiplier();
        int steps = params.stepsPerTile(c);
        List<RegisterWrite> out = new ArrayList<>();
        for (RegisterWrite rw : conv) {
            long v = switch (rw.register()) {
                case OC_GROUPS, IC_GROUPS -> 1;
                case ADDR_ROW_ORIGIN -> Math.floorMod(rw.value() + input * icStep, capacity);
                case WEIGHT_BASE -> rw.value() + (long) group * steps;
                case BIAS_BASE -> rw.value() + group;
                case OUT_BASE -> rw.value() + group * words;
                default -> rw.value();
            };
            out.add(OperatorLowering.rewritten(rw, v, wd));
        }
        return out;
    }

    /** The core's cycles for one run: one start per output group, KH*KW steps a tile. */
    @Override
    public long runCycles(DpuConfig c, Run run) {
        long tiles = (long) run.outRows() * run.pixelGroups(c.pp());
        return run.ocGroups() * CycleModel.runCycles(c, tiles, params.stepsPerTile(c));
    }

    @Override
    public boolean setsPoolMode() {
        return false;
    }

    @Override
    public int outputChannels() {
        return spec.outputChannels();
    }
}
