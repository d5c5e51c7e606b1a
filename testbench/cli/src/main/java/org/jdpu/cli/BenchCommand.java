package org.jdpu.cli;

import org.jdpu.bench.AccuracyBench;
import org.jdpu.bench.BenchReport;
import org.jdpu.bench.Benchmark;
import org.jdpu.bench.BridgeBench;
import org.jdpu.bench.DenseBench;
import org.jdpu.bench.DriverMemoryBench;
import org.jdpu.bench.DslBench;
import org.jdpu.bench.GoldenBench;
import org.jdpu.bench.NetBench;
import org.jdpu.bench.OperatorBench;
import org.jdpu.bench.ZooBench;
import org.jdpu.bench.RtlBench;

import org.jdpu.io.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code dpu bench}: runs the benchmarks and prints their figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmarks; each figure is printed as 'BENCH <name> <value> <unit>'.")
public final class BenchCommand implements Runnable {

    /** Every benchmark, in the order they run. */
    static List<Benchmark> all() {
        return List.of(
                new GoldenBench(),
                new AccuracyBench(),
                new BridgeBench(),
                new RtlBench(),
                new NetBench(),
                new OperatorBench(),
                new ZooBench(),
                new DenseBench(),
                new DriverMemoryBench(),
                new DslBench(),
                new DseBench()
        );
    }

    @Option(names = "--only", paramLabel = "PREFIX",
            description = "run only benchmarks whose name starts with PREFIX")
    String only = "";

    @Override
    public void run() {
        BenchReport report = new BenchReport(System.out);
        List<Benchmark> selected = all().stream().filter(b -> b.name().startsWith(only)).toList();
        if (selected.isEmpty()) {
            throw new UserError("no benchmark matches '" + only + "'; known: "
                    + all().stream().map(Benchmark::name).toList());
        }
        for (Benchmark b : selected) {
            try {
                b.run(report);
            } catch (UserError e) {
                throw e;
            } catch (Exception e) {
                throw new UserError("benchmark " + b.name() + " failed: " + e.getMessage(), e);
            }
        }
    }
}
