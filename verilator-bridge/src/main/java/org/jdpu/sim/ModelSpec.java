package org.jdpu.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to verilate: Verilog source files, the top module, and build options. Everything here is
 * part of the model cache key, together with the content of every source file.
 *
 * @param sources            Verilog/SystemVerilog files, passed to Verilator in this order
 * @param top                top module name ({@code --top-module})
 * @param trace              waveform support compiled into the model
 * @param optLevel           C++ optimisation level of the model code, 0..3 (the Verilator runtime
 *                           itself is always compiled with -O2 and cached separately)
 * @param threads            Verilator {@code --threads}; 1 is single-threaded
 * @param extraVerilatorArgs further Verilator arguments, e.g. {@code -Wno-fatal} or {@code -DWIDTH=8}
 */
public record ModelSpec(List<Path> sources, String top, Trace trace, int optLevel, int threads,
                        List<String> extraVerilatorArgs) {

    /** Default C++ optimisation: cheap to compile, still several times faster than -O0 to run. */
    public static final int DEFAULT_OPT_LEVEL = 1;

    public ModelSpec {
        Objects.requireNonNull(top, "top");
        Objects.requireNonNull(trace, "trace");
        sources = List.copyOf(sources);
        extraVerilatorArgs = List.copyOf(extraVerilatorArgs);
        if (sources.isEmpty()) throw new IllegalArgumentException("no Verilog sources given for top " + top);
        if (!top.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("top module name '" + top + "' is not a plain Verilog identifier");
        }
        if (optLevel < 0 || optLevel > 3) throw new IllegalArgumentException("optLevel must be 0..3, got " + optLevel);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    /** A spec with defaults: no waveform, {@link #DEFAULT_OPT_LEVEL}, one thread, no extra arguments. */
    public static ModelSpec of(String top, List<Path> sources) {
        return new ModelSpec(sources, top, Trace.NONE, DEFAULT_OPT_LEVEL, 1, List.of());
    }

    public static ModelSpec of(String top, Path... sources) {
        return of(top, List.of(sources));
    }

    public ModelSpec withTrace(Trace t) {
        return new ModelSpec(sources, top, t, optLevel, threads, extraVerilatorArgs);
    }

    public ModelSpec withOptLevel(int o) {
        return new ModelSpec(sources, top, trace, o, threads, extraVerilatorArgs);
    }

    public ModelSpec withThreads(int n) {
        return new ModelSpec(sources, top, trace, optLevel, n, extraVerilatorArgs);
    }

    /** Replaces the extra Verilator arguments. */
    public ModelSpec withVerilatorArgs(String... extra) {
        return new ModelSpec(sources, top, trace, optLevel, threads, List.of(extra));
    }
}
