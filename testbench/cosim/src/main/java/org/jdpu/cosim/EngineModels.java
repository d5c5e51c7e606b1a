package org.jdpu.cosim;

import org.jdpu.runtime.EngineSession;
import org.jdpu.arch.DpuConfig;
import org.jdpu.rtl.DpuGenerator;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Trace;
import org.jdpu.sim.Verilator;
import org.jdpu.sim.WaveOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verilated convolution cores ({@code dpu_core}, driven directly through its host ports: the
 * debug interface of the single-layer cosimulation; the network engine {@code dpu_top} has its
 * own models in {@link org.jdpu.cosim.net.NetModels}): generates a configuration's Verilog, has the bridge build it (or fetch it
 * from the model cache, keyed by the Verilog's content) and keeps each built model for the life of
 * the JVM, so a test run or a regression verilates every configuration once.
 */
public final class EngineModels {
    private EngineModels() {}

    private record Key(DpuConfig config, Trace trace, int optLevel) {}

    private static final Map<Key, CompiledModel> BUILT = new ConcurrentHashMap<>();

    /** C++ optimisation used for the engine's models: builds in seconds, still runs fast enough. */
    public static final int OPT_LEVEL = ModelSpec.DEFAULT_OPT_LEVEL;

    public static CompiledModel compiled(DpuConfig c, Trace trace) {
        return compiled(c, trace, OPT_LEVEL);
    }

    public static CompiledModel compiled(DpuConfig c, Trace trace, int optLevel) {
        return BUILT.computeIfAbsent(new Key(c, trace, optLevel), k -> build(k.config(), k.trace(), k.optLevel()));
    }

    /** A fresh simulation of the configuration, reset and ready for the driver. */
    public static EngineSession open(DpuConfig c) {
        return new EngineSession(c, compiled(c, Trace.NONE).open());
    }

    /** The same, recording a waveform ({@code .fst} or {@code .vcd} by the file name). */
    public static EngineSession open(DpuConfig c, Path waveform) {
        return open(c, WaveOptions.of(waveform));
    }

    /** The same, recording the waveform {@code wave} describes. */
    public static EngineSession open(DpuConfig c, WaveOptions wave) {
        Trace t = wave.path().getFileName().toString().endsWith(".fst") ? Trace.FST : Trace.VCD;
        return new EngineSession(c, compiled(c, t).open(wave));
    }

    /** Builds the model of the core's Verilog generated beforehand (top {@code dpu_core}) and remembers it. */
    public static CompiledModel compiledFrom(DpuConfig c, List<Path> sources) {
        CompiledModel m = Verilator.build(ModelSpec.of(DpuGenerator.CORE, sources).withOptLevel(OPT_LEVEL));
        BUILT.putIfAbsent(new Key(c, Trace.NONE, OPT_LEVEL), m);
        return m;
    }

    private static CompiledModel build(DpuConfig c, Trace trace, int optLevel) {
        return TemporaryVerilog.build(c.fileName(), DpuGenerator.CORE, dir -> DpuGenerator.writeCore(c, dir), trace, optLevel);
    }
}
