package org.jdpu.bench;

/**
 * One benchmark run by {@code dpu bench} / {@code make bench}. It measures everything it compares
 * within one run and reports each figure as a {@code BENCH <name> <value> <unit>} line.
 */
public interface Benchmark {
    /** Short name used to select it with {@code dpu bench --only <prefix>}, e.g. {@code bridge}. */
    String name();

    void run(BenchReport report) throws Exception;
}
