package org.jdpu.rtl.net;

import org.jdpu.arch.IdWord;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.FeatureWord;
import org.jdpu.hdl.Design;
import org.jdpu.sim.CompiledModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control block's registers, verilated with the real core: every control register read and
 * written over AXI4-Lite with real handshakes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetControlTest {
    private CompiledModel model;

    @BeforeAll
    void build() {
        model = NetHarness.model();
    }

    @Test
    void everyControlRegisterReadsAndWritesAsSpecified() {
        long seed = 1201;
        System.out.println("NetControlTest registers seed " + seed);
        Random rnd = new Random(seed);
        try (NetHarness h = new NetHarness(model, seed)) {
            assertEquals(IdWord.of(NetHarness.CONFIG), h.read(ControlRegister.ID));
            long features = h.read(ControlRegister.FEATURES);
            assertEquals(FeatureWord.of(NetHarness.CONFIG, NetHarness.AXI), features);
            assertEquals(NetHarness.CONFIG.outputDepth(), FeatureWord.outputDepth(features));
            assertEquals(AxiConfig.DEFAULT.dataBytes(), FeatureWord.axiDataBytes(features));
            assertEquals(AxiConfig.DEFAULT.burstBeats(), FeatureWord.burstBeats(features));
            Map<Integer, Long> expected = new LinkedHashMap<>();
            for (ControlRegister r : ControlRegister.values()) {
                for (int i = 0; i < r.entries(); i++) {
                    long want = switch (r) {
                        case ID -> IdWord.of(NetHarness.CONFIG);
                        case FEATURES -> features;
                        default -> 0;
                    };
                    assertEquals(want, h.read(r, i), r + "[" + i + "] after reset");
                    expected.put(r.offset(i), want);
                }
            }
            // Write every register with random data; only the read-write ones change.
            for (ControlRegister r : ControlRegister.values()) {
                if (r == ControlRegister.CTRL) continue;
                for (int i = 0; i < r.entries(); i++) {
                    long v = rnd.nextLong() & 0xFFFFFFFFL;
                    h.write(r, i, v);
                    if (r.access() == ControlRegister.Access.READ_WRITE) expected.put(r.offset(i), keep(r, v));
                }
            }
            // Unmapped addresses: read 0, writes go nowhere.
            for (int addr = 0; addr < 1 << ControlRegister.ADDRESS_BITS; addr += 4) {
                if (expected.containsKey(addr)) continue;
                if (rnd.nextInt(8) != 0) continue;
                h.axil.write(addr, rnd.nextLong(), 0xF);
                assertEquals(0, h.axil.read(addr), "unmapped 0x" + Integer.toHexString(addr));
            }
            // Byte strobes: only the enabled bytes change.
            long old = expected.get(ControlRegister.BOUND.offset(3));
            h.axil.write(ControlRegister.BOUND.offset(3), 0xA5A5A5A5L, 0b0101);
            expected.put(ControlRegister.BOUND.offset(3), old & 0xFF00FF00L | 0x00A500A5L);
            for (Map.Entry<Integer, Long> e : expected.entrySet()) {
                assertEquals(e.getValue(), h.axil.read(e.getKey()), "register at 0x" + Integer.toHexString(e.getKey()));
            }
        }
    }

    @Test
    void elaboratesForEveryAxiWidthAndBurstShape() {
        for (AxiConfig a : List.of(new AxiConfig(4, 16, 8), new AxiConfig(8, 1, 1), new AxiConfig(32, 256, 32),
                new AxiConfig(64, 8, 2))) {
            Design d = Design.elaborate(() -> new NetControl(NetHarness.CONFIG, a));
            assertTrue(d.warnings().stream().noneMatch(w -> !w.toString().contains("unused input")),
                    a + ": " + d.warnings());
        }
        assertThrows(IllegalArgumentException.class,
                () -> Design.elaborate(() -> new NetControl(NetHarness.CONFIG, new AxiConfig(16, 256, 1), 32, 4)));
    }

    /** The bits a read-write register keeps: the high address halves hold the bits above 31 of a 40-bit address. */
    static long keep(ControlRegister r, long v) {
        return switch (r) {
            case INSTR_ADDR_HI, BASE_HI -> v & ((1L << (AxiConfig.ADDRESS_BITS - 32)) - 1);
            default -> v;
        };
    }
}
