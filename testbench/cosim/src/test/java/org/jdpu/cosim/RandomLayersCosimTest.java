package org.jdpu.cosim;

import org.jdpu.cases.LayerCase;
import org.jdpu.cases.RandomConvLayers;

import org.jdpu.compiler.Compiler;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small slice of {@code make regress} inside {@code make test}: constrained-random layers on the
 * two test configurations (the models {@link EngineCosimTest} built), bit-exact and cycle-exact.
 * Seeds are printed; {@code -Djdpu.regress.seed=N} starts elsewhere.
 */
class RandomLayersCosimTest {
    private static final int LAYERS = 40;

    @Test
    void randomLayersOnBothTestConfigurations() {
        long seed = Long.getLong("jdpu.regress.seed", 20261121L);
        System.out.println("RandomLayersCosimTest seeds " + seed + ".." + (seed + LAYERS - 1));
        for (DpuConfig c : new DpuConfig[] {EngineCosimTest.PRESET, EngineCosimTest.ODD_SMALL}) {
            int ran = 0;
            try (EngineSession session = EngineModels.open(c)) {
                for (long s = seed; s < seed + LAYERS; s++) {
                    LayerCase lc = RandomConvLayers.draw(s);
                    CosimResult r;
                    try {
                        var program = Compiler.compile(c, lc.spec(), lc.operands().input(), lc.operands().weights(),
                                lc.operands().bias());
                        r = Cosim.run(session, lc.name(), lc.origin(), lc.spec(), lc.operands(), program, Progress.NONE);
                    } catch (UnsupportedByEngineException e) {
                        continue; // beyond the small configuration's weight bank; make regress covers the presets
                    }
                    assertEquals(0, r.mismatches(), r::failure);
                    assertTrue(r.cyclesMatch(), r::failure);
                    assertEquals(r.run().predictedTotalCycles(), r.run().totalCycles(), r::failure);
                    ran++;
                }
            }
            System.out.println(c.name() + ": " + ran + " random layers bit-exact and cycle-exact");
            assertTrue(ran >= LAYERS / 2, "too few layers fit " + c.name() + ": " + ran);
        }
    }
}
