package org.jdpu.compiler;

import org.jdpu.cases.LayerCase;
import org.jdpu.cases.RandomConvLayers;
import org.jdpu.golden.Golden;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Channel augmentation computes exactly the layer as written, and is chosen only where it pays. */
class ChannelAugmentationTest {
    private static final DpuConfig B512 = Preset.B512.config();

    @Test
    void augmentedLayerHasTheSameSumsAndOutputsAsTheLayerAsWritten() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("ChannelAugmentationTest seeds " + seed + "..+199 (rerun with -Djdpu.seed=" + seed + ")");
        for (long s = seed; s < seed + 200; s++) {
            LayerCase c = RandomConvLayers.draw(s);
            Conv2dSpec spec = c.spec();
            Conv2dSpec lowered = ChannelAugmentation.spec(spec);
            Int8Tensor x = ChannelAugmentation.input(spec, c.operands().input(), (byte) 0);
            Int8Tensor w = ChannelAugmentation.weights(spec, c.operands().weights());
            String where = "seed " + s + ", " + c.name();
            assertEquals(Golden.run(spec, c.operands().input(), c.operands().weights(), c.operands().bias()),
                    Golden.run(lowered, x, w, c.operands().bias()), where);
            // the int32 accumulators themselves (plus bias), not only what survives requantisation
            assertEquals(Golden.run(sums(spec), c.operands().input(), c.operands().weights(), c.operands().bias()),
                    Golden.run(sums(lowered), x, w, c.operands().bias()), where);
        }
    }

    private static Conv2dSpec sums(Conv2dSpec s) {
        return new Conv2dSpec(s.input(), s.outputChannels(), s.window(), new Quant.NoQuant(0, 0), Activation.NONE);
    }

    @Test
    void gathersEachOutputColumnsKernelColumnsAndPadsOutsideTheImage() {
        // 1x3 input, 2 channels, kernel 1x3, stride 1x2, padding 1 left and right: output columns read -1..1 and 1..3
        Conv2dSpec spec = LayerCase.conv(1, 3, 2, 1, 1, 3, 1, 2, 1, 1, new Padding(0, 1, 0, 1),
                new Quant.ShiftQuant(0, 0, 0, 0), Activation.NONE);
        Int8Tensor x = new Int8Tensor(new int[] {1, 1, 3, 2}, new byte[] {10, 11, 20, 21, 30, 31});
        Int8Tensor lowered = ChannelAugmentation.input(spec, x, (byte) 9);
        assertArrayEquals(new int[] {1, 1, 2, 6}, lowered.shape());
        assertArrayEquals(new byte[] {9, 9, 10, 11, 20, 21, 20, 21, 30, 31, 9, 9}, lowered.data());
        Conv2dSpec s = ChannelAugmentation.spec(spec);
        assertEquals("1x2x6->1 k1x1 s1,1 d1,1 p0,0,0,0 none", LayerCase.describe(s));
    }

    @Test
    void dilationInWidthGathersEveryOtherColumn() {
        Conv2dSpec spec = LayerCase.conv(1, 5, 1, 1, 1, 2, 1, 1, 1, 2, Padding.NONE,
                new Quant.ShiftQuant(0, 0, 0, 0), Activation.NONE);
        Int8Tensor x = new Int8Tensor(new int[] {1, 1, 5, 1}, new byte[] {1, 2, 3, 4, 5});
        assertArrayEquals(new byte[] {1, 3, 2, 4, 3, 5}, ChannelAugmentation.input(spec, x, (byte) 0).data());
    }

    @Test
    void firstLayerWithThreeChannelsIsAugmentedAndTheIdealStaysTheLayersOwn() {
        Conv2dSpec conv1 = LayerCase.conv(224, 224, 3, 32, 5, 5, 1, 1, 1, 1, new Padding(2, 2, 2, 2),
                LayerCase.realisticQuant(5, 5, 3), Activation.RELU);
        ConvGeometry g = EngineLayer.of(conv1).geometry();
        ChannelAugmentation.Choice choice = ChannelAugmentation.choose(B512, g, Lowering.Policy.FASTEST);
        assertEquals(Lowering.AUGMENTED, choice.lowering());
        assertEquals(new ConvGeometry(224, 224, 15, 32, 5, 1, 1, 1, 1, 1, 2, 0, 2, 0), choice.geometry());
        long direct = CycleModel.estimate(B512, g).computeCycles();
        long augmented = CycleModel.estimate(B512, choice.geometry()).computeCycles();
        assertEquals(1_255_150, direct);
        assertTrue(augmented < direct, augmented + " vs " + direct);
        assertEquals(Lowering.DIRECT, ChannelAugmentation.choose(B512, g, Lowering.Policy.DIRECT_ONLY).lowering());

        LayerCase small = LayerCase.draw("conv1 small", 1, LayerCase.conv(16, 16, 3, 32, 5, 5, 1, 1, 1, 1,
                new Padding(2, 2, 2, 2), LayerCase.realisticQuant(5, 5, 3), Activation.RELU), LayerCase.Weights.REALISTIC);
        Program program = Compiler.compile(B512, small.spec(), small.operands().input(),
                small.operands().weights(), small.operands().bias());
        assertEquals(Lowering.AUGMENTED, program.lowering());
        assertEquals(16.0 * 16 * 32 * 25 * 3 / B512.macsPerCycle(), program.idealCycles());
        assertEquals(CycleModel.computeCycles(program.plan()),
                program.runs().stream().mapToLong(RunProgram::expectedCycles).sum());
        assertEquals(CycleModel.totalCycles(program.plan()), program.predictedTotalCycles());
    }

    @Test
    void wideLayersAndOneByOneKernelsStayDirect() {
        // 32 channels fill ICP 8 already: augmenting gives 5*ceil(160/8) = 100 steps, no fewer than 5*5*4
        ConvGeometry wide = ConvGeometry.square(56, 56, 32, 64, 5, 1, 2);
        assertEquals(Lowering.DIRECT, ChannelAugmentation.choose(B512, wide, Lowering.Policy.FASTEST).lowering());
        ConvGeometry pointwise = ConvGeometry.square(8, 8, 3, 16, 1, 1, 0);
        assertEquals(Lowering.DIRECT, ChannelAugmentation.choose(B512, pointwise, Lowering.Policy.FASTEST).lowering());
    }

    @Test
    void augmentationIsChosenOnTotalCyclesNotOnComputeCycles() {
        // 7x7 on B2304+pack with 9 channels (ICP 12): augmenting saves compute (7*6 = 42 steps per tile
        // instead of 7*7 = 49) but loads a 7-times-larger input, which costs more than it saves.
        DpuConfig c = DpuConfig.parse("B2304+pack");
        ConvGeometry g = ConvGeometry.square(65, 65, 9, 64, 7, 1, 3);
        ConvGeometry augmented = ChannelAugmentation.geometry(g);
        CycleModel.LayerEstimate direct = CycleModel.estimate(c, g), aug = CycleModel.estimate(c, augmented);
        assertTrue(aug.computeCycles() < direct.computeCycles(),
                "compute alone would augment: " + aug.computeCycles() + " vs " + direct.computeCycles());
        assertTrue(aug.totalCycles() > direct.totalCycles(),
                "but in total direct is faster: " + aug.totalCycles() + " vs " + direct.totalCycles());
        assertEquals(206_630, direct.totalCycles());
        assertEquals(208_134, aug.totalCycles());
        ChannelAugmentation.Choice choice = ChannelAugmentation.choose(c, g, Lowering.Policy.FASTEST);
        assertEquals(Lowering.DIRECT, choice.lowering());
        assertEquals(g, choice.geometry());
    }
}
