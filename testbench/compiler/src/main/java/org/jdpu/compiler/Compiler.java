package org.jdpu.compiler;

import org.jdpu.arch.DpuConfig;
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
        return new Program(c, choice.lowering(), g, macs, input, weights, b, runs);
    }
}
