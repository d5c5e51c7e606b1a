package org.jdpu.driver;

import org.jdpu.rtl.DpuConfig;
import org.jdpu.rtl.model.CycleModel;
import org.jdpu.rtl.plan.ConvGeometry;
import org.jdpu.rtl.plan.Run;
import org.jdpu.rtl.plan.RunDescriptor;
import org.jdpu.rtl.plan.RunPlan;
import org.jdpu.rtl.plan.RunPlanner;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's compiler and runtime in one: maps a layer onto the configuration (runs that fit
 * the buffers), loads each run's input, weights and biases through the load port (skipping what
 * the previous run of the same layer already loaded), writes the descriptor, runs it, reads the
 * outputs back and assembles the output tensor.
 */
public final class Driver {
    private final EngineSession session;

    public Driver(EngineSession session) {
        this.session = session;
    }

    /**
     * Runs one layer.
     *
     * @param bias null for zeros
     * @throws org.jdpu.rtl.UnsupportedByEngineException if the engine cannot run the layer
     * @throws org.jdpu.spec.SpecException                if the tensors do not fit the spec
     */
    public DriverResult run(LayerSpec spec, Int8Tensor input, Int8Tensor weights, Int32Tensor bias, Progress progress) {
        LayerChecks.validate(spec);
        LayerChecks.checkOperands(spec, input, weights, bias);
        EngineLayer layer = EngineLayer.of(spec);
        DpuConfig c = session.config();
        ConvGeometry g = layer.geometry();
        RunPlan plan = RunPlanner.plan(c, g);
        List<RunDescriptor> descriptors = new ArrayList<>();
        for (Run r : plan.runs()) descriptors.add(RunDescriptor.of(c, g, r, layer.post()));
        long predictedTotal = CycleModel.computeCycles(plan);

        int[] b = bias == null ? null : bias.data();
        byte[] out = new byte[g.outH() * g.outW() * g.outC()];
        List<Long> measured = new ArrayList<>();
        List<Long> predicted = new ArrayList<>();
        long startCycle = session.cycle();
        long computeSoFar = 0;
        Run previous = null;
        for (int i = 0; i < plan.runs().size(); i++) {
            Run r = plan.runs().get(i);
            if (!r.sameInput(previous)) session.load(RunLoads.activations(c, g, r, input));
            if (!r.sameChannels(previous)) {
                session.load(RunLoads.weights(c, g, r, weights));
                session.load(RunLoads.biases(c, r, g.outC(), b));
            }
            session.writeRegisters(descriptors.get(i).writes());
            long expected = CycleModel.runCycles(plan, r);
            long base = computeSoFar;
            long cycles = session.run(expected, done -> progress.update("cycles", base + done, predictedTotal));
            computeSoFar += cycles;
            measured.add(cycles);
            predicted.add(expected);
            scatter(c, g, r, session.readOutput((int) ((long) r.outRows() * r.outCols() * r.ocGroups())), out);
            previous = r;
        }
        Int8Tensor output = new Int8Tensor(spec.output().tensorShape(), out);
        return new DriverResult(output, computeSoFar, session.cycle() - startCycle, plan.idealCycles(),
                measured, predicted);
    }

    /** Places a run's output words (channel group, row, column order) into the NHWC output. */
    private static void scatter(DpuConfig c, ConvGeometry g, Run r, byte[] words, byte[] out) {
        int ocp = c.ocp();
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
