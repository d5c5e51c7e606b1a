package org.jdpu.compiler;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.RegisterWrite;
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
 * A layer compiled for one configuration: its run plan and, per run, the host's program (loads of
 * what changed since the previous run, descriptor registers, expected cycles, words to read). The
 * output words each run reads back are placed into the NHWC output by {@link #scatter}.
 *
 * <p>{@code spec} is the layer as written; {@code plan} is of the layer the engine runs, which is
 * the augmented one when {@code lowering} is {@link Lowering#AUGMENTED} (same output shape).
 */
public record LayerProgram(DpuConfig config, LayerSpec spec, Lowering lowering, RunPlan plan,
                           List<RunProgram> runs) {

    public LayerProgram {
        runs = List.copyOf(runs);
    }

    /** Compiles with the fastest lowering ({@link Lowering.Policy#FASTEST}). */
    public static LayerProgram compile(DpuConfig c, LayerSpec spec, Int8Tensor input, Int8Tensor weights,
                                       Int32Tensor bias) {
        return compile(c, spec, input, weights, bias, Lowering.Policy.FASTEST);
    }

    /**
     * @param bias null for zeros
     * @throws org.jdpu.arch.UnsupportedByEngineException if the engine cannot run the layer
     * @throws org.jdpu.spec.SpecException                if the tensors do not fit the spec
     */
    public static LayerProgram compile(DpuConfig c, LayerSpec spec, Int8Tensor input, Int8Tensor weights,
                                       Int32Tensor bias, Lowering.Policy policy) {
        LayerChecks.validate(spec);
        LayerChecks.checkOperands(spec, input, weights, bias);
        EngineLayer layer = EngineLayer.of(spec);
        ChannelAugmentation.Choice choice = ChannelAugmentation.choose(c, layer.geometry(), policy);
        if (choice.lowering() == Lowering.AUGMENTED) {
            Conv2dSpec written = layer.spec();
            input = ChannelAugmentation.input(written, input, (byte) layer.post().padValue());
            weights = ChannelAugmentation.weights(written, weights);
            layer = EngineLayer.of(ChannelAugmentation.spec(written));
        }
        ConvGeometry g = layer.geometry();
        RunPlan plan = RunPlanner.plan(c, g);
        int[] b = bias == null ? null : bias.data();
        List<RunProgram> programs = new ArrayList<>();
        Run previous = null;
        for (Run r : plan.runs()) {
            List<RegisterWrite> regs = RunDescriptor.of(c, g, r, layer.post()).writes();
            List<LoadWord> loads = new ArrayList<>();
            if (!r.sameInput(previous)) loads.addAll(RunLoads.activations(c, g, r, input));
            if (!r.sameChannels(previous)) {
                loads.addAll(RunLoads.weights(c, g, r, weights));
                loads.addAll(RunLoads.biases(c, r, g.outC(), b));
            }
            programs.add(new RunProgram(r, loads, regs, CycleModel.runCycles(plan, r),
                    Math.toIntExact((long) r.outRows() * r.outCols() * r.ocGroups())));
            previous = r;
        }
        return new LayerProgram(c, spec, choice.lowering(), plan, programs);
    }

    /** Ideal cycles of the layer as written: its MACs at PP*ICP*OCP per cycle (a lowering does not change them). */
    public double idealCycles() {
        return (double) EngineLayer.of(spec).geometry().macs() / config.macsPerCycle();
    }

    /** Output bytes of the layer: OH * OW * OC. */
    public int outputBytes() {
        ConvGeometry g = plan.geometry();
        return g.outH() * g.outW() * g.outC();
    }

    /**
     * Places the words run {@code index} read back (channel group, row, column order; OCP bytes
     * each) into the NHWC output {@code out}; bytes of channels beyond the layer are dropped.
     */
    public void scatter(int index, byte[] words, byte[] out) {
        Run r = runs.get(index).run();
        ConvGeometry g = plan.geometry();
        int ocp = config.ocp();
        int word = 0;
        for (int group = 0; group < r.ocGroups(); group++) {
            for (int y = 0; y < r.outRows(); y++) {
                for (int x = 0; x < r.outCols(); x++, word++) {
                    int pixel = ((r.oy0() + y) * g.outW() + r.ox0() + x) * g.outC();
                    for (int o = 0; o < ocp; o++) {
                        int oc = (r.ocg0() + group) * ocp + o;
                        if (oc < g.outC()) out[pixel + oc] = words[word * ocp + o];
                    }
                }
            }
        }
    }
}
