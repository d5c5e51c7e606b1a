package org.jdpu.cosim;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.cases.LayerCase;
import org.jdpu.cases.MultiplierLayers;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Lowering;
import org.jdpu.compiler.Program;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TFLite int8 multiplier-mode layers through the Verilated {@code +tflite} engine, bit-exact with
 * the golden model and cycle-exact with the cycle model, on the B512 preset and on an odd 3x5x7
 * with small buffers (tiling and channel chunks): the directed layers with zero points at the ends
 * of int8 (-128 and 127, in and out), random layers (seeds printed), and shift-mode layers on the
 * same engines, which the option must not change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TfliteCosimTest {
    static final DpuConfig PRESET = DpuConfig.parse("B512+tflite");
    static final DpuConfig ODD_SMALL = DpuConfig.parse("3x5x7+tflite:act=64,wgt=64,out=64,bias=16");
    private static final int RANDOM_LAYERS = 16;
    /** Input and output zero points the directed layers take in turn: every pairing of the extremes, then two inside. */
    private static final int[][] ZERO_POINTS = {{-128, 127}, {127, -128}, {-128, -128}, {127, 127}, {0, 0}, {-5, 17}};

    private final List<EngineSession> sessions = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> multiplierModeOnB512() {
        return layers(PRESET);
    }

    @TestFactory
    Stream<DynamicTest> multiplierModeOnOdd3x5x7WithSmallBuffers() {
        return layers(ODD_SMALL);
    }

    @Test
    void multiplierModeNeedsTheOption() {
        LayerCase c = MultiplierLayers.of(DirectedLayers.all().get(1), -128, 127);
        DpuConfig plain = DpuConfig.parse("B512");
        UnsupportedByEngineException e = assertThrows(UnsupportedByEngineException.class, () -> Compiler.compile(plain,
                c.spec(), c.operands().input(), c.operands().weights(), c.operands().bias()));
        assertTrue(e.getMessage().contains("B512+tflite"), e.getMessage());
    }

    private Stream<DynamicTest> layers(DpuConfig config) {
        EngineSession session = EngineModels.open(config);
        sessions.add(session);
        List<LayerCase> directed = DirectedLayers.all();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < directed.size(); i++) {
            int[] zp = ZERO_POINTS[i % ZERO_POINTS.length];
            LayerCase c = MultiplierLayers.of(directed.get(i), zp[0], zp[1]);
            tests.add(DynamicTest.dynamicTest(c.name(), () -> check(session, c, true)));
        }
        for (LayerCase c : directed.subList(0, 3)) {
            tests.add(DynamicTest.dynamicTest("shift mode: " + c.name(), () -> check(session, c, true)));
        }
        long seed = Long.getLong("jdpu.regress.seed", 20261202L);
        tests.add(DynamicTest.dynamicTest("random multiplier-mode layers from seed " + seed, () -> {
            System.out.println("TfliteCosimTest " + config.name() + " random seeds " + seed + ".." + (seed + RANDOM_LAYERS - 1));
            int ran = 0;
            for (long s = seed; s < seed + RANDOM_LAYERS; s++) {
                if (check(session, MultiplierLayers.random(s), false)) ran++;
            }
            System.out.println(config.name() + ": " + ran + " random multiplier-mode layers bit-exact and cycle-exact");
            assertTrue(ran >= RANDOM_LAYERS / 2, "too few layers fit " + config.name() + ": " + ran);
        }));
        return tests.stream();
    }

    /** False when the layer does not fit the configuration and {@code mustFit} is not set. */
    private static boolean check(EngineSession session, LayerCase c, boolean mustFit) {
        Program program;
        try {
            program = Compiler.compile(session.config(), c.spec(), c.operands().input(), c.operands().weights(),
                    c.operands().bias(), Lowering.Policy.FASTEST);
        } catch (UnsupportedByEngineException e) {
            if (mustFit) throw e;
            return false; // beyond the small configuration's weight bank
        }
        CosimResult r = Cosim.run(session, c.name(), c.origin(), c.spec(), c.operands(), program, Progress.NONE);
        System.out.println(session.config().name() + " " + c.name() + " " + c.origin() + " runs=" + program.runs().size()
                + " " + r.resultLine());
        assertEquals(0, r.mismatches(), r::failure);
        assertTrue(r.cyclesMatch(), r::failure);
        assertEquals(program.predictedTotalCycles(), r.run().totalCycles(), r::failure);
        return true;
    }

    @AfterAll
    void close() {
        sessions.forEach(EngineSession::close);
    }
}
