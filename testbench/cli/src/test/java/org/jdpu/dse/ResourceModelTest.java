package org.jdpu.dse;

import org.jdpu.arch.DpuConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resource model against the committed syntheses: DSP and BRAM exact, LUT and FF within their measured error. */
class ResourceModelTest {
    private static final List<SynthSample> SAMPLES = SynthSample.committed();

    @Test
    void dspAndBlockRamMatchEverySynthesisExactly() {
        ResourceModel m = ResourceModel.committed();
        for (SynthSample s : SAMPLES) {
            ResourceEstimate e = m.of(s);
            assertEquals(s.dsps(), e.dsps(), s.csv());
            assertEquals(s.bram36(), e.bram36(), s.csv());
        }
    }

    @Test
    void blockRamTakesTheCheapestPrimitiveShape() {
        // 2048 x 80 bits: nine RAMB18 at 2Kx9 (4.5 blocks) beat five RAMB36 at 2Kx18.
        assertEquals(4.5, BlockRamModel.memory(2048, 80));
        // 8192 x 80: two deep of nine RAMB36 at 4Kx9 (18) beat twenty at 8Kx4.
        assertEquals(18, BlockRamModel.memory(8192, 80));
        // 256 x 320 (at most 512 words): RAMB36 at 512x72 only.
        assertEquals(5, BlockRamModel.memory(256, 320));
        // 256 x 32 (a column's bias bank): one RAMB18 at 512x36.
        assertEquals(0.5, BlockRamModel.memory(256, 32));
    }

    @Test
    void heldOutSynthesesAreWithinTheReportedError() {
        ResourceModel.Validation v = ResourceModel.validate(SAMPLES);
        assertFalse(v.heldOut().isEmpty(), "the sample must hold some syntheses out");
        double lut = ResourceModel.Validation.maxAbs(v.heldOut(), ResourceModel.Residual::lutError);
        double ff = ResourceModel.Validation.maxAbs(v.heldOut(), ResourceModel.Residual::ffError);
        System.out.println(v.summary());
        assertTrue(lut < 0.10, v.summary());
        assertTrue(ff < 0.10, v.summary());
    }

    @Test
    void moreMultipliersCostMoreAndTheDspOptionsShareThem() {
        ResourceModel m = ResourceModel.committed();
        DpuConfig small = DpuConfig.of(2, 4, 4), big = DpuConfig.of(4, 8, 8);
        assertTrue(m.estimate(big).luts() > m.estimate(small).luts());
        assertTrue(m.estimate(big).ffs() > m.estimate(small).ffs());
        // Packing and double rate each halve the grid's DSPs; the pool unit's 8 stay.
        assertEquals(256 + 8, m.estimate(big).dsps());
        assertEquals(64 + 8, m.estimate(big.withDspPacking(true).withDoubleRate(true)).dsps());
        // +tflite: four DSPs per column for the requantiser's 32 x 31 product, one multiplier bank (half a BRAM36) per column.
        DpuConfig tflite = DpuConfig.parse("4x8x8+tflite");
        assertEquals(256 + 8 + 4 * 8, m.estimate(tflite).dsps());
        assertEquals(BlockRamModel.bram36(big) + 8 * 0.5, BlockRamModel.bram36(tflite));
    }

    @Test
    void theFitRefusesSynthesesOfAnotherTop() {
        List<SynthSample> withCore = new java.util.ArrayList<>(SAMPLES);
        withCore.add(new SynthSample(DpuConfig.of(2, 2, 2), SynthSample.CORE, true, 4000, 3000, 10, 11, "x"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ResourceModel.fit(withCore));
        assertTrue(e.getMessage().contains("dpu_top only"), e.getMessage());
    }
}
