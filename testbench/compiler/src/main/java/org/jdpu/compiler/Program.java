package org.jdpu.compiler;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunPlan;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.nio.file.Path;
import java.util.List;

/**
 * A layer compiled for one configuration: the interface between the compiler and the runtime.
 * It holds the lowered tensors once and, per run, what the host does ({@link RunProgram}); the
 * load-port words of a run are made from the tensors only when that run executes
 * ({@link #loads}), so a program stays about as large as its tensors. {@link ProgramFile} writes
 * it to a file and reads it back.
 *
 * @param config     the configuration it was compiled for (an engine of another one cannot run it)
 * @param lowering   how the layer as written was mapped onto the engine
 * @param geometry   the layer the engine runs (the augmented one for {@link Lowering#AUGMENTED}); its
 *                   output has the shape of the layer as written
 * @param layerMacs  multiply-accumulates of the layer as written (a lowering does not change them)
 * @param input      the lowered input, NHWC [1, inH, inW, inC] of {@code geometry}
 * @param weights    the lowered weights, OHWI [outC, kh, kw, inC] of {@code geometry}
 * @param bias       int32 [outC] (zeros when the layer has none); in multiplier mode with
 *                   {@code -zp_in * sum(w)} folded in
 * @param requant    multiplier mode (a {@code +tflite} engine): int32 [2, outC], the channels'
 *                   multipliers then their shifts; null in shift mode
 * @param runs       the runs in execution order
 */
public record Program(DpuConfig config, Lowering lowering, ConvGeometry geometry, long layerMacs,
                      Int8Tensor input, Int8Tensor weights, Int32Tensor bias, Int32Tensor requant,
                      List<RunProgram> runs) {

    public Program {
        runs = List.copyOf(runs);
        check(input.size() == (long) geometry.inH() * geometry.inW() * geometry.inC(), "input", input.size());
        check(weights.size() == (long) geometry.outC() * geometry.kh() * geometry.kw() * geometry.inC(), "weights",
                weights.size());
        check(bias.size() == geometry.outC(), "bias", bias.size());
        if (requant != null) {
            check(requant.size() == 2L * geometry.outC(), "requant", requant.size());
            if (!config.tflite()) throw new IllegalArgumentException("multiplier mode needs a +tflite engine");
        }
    }

    private static void check(boolean ok, String what, long size) {
        if (!ok) throw new IllegalArgumentException(what + " has " + size + " elements, which does not fit the geometry");
    }

    /** Writes the program to {@code file} in the {@link ProgramFile} format. */
    public void write(Path file) {
        ProgramFile.write(this, file);
    }

    /**
     * Reads a program written by {@link #write}.
     *
     * @throws ProgramFormatException naming the file and what is wrong with it
     */
    public static Program read(Path file) {
        return ProgramFile.read(file);
    }

    /** Makes the load-port words run {@code index} needs and hands them to {@code sink}, in load order. */
    public void loads(int index, LoadSink sink) {
        RunProgram p = runs.get(index);
        if (p.loadsInput()) RunLoads.activations(config, geometry, p.run(), input.data(), sink);
        if (p.loadsChannels()) {
            RunLoads.weights(config, geometry, p.run(), weights.data(), sink);
            RunLoads.biases(config, p.run(), geometry.outC(), bias.data(), requant == null ? null : requant.data(), sink);
        }
    }

    /** How many words {@link #loads} makes for run {@code index}. */
    public long loadWords(int index) {
        RunProgram p = runs.get(index);
        Run r = p.run();
        long words = p.loadsInput() ? CycleModel.activationWords(config, geometry, r) : 0;
        if (p.loadsChannels()) words += CycleModel.weightWords(config, geometry, r) + CycleModel.biasWords(config, r);
        return words;
    }

    /** The runs as a plan of the lowered layer. */
    public RunPlan plan() {
        return new RunPlan(config, geometry, runs.stream().map(RunProgram::run).toList());
    }

    /** The cycle model's compute cycles: the sum of the runs' expected cycles. */
    public long predictedComputeCycles() {
        long sum = 0;
        for (RunProgram p : runs) sum += p.expectedCycles();
        return sum;
    }

    /**
     * The cycle model's total cycles: per run the load words, the register writes, the start, the
     * compute cycles and the words read back, one cycle each ({@link CycleModel.RunCost}).
     */
    public long predictedTotalCycles() {
        long sum = 0;
        for (int i = 0; i < runs.size(); i++) {
            RunProgram p = runs.get(i);
            sum += new CycleModel.RunCost(loadWords(i), p.registers().size(), p.expectedCycles(), p.readWords())
                    .totalCycles();
        }
        return sum;
    }

    /** Ideal cycles of the layer as written: its MACs at PP*ICP*OCP per cycle. */
    public double idealCycles() {
        return (double) layerMacs / config.macsPerCycle();
    }

    /** The output tensor's shape [1, OH, OW, OC]. */
    public int[] outputShape() {
        return new int[] {1, geometry.outH(), geometry.outW(), geometry.outC()};
    }

    /** Output bytes of the layer: OH * OW * OC. */
    public int outputBytes() {
        return Math.toIntExact((long) geometry.outH() * geometry.outW() * geometry.outC());
    }

    /**
     * Places the words run {@code index} read back (channel group, row, column order; OCP bytes
     * each) into the NHWC output {@code out}; bytes of channels beyond the layer are dropped.
     */
    public void scatter(int index, byte[] words, byte[] out) {
        Run r = runs.get(index).run();
        ConvGeometry g = geometry;
        int ocp = config.ocp();
        int word = 0;
        for (int group = 0; group < r.ocGroups(); group++) {
            int oc0 = (r.ocg0() + group) * ocp;
            int lanes = Math.min(ocp, g.outC() - oc0);
            for (int y = 0; y < r.outRows(); y++) {
                for (int x = 0; x < r.outCols(); x++, word++) {
                    int pixel = ((r.oy0() + y) * g.outW() + r.ox0() + x) * g.outC();
                    if (lanes > 0) System.arraycopy(words, word * ocp, out, pixel + oc0, lanes);
                }
            }
        }
    }
}
