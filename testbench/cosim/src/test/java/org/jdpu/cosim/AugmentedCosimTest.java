package org.jdpu.cosim;

import org.jdpu.cases.LayerCase;

import org.jdpu.compiler.ChannelAugmentation;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.compiler.EngineLayer;
import org.jdpu.runtime.EngineSession;
import org.jdpu.compiler.Lowering;
import org.jdpu.runtime.Progress;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
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
 * Layers with few input channels through the Verilated engine with channel augmentation: each must
 * be chosen for augmentation by the cycle model, come out bit-exact with the golden model of the
 * layer as written, take exactly the cycles the cycle model predicts for the augmented layer, and
 * fewer than the direct mapping would. On B512 and on 3x5x7 with small buffers (several runs per
 * layer), the models {@link EngineCosimTest} verilates. One layer stays direct on the small buffers
 * because augmenting it does not pay: its KW-times-larger input splits it into 32 runs instead of 4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AugmentedCosimTest {
    private final List<EngineSession> sessions = new ArrayList<>();

    private static final String SEVEN_BY_SEVEN = "3 channels, 7x7 stride 2";

    static List<LayerCase> layers() {
        List<LayerCase> cases = new ArrayList<>();
        add(cases, "3 channels, 3x3", 101, conv(10, 12, 3, 9, 3, 3, 1, 1, 1, 1, pad(1), Activation.RELU));
        add(cases, "1 channel, 5x5", 102, conv(9, 11, 1, 8, 5, 5, 1, 1, 1, 1, pad(2), Activation.LEAKY_RELU));
        add(cases, SEVEN_BY_SEVEN, 103, conv(15, 17, 3, 10, 7, 7, 2, 2, 1, 1, pad(3), Activation.RELU6));
        add(cases, "3 channels, 5x5 stride 1x2, asymmetric padding", 104,
                conv(8, 15, 3, 6, 5, 5, 1, 2, 1, 1, new Padding(2, 1, 0, 2), Activation.NONE));
        add(cases, "1 channel, 3x3 dilation 2", 105, conv(10, 10, 1, 7, 3, 3, 1, 1, 2, 2, pad(2), Activation.RELU));
        add(cases, "3 channels, 3x5 stride 2x3 dilation 1x2", 106,
                conv(9, 20, 3, 5, 3, 5, 2, 3, 1, 2, new Padding(0, 3, 2, 1), Activation.NONE));
        add(cases, "1 channel, 7x7 stride 2 asymmetric padding", 107,
                conv(12, 13, 1, 4, 7, 7, 2, 2, 1, 1, new Padding(3, 0, 2, 6), Activation.RELU));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> smallChannelLayersOnB512() {
        return run(EngineCosimTest.PRESET);
    }

    @TestFactory
    Stream<DynamicTest> smallChannelLayersOnOdd3x5x7WithSmallBuffers() {
        return run(EngineCosimTest.ODD_SMALL);
    }

    private Stream<DynamicTest> run(DpuConfig config) {
        EngineSession session = EngineModels.open(config);
        sessions.add(session);
        return layers().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(session, c,
                config == EngineCosimTest.ODD_SMALL && c.name().equals(SEVEN_BY_SEVEN)
                        ? Lowering.DIRECT : Lowering.AUGMENTED)));
    }

    private static void check(EngineSession session, LayerCase c, Lowering expected) {
        DpuConfig config = session.config();
        var written = EngineLayer.of(c.spec()).geometry();
        ChannelAugmentation.Choice choice = ChannelAugmentation.choose(config, written, Lowering.Policy.FASTEST);
        Program program = Compiler.compile(config, c.spec(), c.operands().input(), c.operands().weights(),
                c.operands().bias(), Lowering.Policy.FASTEST);
        CosimResult r = Cosim.run(session, c.name(), c.origin(), c.spec(), c.operands(), program, Progress.NONE);
        System.out.println(config.name() + " " + LayerCase.describe(c.spec()) + " " + r.resultLine());
        assertEquals(expected, r.run().lowering());
        assertEquals(0, r.mismatches(), r::failure);
        assertTrue(r.cyclesMatch(), r::failure);
        assertEquals(CycleModel.estimate(config, choice.geometry()).computeCycles(), r.run().computeCycles());
        long direct = CycleModel.estimate(config, written).computeCycles();
        long augmented = CycleModel.estimate(config, ChannelAugmentation.geometry(written)).computeCycles();
        if (expected == Lowering.AUGMENTED) {
            assertTrue(augmented < direct, augmented + " cycles augmented, direct " + direct);
        } else {
            assertTrue(augmented >= direct, augmented + " cycles augmented, direct " + direct);
        }
        // the choice is made on total cycles, which the engine spends exactly as modelled
        assertEquals(program.predictedTotalCycles(), r.run().totalCycles(), r::failure);
        assertEquals(CycleModel.estimate(config, choice.geometry()).totalCycles(), r.run().totalCycles());
        long directTotal = CycleModel.estimate(config, written).totalCycles();
        long augmentedTotal = CycleModel.estimate(config, ChannelAugmentation.geometry(written)).totalCycles();
        assertEquals(expected == Lowering.AUGMENTED, augmentedTotal < directTotal,
                augmentedTotal + " total cycles augmented, direct " + directTotal);
        assertEquals((double) written.macs() / config.macsPerCycle(), r.run().idealCycles());
    }

    private static void add(List<LayerCase> cases, String name, long seed, Conv2dSpec spec) {
        cases.add(LayerCase.draw(name, seed, spec, LayerCase.Weights.REALISTIC));
    }

    private static Conv2dSpec conv(int h, int w, int ic, int oc, int kh, int kw, int sh, int sw, int dh, int dw,
                                   Padding pad, Activation act) {
        return LayerCase.conv(h, w, ic, oc, kh, kw, sh, sw, dh, dw, pad, LayerCase.realisticQuant(kh, kw, ic), act);
    }

    private static Padding pad(int p) {
        return new Padding(p, p, p, p);
    }

    @AfterAll
    void close() {
        sessions.forEach(EngineSession::close);
    }
}
