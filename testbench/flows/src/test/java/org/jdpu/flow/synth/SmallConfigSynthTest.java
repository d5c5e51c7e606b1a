package org.jdpu.flow.synth;

import org.jdpu.flow.EngineDesigns;
import org.jdpu.flow.ExternalTool;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.PoolDivisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The network engine ({@code dpu_top}) at a small configuration (2x2x2) through Yosys
 * {@code synth_xilinx -family xcup}: {@code check -assert} passes, no latches, every multiply in a
 * DSP48E2, every buffer of the core in block RAM (none in LUT RAM or flip-flops; only the
 * engine's shallow FIFOs in distributed RAM); with WP486 packing ({@code 2x2x2+pack}) half as many DSPs.
 * {@code make synth ARCH=B512} checks the same at full size. The three syntheses are independent
 * single-threaded Yosys runs, so they run two at a time.
 */
@Execution(ExecutionMode.CONCURRENT)
class SmallConfigSynthTest {

    @TempDir
    Path tmp;

    @Test
    void twoByTwoByTwoMapsMultipliesToDspsAndBuffersToBlockRam() {
        DpuConfig cfg = DpuConfig.parse("2x2x2");
        SynthReport r = synthesize("2x2x2");
        MappingChecks m = r.mapping();
        assertEquals(java.util.List.of(), m.checkProblems(), "Yosys check");
        assertEquals(0, m.latches(), "latches");
        assertTrue(m.multipliers() >= cfg.macsPerCycle(), "at least one multiply per MAC lane: " + m);
        assertEquals(0, m.softMultipliers(), "multiplies built from LUTs");
        assertTrue(r.resources().dsps() >= m.multipliers(), "each multiply in at least one DSP48E2: " + r.resources());
        // Activation banks, weight banks, output and bias buffers at the least.
        assertTrue(m.memories() >= cfg.actBanks() + cfg.ocp() + 2, "buffers inferred as memories: " + m);
        assertEquals(0, m.memoriesInFlipFlops(), "memories in flip-flops");
        assertEquals(java.util.List.of(), m.buffersInLutRam(), "buffers in LUT RAM");
        for (String fifo : m.lutRamMemories()) {
            assertFalse(fifo.startsWith("dpu_top.core."), "the core has no FIFO in distributed RAM: " + fifo);
        }
        assertFalse(m.lutRamMemories().isEmpty(), "the queues and DMA FIFOs of the network engine: " + m);
        int buffers = cfg.actBanks() + 2 * cfg.ocp() + 1;
        assertTrue(m.blockRamPrimitives() >= buffers && r.resources().bram36() > 0, "block RAM: " + r.resources() + ", " + m);
        assertTrue(m.clean(), m.violations().toString());
        assertTrue(r.depth().levels() > 0 && r.depth().unknownTypes().isEmpty(), "logic depth: " + r.depth());
    }

    /**
     * WP486 packing: each pair of output-channel PEs shares one DSP48E2 for its two INT8 products.
     * Packing is inside the core, so the core alone ({@code dpu_core}) is synthesized: half the time.
     */
    @Test
    void packedTwoByTwoByTwoUsesOneDspPerTwoMultiplies() {
        DpuConfig cfg = DpuConfig.parse("2x2x2+pack");
        SynthReport r = EngineDesigns.withGenerated("2x2x2+pack", true,
                design -> new YosysSynthesis(ExternalTool.YOSYS, System.out).run("2x2x2+pack", design, tmp.resolve("pack")));
        System.out.print(r.summary());
        assertEquals("dpu_core", r.top());
        MappingChecks m = r.mapping();
        assertEquals(java.util.List.of(), m.checkProblems(), "Yosys check");
        assertEquals(0, m.latches(), "latches");
        assertEquals(0, m.softMultipliers(), "multiplies built from LUTs");
        // The pool unit's average multipliers (one per pooled channel) are not packed.
        assertEquals(cfg.macsPerCycle() / 2 + PoolDivisor.pooledChannels(cfg), r.resources().dsps(),
                "two INT8 products per DSP48E2: " + r.resources());
        assertTrue(m.clean(), m.violations().toString());
    }

    /**
     * Packing and double-rate multipliers together ({@code 2x2x2+pack+dsp2x}): one DSP48E2 per pair
     * of lanes of a pair of output channels, four MACs per DSP per engine cycle, so PP x OCP/2 x ICP/2
     * DSPs, plus the pool unit's, and not one more; the 2x clock's deepest path is shallower than the engine clock's.
     */
    @Test
    void packedDoubleRateTwoByTwoByTwoDoesFourMacsPerDsp() {
        DpuConfig cfg = DpuConfig.parse("2x2x2+pack+dsp2x");
        SynthReport r = EngineDesigns.withGenerated(cfg.name(), true,
                design -> new YosysSynthesis(ExternalTool.YOSYS, System.out).run(cfg.name(), design, tmp.resolve("pack2x")));
        System.out.print(r.summary());
        MappingChecks m = r.mapping();
        assertEquals(java.util.List.of(), m.checkProblems(), "Yosys check");
        assertEquals(0, m.softMultipliers(), "multiplies built from LUTs");
        assertEquals(2, cfg.peMultipliers());
        // The pool unit's average multipliers (one per pooled channel) stay on the engine clock, unpacked.
        int poolDsps = PoolDivisor.pooledChannels(cfg);
        assertEquals(cfg.peMultipliers() + poolDsps, r.resources().dsps(), "four MACs per DSP48E2: " + r.resources());
        assertEquals(cfg.macsPerCycle() / 4 + poolDsps, r.resources().dsps());
        assertEquals(java.util.Set.of("clk", "clk2x"), r.depthByClock().keySet(), "paths per clock");
        int fast = r.depthByClock().get("clk2x").levels(), slow = r.depthByClock().get("clk").levels();
        assertTrue(fast > 0 && fast <= slow, "2x paths " + fast + " levels, engine clock " + slow);
        assertTrue(m.clean(), m.violations().toString());
    }

    private SynthReport synthesize(String arch) {
        SynthReport r = EngineDesigns.withGenerated(arch,
                design -> new YosysSynthesis(ExternalTool.YOSYS, System.out).run(arch, design, tmp.resolve(arch)));
        System.out.print(r.summary());
        assertEquals("dpu_top", r.top(), "the whole network engine");
        return r;
    }
}
