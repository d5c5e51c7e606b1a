package org.jdpu.runtime;

import org.jdpu.compiler.Lowering;

import org.jdpu.compiler.LayerProgram;
import org.jdpu.compiler.RunProgram;

import org.jdpu.spec.LayerSpec;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's compiler and runtime in one: compiles a layer into a {@link LayerProgram} (runs
 * that fit the buffers, loading only what changed between runs) and executes it on a simulated
 * engine: loads, descriptor, start, wait for done, read back, assemble the output tensor.
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
     * @throws org.jdpu.arch.UnsupportedByEngineException if the engine cannot run the layer
     * @throws org.jdpu.spec.SpecException                if the tensors do not fit the spec
     */
    public DriverResult run(LayerSpec spec, Int8Tensor input, Int8Tensor weights, Int32Tensor bias, Progress progress) {
        return run(spec, input, weights, bias, Lowering.Policy.FASTEST, progress);
    }

    /**
     * Runs one layer with the lowerings {@code policy} allows.
     *
     * @param bias null for zeros
     * @throws org.jdpu.arch.UnsupportedByEngineException if the engine cannot run the layer
     * @throws org.jdpu.spec.SpecException                if the tensors do not fit the spec
     */
    public DriverResult run(LayerSpec spec, Int8Tensor input, Int8Tensor weights, Int32Tensor bias,
                            Lowering.Policy policy, Progress progress) {
        LayerProgram program = LayerProgram.compile(session.config(), spec, input, weights, bias, policy);
        long predictedTotal = program.runs().stream().mapToLong(RunProgram::expectedCycles).sum();
        byte[] out = new byte[program.outputBytes()];
        List<Long> measured = new ArrayList<>();
        List<Long> predicted = new ArrayList<>();
        long startCycle = session.cycle();
        long computeSoFar = 0;
        for (int i = 0; i < program.runs().size(); i++) {
            RunProgram run = program.runs().get(i);
            session.load(run.loads());
            session.writeRegisters(run.registers());
            long base = computeSoFar;
            long cycles = session.run(run.expectedCycles(), done -> progress.update("cycles", base + done, predictedTotal));
            computeSoFar += cycles;
            measured.add(cycles);
            predicted.add(run.expectedCycles());
            program.scatter(i, session.readOutput(run.readWords()), out);
        }
        Int8Tensor output = new Int8Tensor(spec.output().tensorShape(), out);
        return new DriverResult(output, computeSoFar, session.cycle() - startCycle, program.idealCycles(),
                measured, predicted, program.lowering());
    }
}
