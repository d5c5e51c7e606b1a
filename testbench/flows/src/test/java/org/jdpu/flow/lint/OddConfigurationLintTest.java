package org.jdpu.flow.lint;

import org.jdpu.flow.EngineDesigns;
import org.jdpu.flow.ExternalTool;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configurations no preset has lint with zero messages under {@code verilator --lint-only -Wall}
 * as well: ICP != OCP (the pool unit then pools min(ICP, OCP) channels and fills the rest of the
 * output word with zeros), ICP > OCP, a single pixel lane, and DSP packing.
 */
class OddConfigurationLintTest {
    @Test
    void oddConfigurationsLintWithoutAnyWarning() {
        VerilatorLint lint = new VerilatorLint(ExternalTool.VERILATOR);
        for (String arch : new String[] {"3x5x7:act=64,wgt=64,out=64,bias=32", "2x8x3", "1x4x4+pack"}) {
            VerilatorLint.Result r = EngineDesigns.withGenerated(arch, lint::lint);
            System.out.printf("lint %s: %s%n", arch, r.clean() ? "clean" : r.messages().size() + " messages");
            assertTrue(r.clean(), arch + ": verilator --lint-only -Wall is not clean:\n" + r.describe(10));
        }
    }
}
