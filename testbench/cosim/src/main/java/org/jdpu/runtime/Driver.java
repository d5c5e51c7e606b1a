package org.jdpu.runtime;

import org.jdpu.compiler.Program;
import org.jdpu.compiler.RunProgram;
import org.jdpu.io.UserError;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's runtime: executes a compiled {@link Program} on a simulated engine, run by run —
 * loads (made from the program's tensors as they are sent), descriptor, start, wait for done,
 * read back — and assembles the output tensor. It compiles nothing; {@link org.jdpu.compiler.Compiler} does.
 */
public final class Driver {
    private Driver() {}

    /**
     * Runs {@code program} on {@code session}.
     *
     * @throws UserError if the program was compiled for another configuration than the engine's
     */
    public static DriverResult run(Program program, EngineSession session, Progress progress) {
        if (!program.config().equals(session.config())) {
            throw new UserError("the program was compiled for " + program.config().name() + ", the engine is "
                    + session.config().name() + "; compile the layer for " + session.config().name());
        }
        long predictedCompute = program.predictedComputeCycles();
        byte[] out = new byte[program.outputBytes()];
        List<Long> measured = new ArrayList<>(program.runs().size());
        List<Long> predicted = new ArrayList<>(program.runs().size());
        long startCycle = session.cycle();
        long computeSoFar = 0;
        for (int i = 0; i < program.runs().size(); i++) {
            RunProgram run = program.runs().get(i);
            int index = i;
            session.load(sink -> program.loads(index, sink));
            session.writeRegisters(run.registers());
            long base = computeSoFar;
            long cycles = session.run(run.expectedCycles(),
                    done -> progress.update("cycles", base + done, predictedCompute));
            computeSoFar += cycles;
            measured.add(cycles);
            predicted.add(run.expectedCycles());
            program.scatter(i, session.readOutput(run.readWords()), out);
        }
        return new DriverResult(new Int8Tensor(program.outputShape(), out), computeSoFar, session.cycle() - startCycle,
                program.predictedTotalCycles(), program.idealCycles(), measured, predicted, program.lowering());
    }
}
