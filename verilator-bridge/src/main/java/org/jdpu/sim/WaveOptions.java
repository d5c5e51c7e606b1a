package org.jdpu.sim;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link Simulator} writes its waveform: the file, the clock frequency its time axis shows,
 * which cycles go into it and which part of the design.
 *
 * <p>Time is in picoseconds ({@code $timescale 1ps}). The clock period is 10^6 / clockMhz ps
 * rounded to the nearest picosecond (300 MHz: 3333 ps); edge {@code k} (counting from 0) falls
 * at {@code k * period} and rises {@code floor(period / 2)} ps later (1666 ps). An
 * {@link Simulator#eval()} between edges is dumped 1 ps after the evaluation before it.
 *
 * @param path      the waveform file; VCD or FST as the model was built ({@link ModelSpec#trace()})
 * @param clockMhz  clock frequency in MHz, at most 500000 (a period of 2 ps)
 * @param fromCycle first cycle written: an evaluation is dumped when {@code fromCycle <=}
 *                  {@link Simulator#cycle()} {@code <= toCycle} as it starts, so the edge made
 *                  from cycle {@code c} (both halves) belongs to cycle {@code c}
 * @param toCycle   last cycle written, inclusive; {@link Long#MAX_VALUE} for the end of the run
 * @param scope     only signals under this hierarchical scope, every level below it, e.g.
 *                  {@code "counter"}, {@code "dpu_top.array"} or {@code "TOP.dpu_top.array"} (the
 *                  waveform's own names, where {@code TOP} holds the top module's ports and
 *                  {@code TOP.<top>} the top module); empty for the whole design
 */
public record WaveOptions(Path path, double clockMhz, long fromCycle, long toCycle, String scope) {

    public static final double DEFAULT_CLOCK_MHZ = 300;

    public WaveOptions {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(scope, "scope");
        scope = scope.strip();
        if (!(clockMhz > 0) || Double.isInfinite(clockMhz) || Math.round(1e6 / clockMhz) < 2) {
            throw new IllegalArgumentException("clock frequency must be above 0 and at most 500000 MHz, got " + clockMhz);
        }
        if (fromCycle < 0 || toCycle < fromCycle) {
            throw new IllegalArgumentException("waveform window must satisfy 0 <= from <= to, got " + fromCycle + ".." + toCycle);
        }
        if (!scope.matches("[^\\s.]+(\\.[^\\s.]+)*|")) {
            throw new IllegalArgumentException("waveform scope '" + scope + "' is not a dotted hierarchical name");
        }
    }

    /** The whole run and design at {@link #DEFAULT_CLOCK_MHZ}. */
    public static WaveOptions of(Path path) {
        return new WaveOptions(path, DEFAULT_CLOCK_MHZ, 0, Long.MAX_VALUE, "");
    }

    public WaveOptions withClockMhz(double mhz) {
        return new WaveOptions(path, mhz, fromCycle, toCycle, scope);
    }

    /** Only cycles {@code from..to} (both inclusive). */
    public WaveOptions withWindow(long from, long to) {
        return new WaveOptions(path, clockMhz, from, to, scope);
    }

    public WaveOptions withScope(String s) {
        return new WaveOptions(path, clockMhz, fromCycle, toCycle, s);
    }

    /** The clock period in picoseconds. */
    public long periodPs() {
        return periodPs(clockMhz);
    }

    /** The time from an edge's falling half to its rising half, in picoseconds. */
    public long lowPs() {
        return periodPs() / 2;
    }

    static long periodPs(double mhz) {
        return Math.round(1e6 / mhz);
    }

    /** The scope as Verilator's trace names it, always under {@code TOP}; null for everything. */
    String traceScope() {
        if (scope.isEmpty()) return null;
        return scope.equals("TOP") || scope.startsWith("TOP.") ? scope : "TOP." + scope;
    }
}
