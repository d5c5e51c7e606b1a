package org.jdpu.cli;

import org.jdpu.io.UserError;

import org.jdpu.cosim.EngineModels;
import org.jdpu.runtime.EngineSession;
import org.jdpu.arch.DpuConfig;
import org.jdpu.sim.WaveOptions;

import java.nio.file.Path;

/** Command-line helpers shared by the engine commands: parsing --arch, opening a simulated engine. */
final class Engines {
    private Engines() {}

    /** The help text of every --arch option; {@link #arch} accepts exactly this. */
    static final String ARCH_HELP = "preset (B512..B4096) or PPxICPxOCP, optionally +pack (two INT8 multiplies per DSP) "
            + "and/or +dsp2x (multipliers on a 2x clock, two multiplies per cycle each), "
            + "and/or +tflite (TFLite int8 multiplier-mode requantiser), "
            + "optionally :act=N,wgt=N,out=N,bias=N buffer depths (words; powers of two in 16..1048576; defaults "
            + "2048,2048,8192,256), e.g. 3x5x7:act=64,wgt=64,out=64,bias=16";

    static DpuConfig arch(String text) {
        try {
            return DpuConfig.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Verilates (or fetches from the cache) and opens the engine, telling the user what takes the time. */
    static EngineSession open(DpuConfig c, Path wave) {
        return openTraced(c, wave == null ? null : WaveOptions.of(wave));
    }

    /** As {@link #open(DpuConfig, Path)}, with the waveform's clock, window and scope; null for none. */
    static EngineSession openTraced(DpuConfig c, WaveOptions wave) {
        System.err.println("verilating " + c.name() + (wave == null ? "" : " with waveform tracing")
                + " (cached after the first build) ...");
        long t0 = System.nanoTime();
        EngineSession s = wave == null ? EngineModels.open(c) : EngineModels.open(c, wave);
        System.err.printf("engine %s ready in %.1f s%n", c.name(), (System.nanoTime() - t0) / 1e9);
        return s;
    }
}
