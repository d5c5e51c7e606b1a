package org.jdpu.cosim;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.cases.LayerCase;
import org.jdpu.cases.RandomConvLayers;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Lowering;
import org.jdpu.compiler.Program;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Double-rate multipliers ({@code +dsp2x}: each multiplier on the 2x clock does two lanes per
 * engine cycle) must change neither a byte nor an engine cycle. The directed layers and a few
 * random ones run bit- and cycle-exactly on B512 with packing and double rate (PG338's four MACs
 * per DSP) and on the odd 3x5x7 with small buffers and both options: its fifth lane leaves one
 * multiplier half idle, its seventh column is unpaired (a double-rate element without packing),
 * and with PP = 3 the early high weights come from two rows up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoubleRateCosimTest {
    static final DpuConfig PRESET_4MAC = EngineCosimTest.PRESET.withDspPacking(true).withDoubleRate(true);
    static final DpuConfig ODD_SMALL_4MAC = EngineCosimTest.ODD_SMALL.withDspPacking(true).withDoubleRate(true);
    private static final int RANDOM_LAYERS = 12;

    private final List<EngineSession> sessions = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> directedAndRandomLayersOnB512PackedDoubleRate() {
        return layers(PRESET_4MAC);
    }

    @TestFactory
    Stream<DynamicTest> directedAndRandomLayersOnOdd3x5x7PackedDoubleRate() {
        return layers(ODD_SMALL_4MAC);
    }

    private Stream<DynamicTest> layers(DpuConfig config) {
        EngineSession session = EngineModels.open(config);
        sessions.add(session);
        long seed = Long.getLong("jdpu.regress.seed", 20261202L);
        System.out.println("DoubleRateCosimTest " + config.name() + " random seeds " + seed + ".." + (seed + RANDOM_LAYERS - 1));
        List<LayerCase> cases = new ArrayList<>(DirectedLayers.all());
        for (long s = seed; s < seed + RANDOM_LAYERS; s++) cases.add(RandomConvLayers.draw(s));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(session, c)));
    }

    private static void check(EngineSession session, LayerCase c) {
        Program program;
        try {
            program = Compiler.compile(session.config(), c.spec(), c.operands().input(), c.operands().weights(),
                    c.operands().bias(), Lowering.Policy.DIRECT_ONLY);
        } catch (UnsupportedByEngineException e) {
            System.out.println(session.config().name() + " " + c.name() + ": does not fit (" + e.getMessage() + ")");
            return; // a random layer beyond the small weight bank; the directed ones all fit
        }
        CosimResult r = Cosim.run(session, c.name(), c.origin(), c.spec(), c.operands(), program, Progress.NONE);
        System.out.println(session.config().name() + " " + LayerCase.describe(c.spec()) + " " + r.resultLine());
        assertEquals(0, r.mismatches(), r::failure);
        assertTrue(r.cyclesMatch(), r::failure);
        assertEquals(program.predictedTotalCycles(), r.run().totalCycles(), r::failure);
    }

    @AfterAll
    void close() {
        sessions.forEach(EngineSession::close);
    }
}
