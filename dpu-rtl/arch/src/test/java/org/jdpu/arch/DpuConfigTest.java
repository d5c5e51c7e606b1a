package org.jdpu.arch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DpuConfigTest {

    @Test
    void presetsHaveTheProductGuideParallelism() {
        assertEquals(512, Preset.B512.config().opsPerCycle());
        assertEquals(4096, Preset.B4096.config().opsPerCycle());
        for (Preset p : Preset.values()) {
            assertEquals(p.name(), p.config().name());
            assertEquals(Integer.parseInt(p.name().substring(1)), p.config().opsPerCycle(), p.name());
        }
    }

    @Test
    void parsesPresetNamesAndTriples() {
        assertEquals(Preset.B1152.config(), DpuConfig.parse("b1152"));
        DpuConfig odd = DpuConfig.parse("3x5x7");
        assertEquals(3, odd.pp());
        assertEquals(5, odd.icp());
        assertEquals(7, odd.ocp());
        assertEquals("3x5x7", odd.name());
        assertEquals(4, odd.actBanks(), "three pixels need four banks");
        assertEquals(8, DpuConfig.parse("8x16x16").actBanks());
    }

    @Test
    void rejectsImpossibleConfigurations() {
        for (String bad : new String[] {"0x8x8", "4x0x8", "4x8x0", "33x8x8", "4x65x8", "32x16x32", "B9999", "4x8",
                "4x8x8x8", "", "99999999999x1x1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DpuConfig.parse(bad), bad);
            assertTrue(!e.getMessage().isBlank(), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> DpuConfig.of(4, 8, 8).withBuffers(1000, 2048, 2048, 256));
    }

    @Test
    void packSuffixTurnsOnDspPacking() {
        DpuConfig packed = DpuConfig.parse("b512+PACK");
        assertTrue(packed.dspPacking());
        assertEquals("B512+pack", packed.name());
        assertEquals(Preset.B512.config().withDspPacking(true), packed);
        assertEquals(Preset.B512.config(), packed.withDspPacking(false));
        assertEquals("3x5x7+pack", DpuConfig.parse(" 3x5x7+pack ").name());
        assertEquals("3x5x7+pack", DpuConfig.of(3, 5, 7).withDspPacking(true).withDspPacking(true).name());
        assertEquals(64, packed.withBuffers(64, 64, 64, 16).actBankDepth());
        assertTrue(packed.withBuffers(64, 64, 64, 16).dspPacking(), "other buffers keep the packing");
        assertTrue(!Preset.B512.config().dspPacking());
        for (String bad : new String[] {"B512+", "B512+pak", "B512+pack+pack", "+pack", "4x8x8 +pack", "B9999+pack"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DpuConfig.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void dsp2xSuffixPutsTheMultipliersOnTheDoubleClockWithOrWithoutPacking() {
        DpuConfig both = DpuConfig.parse("B512+DSP2X+pack:bias=16");
        assertTrue(both.dspPacking() && both.doubleRate());
        assertEquals("B512+pack+dsp2x:bias=16", both.name(), "options print in one order");
        assertEquals(both, DpuConfig.parse(both.name()));
        assertEquals(Preset.B512.config().withDspPacking(true).withDoubleRate(true).withBuffers(2048, 2048, 8192, 16), both);
        assertEquals("B512+dsp2x:bias=16", both.withDspPacking(false).name());
        assertEquals("B512+pack:bias=16", both.withDoubleRate(false).name());
        assertEquals(both, new DpuConfig(both.name(), 4, 8, 8, 2048, 2048, 8192, 16, both.dspOptions()));
        assertEquals(3, both.dspOptions());
        // DSPs of the grid: B512 256 multiplies; packing halves, double rate halves again (PG338's 4 MACs per DSP)
        assertEquals(256, Preset.B512.config().peMultipliers());
        assertEquals(128, DpuConfig.parse("B512+pack").peMultipliers());
        assertEquals(128, DpuConfig.parse("B512+dsp2x").peMultipliers());
        assertEquals(64, both.peMultipliers());
        // 3x5x7: 7 columns = 3 pairs + 1, 5 lanes = 2 pairs + 1 left over
        assertEquals(3 * 4 * 3, DpuConfig.parse("3x5x7+pack+dsp2x").peMultipliers());
        for (String bad : new String[] {"B512+dsp2x+dsp2x", "B512+dsp3x", "B512+pack+", "B512++dsp2x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DpuConfig.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new DpuConfig("x", 1, 1, 1, 16, 16, 16, 16, 8));
    }

    @Test
    void tfliteSuffixAddsTheMultiplierModeAndCombinesWithTheDspOptions() {
        DpuConfig c = DpuConfig.parse("b512+TFLITE+pack:bias=16");
        assertTrue(c.tflite() && c.dspPacking() && !c.doubleRate());
        assertEquals("B512+pack+tflite:bias=16", c.name(), "options print in one order");
        assertEquals(c, DpuConfig.parse(c.name()));
        assertEquals(c, new DpuConfig(c.name(), 4, 8, 8, 2048, 2048, 8192, 16, c.dspOptions()));
        assertEquals(DpuConfig.DSP_OPTION_PACK | DpuConfig.OPTION_TFLITE, c.dspOptions());
        assertEquals("B512+pack:bias=16", c.withTflite(false).name());
        assertEquals(4 * 16, c.biasLoadDepth(), "biases, multipliers, shifts and a spare quarter");
        assertEquals(16, c.withTflite(false).biasLoadDepth());
        assertEquals(c.peMultipliers(), c.withTflite(false).peMultipliers(), "the array is unchanged");
        assertTrue(Register.REQUANT_MODE.presentIn(c) && !Register.REQUANT_MODE.presentIn(c.withTflite(false)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DpuConfig.parse("B512+tflite+tflite"));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DpuConfig.parse("B512+tfl"));
        assertTrue(e.getMessage().contains(DpuConfig.TFLITE_SUFFIX), e.getMessage());
    }

    @Test
    void bufferDepthsInTheArchitectureStringRoundTripThroughTheName() {
        DpuConfig small = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=16");
        assertEquals(DpuConfig.of(3, 5, 7).withBuffers(64, 64, 64, 16), small);
        assertEquals("3x5x7:act=64,wgt=64,out=64,bias=16", small.name());
        assertEquals(small, DpuConfig.parse(small.name()));
        DpuConfig packed = DpuConfig.parse("B512+pack:bias=16,ACT=1024");
        assertEquals(Preset.B512.config().withDspPacking(true).withBuffers(1024, 2048, 8192, 16), packed);
        assertEquals("B512+pack:act=1024,bias=16", packed.name());
        assertEquals(packed, DpuConfig.parse(packed.name()));
        assertEquals("B512:act=1024,bias=16", packed.withDspPacking(false).name());
        assertEquals("B512+pack", packed.withBuffers(2048, 2048, 8192, 256).name(), "default depths are not printed");
        assertEquals(Preset.B512.config(), DpuConfig.parse("B512:act=2048"));
        for (DpuConfig c : new DpuConfig[] {Preset.B4096.config(), DpuConfig.of(2, 2, 2).withBuffers(16, 64, 16, 16),
                DpuConfig.of(1, 1, 1).withDspPacking(true).withBuffers(16, 16, 16, 16)}) {
            assertEquals(c, DpuConfig.parse(c.name()), c.name());
        }
    }

    @Test
    void badBufferDepthsAreRejectedNamingTheField() {
        String[][] cases = {
                {"3x5x7:act=100", "act=100", "activation bank depth must be a power of two"},
                {"3x5x7:wgt=8", "wgt=8", "weight bank depth"},
                {"3x5x7:out=4194304", "out=4194304", "output buffer depth"},
                {"3x5x7:bias=-16", "bias=-16", "bias buffer depth"},
                {"3x5x7:act=lots", "act='lots' is not a number", "activation bank depth"},
                {"3x5x7:act=", "act='' is not a number", "power of two"},
                {"3x5x7:acts=64", "unknown buffer 'acts'", "act, wgt, out, bias"},
                {"3x5x7:act=64,act=128", "act is given twice", ""},
                {"3x5x7:", "no buffer depths", "act, wgt, out, bias"},
                {"3x5x7:act=64,", "unknown buffer ''", ""},
                {"B9999:act=64", "unknown architecture", ""},
                {"B512:act=64+pack", "act=64+pack", "not a number"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DpuConfig.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains("'" + c[0] + "'"), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
    }

    @Test
    void fileNameHasNoCharactersMakeOrShellsTripOver() {
        DpuConfig c = DpuConfig.parse("3x5x7+pack:act=64,wgt=64,out=64,bias=16");
        assertEquals("3x5x7+pack_act_64_wgt_64_out_64_bias_16", c.fileName());
        assertEquals("B512", Preset.B512.config().fileName());
    }
}
