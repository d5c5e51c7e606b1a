package org.jdpu.bench;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.hdl.examples.PeGrid;
import org.jdpu.rtl.DpuGenerator;
import org.jdpu.arch.Preset;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Elaboration + Verilog emission time of the hardware DSL, warm and in one JVM: the median of
 * several runs after warm-up, for
 * <ul>
 *   <li>{@code B4096}: an 8 x 16 grid of processing elements, each a 16-lane INT8 dot product
 *       into a 32-bit accumulator with systolic neighbour registers ({@link PeGrid});</li>
 *   <li>{@code 16x16x32}: the same grid at 16 x 16 elements of 32 lanes;</li>
 *   <li>{@code B4096_engine}: the whole convolution engine of dpu-rtl at its B4096 preset.</li>
 * </ul>
 * Emission is to memory (files are not written), so disk speed does not enter the figure.
 */
public final class DslBench implements Benchmark {
    private static final int WARMUP = 5;
    private static final int RUNS = 9;

    @Override
    public String name() {
        return "dsl";
    }

    @Override
    public void run(BenchReport report) {
        measure(report, "B4096", () -> Design.elaborate(() -> new PeGrid(8, 16, 16, 32)));
        measure(report, "16x16x32", () -> Design.elaborate(() -> new PeGrid(16, 16, 32, 32)));
        measure(report, "B4096_engine", () -> DpuGenerator.elaborate(Preset.B4096.config()));
    }

    private void measure(BenchReport report, String config, Supplier<Design> elaborate) {
        long[] total = new long[RUNS];
        long[] build = new long[RUNS];
        long[] checks = new long[RUNS];
        long[] emit = new long[RUNS];
        VerilogOutput out = null;
        int nodes = 0;
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t0 = System.nanoTime();
            Design d = elaborate.get();
            long t1 = System.nanoTime();
            out = d.emit("grid_top");
            long t2 = System.nanoTime();
            if (i >= WARMUP) {
                int k = i - WARMUP;
                total[k] = t2 - t0;
                build[k] = d.timings().buildNanos();
                checks[k] = d.timings().dedupNanos() + d.timings().checkNanos();
                emit[k] = t2 - t1;
            }
            nodes = d.hierarchy().unique().stream().mapToInt(m -> m.size()).sum();
        }
        long chars = out.files().stream().mapToLong(f -> f.text().length()).sum();
        report.note(String.format(Locale.ROOT, "dsl %s: %d distinct modules, %d nets in them, %d Verilog chars; "
                        + "median build %.1f ms, dedup+checks %.1f ms, emit %.1f ms", config, out.files().size(), nodes,
                chars, BenchReport.median(build) / 1e6, BenchReport.median(checks) / 1e6, BenchReport.median(emit) / 1e6));
        report.figure("dsl.elaborate_emit_ms." + config, Math.round(BenchReport.median(total) / 1e5) / 10.0, "ms");
    }
}
