package org.jdpu.cosim;

import org.jdpu.cases.LayerCase;

import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.runtime.EngineSession;
import org.jdpu.compiler.Lowering;
import org.jdpu.runtime.Progress;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.spec.Conv2dSpec;
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
 * Directed layers through the Verilated engine on two configurations, each compared byte by byte
 * with the golden model and cycle by cycle with the cycle model: the B512 preset, and an odd
 * 3x5x7 (PP not a power of two, ICP != OCP) with small buffers so that most layers are split into
 * several runs (row bands, column bands and channel chunks). Both again with DSP packing
 * ({@code +pack}: two multiplies per DSP; 3x5x7 leaves its seventh column unpaired), which must change
 * neither a byte nor a cycle. Each configuration is verilated once. The layers run as written
 * ({@link Lowering.Policy#DIRECT_ONLY}), so that strides, dilations and column padding reach the
 * hardware; {@link AugmentedCosimTest} covers channel augmentation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineCosimTest {
    static final DpuConfig PRESET = Preset.B512.config();
    static final DpuConfig ODD_SMALL = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=16");
    static final DpuConfig PRESET_PACKED = PRESET.withDspPacking(true);
    static final DpuConfig ODD_SMALL_PACKED = ODD_SMALL.withDspPacking(true);

    private final List<EngineSession> sessions = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> directedLayersOnB512() {
        return layers(PRESET);
    }

    @TestFactory
    Stream<DynamicTest> directedLayersOnOdd3x5x7WithSmallBuffers() {
        return layers(ODD_SMALL);
    }

    @TestFactory
    Stream<DynamicTest> directedLayersOnB512Packed() {
        return layers(PRESET_PACKED);
    }

    @TestFactory
    Stream<DynamicTest> directedLayersOnOdd3x5x7PackedWithSmallBuffers() {
        return layers(ODD_SMALL_PACKED);
    }

    private Stream<DynamicTest> layers(DpuConfig config) {
        EngineSession session = EngineModels.open(config);
        sessions.add(session);
        return DirectedLayers.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(session, c)));
    }

    private static void check(EngineSession session, LayerCase c) {
        Conv2dSpec spec = c.spec();
        Program program = Compiler.compile(session.config(), spec, c.operands().input(), c.operands().weights(),
                c.operands().bias(), Lowering.Policy.DIRECT_ONLY);
        CosimResult r = Cosim.run(session, c.name(), c.origin(), spec, c.operands(), program, Progress.NONE);
        int runs = program.runs().size();
        System.out.println(session.config().name() + " " + LayerCase.describe(spec) + " runs=" + runs + " "
                + r.resultLine());
        assertEquals(0, r.mismatches(), r::failure);
        assertTrue(r.cyclesMatch(), r::failure);
        assertEquals(r.run().predictedComputeCycles(), r.run().computeCycles());
        // the cycle model's total (loads, register writes, start, compute, read-back) is exact too
        assertEquals(program.predictedTotalCycles(), r.run().totalCycles(), r::failure);
    }

    @AfterAll
    void close() {
        sessions.forEach(EngineSession::close);
    }
}
