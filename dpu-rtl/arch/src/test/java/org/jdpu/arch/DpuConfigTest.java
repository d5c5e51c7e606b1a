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
}
