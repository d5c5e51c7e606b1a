package org.jdpu.compiler;

import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;

import java.util.List;

/**
 * Everything the host does for one run, in order: load the stored input if {@code loadsInput},
 * the weights and biases if {@code loadsChannels} (what the previous run left in the buffers is
 * reused), write these registers, start and wait (the cycle model predicts {@code expectedCycles}),
 * read {@code readWords} output words. The load words themselves are made from the program's
 * tensors when the run executes ({@link Program#loads}).
 */
public record RunProgram(Run run, boolean loadsInput, boolean loadsChannels, List<RegisterWrite> registers,
                         long expectedCycles, int readWords) {
    public RunProgram {
        registers = List.copyOf(registers);
    }
}
