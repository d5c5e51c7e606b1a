package org.jdpu.compiler;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.spec.Quant;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunDescriptor;
import org.jdpu.arch.plan.RunPlan;
import org.jdpu.arch.plan.RunPlanner;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles one layer for one configuration into a {@link Program}: picks the lowering, lowers the
 * tensors, plans the runs and writes each run's descriptor. Nothing here touches an engine.
 */
public final class Compiler {
    private Compiler() {}

    /** Compiles with the fastest lowering ({@link Lowering.Policy#FASTEST}). */
    public static Program compile(DpuConfig c, LayerSpec spec, Int8Tensor input, Int8Tensor weights,
                                  Int32Tensor bias) {
        return compile(c, spec, input, weights, bias, Lowering.Policy.FASTEST);
    }

    /**
     * @param bias null for zeros
     * @throws org.jdpu.arch.UnsupportedByEngineException if the engine cannot run the layer
     * @throws org.jdpu.spec.SpecException                if the tensors do not fit the spec
     */
    public static Program compile(DpuConfig c, LayerSpec spec, Int8Tensor input, Int8Tensor weights,
                                  Int32Tensor bias, Lowering.Policy policy) {
        LayerChecks.validate(spec);
        LayerChecks.checkOperands(spec, input, weights, bias);
        EngineLayer layer = EngineLayer.of(spec);
        if (layer.post().multiplierMode() && !c.tflite()) {
            throw new UnsupportedByEngineException("layer quant mode multiplier (TFLite int8) needs an engine with the "
                    + DpuConfig.TFLITE_SUFFIX + " option, e.g. " + c.baseName() + DpuConfig.TFLITE_SUFFIX
                    + "; " + c.name() + " requantises in shift mode only");
        }
        long macs = layer.geometry().macs();
        ChannelAugmentation.Choice choice = ChannelAugmentation.choose(c, layer.geometry(), policy);
        if (choice.lowering() == Lowering.AUGMENTED) {
            Conv2dSpec written = layer.spec();
            input = ChannelAugmentation.input(written, input, (byte) layer.post().padValue());
            weights = ChannelAugmentation.weights(written, weights);
            layer = EngineLayer.of(ChannelAugmentation.spec(written));
        }
        ConvGeometry g = layer.geometry();
        RunPlan plan = RunPlanner.plan(c, g);
        if (plan.runs().stream().anyMatch(Run::sliced)) {
            throw new org.jdpu.arch.UnsupportedByEngineException("the weights of one output-channel group need "
                    + g.stepsPerTile(c) + " words per bank but a weight bank holds " + c.weightBankDepth()
                    + "; the input channels must be split into slices with partial sums, which the network engine runs"
                    + " (bin/dpu cosim --layer without --core) and the core's debug driver does not");
        }
        List<RunProgram> runs = new ArrayList<>(plan.runs().size());
        Run previous = null;
        for (Run r : plan.runs()) {
            runs.add(new RunProgram(r, !r.sameInput(previous), !r.sameChannels(previous),
                    RunDescriptor.of(c, g, r, layer.post()).writes(), CycleModel.runCycles(plan, r),
                    Math.toIntExact(CycleModel.readWords(r))));
            previous = r;
        }
        Int32Tensor b = bias != null ? new Int32Tensor(new int[] {g.outC()}, bias.data()) : Int32Tensor.zeros(g.outC());
        Int32Tensor requant = null;
        int[] table = requantTable(layer.spec());
        if (table != null) {
            b = foldInputZeroPoint(b, weights, layer.post().padValue());
            requant = new Int32Tensor(new int[] {2, g.outC()}, table);
        }
        return new Program(c, choice.lowering(), g, macs, input, weights, b, requant, runs);
    }

    /** A multiplier-mode layer's per-channel multipliers then shifts ([2, outC] flat), null for another mode. */
    public static int[] requantTable(LayerSpec spec) {
        if (!(spec instanceof org.jdpu.spec.ConvolutionSpec conv) || !(conv.quant() instanceof Quant.MultiplierQuant m)) return null;
        int n = spec.outputChannels();
        int[] table = new int[2 * n];
        System.arraycopy(m.multiplier(), 0, table, 0, n);
        System.arraycopy(m.shift(), 0, table, n, n);
        return table;
    }

    /**
     * The bias of a multiplier-mode layer as the engine adds it: {@code bias - zp_in * sum(w)} per
     * output channel, so that the engine's plain {@code sum(x * w)} (padding taps supplying zp_in)
     * becomes TFLite's {@code sum((x - zp_in) * w) + bias}. The int32 arithmetic wraps as the
     * engine's accumulator does; the result is exact whenever TFLite's own sum fits in int32.
     */
    public static Int32Tensor foldInputZeroPoint(Int32Tensor bias, Int8Tensor weights, int inputZeroPoint) {
        int outC = bias.data().length;
        int[] folded = bias.data().clone();
        byte[] w = weights.data();
        int perChannel = outC == 0 ? 0 : w.length / outC;
        for (int oc = 0; oc < outC; oc++) {
            int sum = 0;
            for (int i = oc * perChannel; i < (oc + 1) * perChannel; i++) sum += w[i];
            folded[oc] -= inputZeroPoint * sum;
        }
        return new Int32Tensor(new int[] {outC}, folded);
    }
}
