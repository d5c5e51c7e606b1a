package org.jdpu.compiler;

import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;

import java.util.List;

/**
 * Everything the host does for one run, in order: load these words, write these registers,
 * start and wait (the cycle model predicts {@code expectedCycles}), read {@code readWords} output
 * words. The driver executes it on a simulated engine; a Verilog testbench can replay it.
 */
public record RunProgram(Run run, List<LoadWord> loads, List<RegisterWrite> registers, long expectedCycles,
                         int readWords) {
    public RunProgram {
        loads = List.copyOf(loads);
        registers = List.copyOf(registers);
    }
}
