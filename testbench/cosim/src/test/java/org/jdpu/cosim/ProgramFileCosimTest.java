package org.jdpu.cosim;

import org.jdpu.cases.LayerCase;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Lowering;
import org.jdpu.compiler.Program;
import org.jdpu.runtime.Driver;
import org.jdpu.runtime.DriverResult;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
import org.jdpu.io.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The program file is a complete interface between compiler and runtime: a program compiled,
 * written, read back and run on the RTL gives the same bytes and the same cycles as the program
 * run straight from memory.
 */
class ProgramFileCosimTest {

    @Test
    void programReadFromAFileRunsExactlyLikeTheOneInMemory(@TempDir Path tmp) {
        Conv2dSpec spec = LayerCase.conv(9, 11, 3, 10, 3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1),
                LayerCase.realisticQuant(3, 3, 3), Activation.RELU);
        LayerCase c = LayerCase.draw("program file round trip", 11, spec, LayerCase.Weights.REALISTIC);
        try (EngineSession session = EngineModels.open(EngineCosimTest.ODD_SMALL)) {
            Program compiled = Compiler.compile(session.config(), spec, c.operands().input(), c.operands().weights(),
                    c.operands().bias());
            assertEquals(Lowering.AUGMENTED, compiled.lowering());
            assertTrue(compiled.runs().size() > 1, "several runs: " + compiled.runs().size());
            Path file = tmp.resolve("layer.dpuprog");
            compiled.write(file);
            Program read = Program.read(file);

            DriverResult fromMemory = Driver.run(compiled, session, Progress.NONE);
            DriverResult fromFile = Driver.run(read, session, Progress.NONE);
            assertArrayEquals(fromMemory.output().data(), fromFile.output().data());
            assertEquals(fromMemory.runCycles(), fromFile.runCycles());
            assertEquals(fromMemory.computeCycles(), fromFile.computeCycles());
            assertEquals(fromMemory.totalCycles(), fromFile.totalCycles());
            assertEquals(fromMemory.predictedTotalCycles(), fromFile.totalCycles());
            assertEquals(fromMemory.lowering(), fromFile.lowering());

            CosimResult checked = Cosim.run(session, c.name(), c.origin(), spec, c.operands(), read, Progress.NONE);
            assertTrue(checked.passed(), checked::failure);
        }
    }

    @Test
    void aProgramForAnotherConfigurationIsRefused() {
        Conv2dSpec spec = LayerCase.conv(4, 4, 8, 8, 1, 1, 1, 1, 1, 1, Padding.NONE,
                LayerCase.realisticQuant(1, 1, 8), Activation.NONE);
        LayerCase c = LayerCase.draw("other configuration", 3, spec, LayerCase.Weights.REALISTIC);
        Program program = Compiler.compile(EngineCosimTest.PRESET, spec, c.operands().input(), c.operands().weights(),
                c.operands().bias());
        try (EngineSession session = EngineModels.open(EngineCosimTest.ODD_SMALL)) {
            UserError e = assertThrows(UserError.class, () -> Driver.run(program, session, Progress.NONE));
            assertTrue(e.getMessage().contains("compiled for B512"), e.getMessage());
        }
    }
}
