package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.bench.BenchReport;
import org.jdpu.bench.Benchmark;
import org.jdpu.cases.CustomNetConvs;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.dse.Candidate;
import org.jdpu.dse.DesignSpace;
import org.jdpu.dse.NetworkExplorer;
import org.jdpu.dse.Outcome;
import org.jdpu.dse.ResourceModel;
import org.jdpu.runtime.Progress;

import java.util.List;
import java.util.Locale;

/**
 * The design-space exploration's speed: candidates per second on the seed CustomNet's convolutions
 * as one chain at 224x224 (the largest network jdpu builds in code), each compiled and timed by the
 * whole-program cycle model on both cores. The space: 12 configurations x 2 AXI widths x 2 DDR latencies.
 */
final class DseBench implements Benchmark {
    @Override
    public String name() {
        return "dse";
    }

    @Override
    public void run(BenchReport report) {
        CustomNetConvs net = CustomNetConvs.of(224, 1);
        DesignSpace space = new DesignSpace(List.of(2, 4, 8), List.of(8, 16), List.of(8, 16),
                List.of(DpuConfig.DEFAULT_ACT_BANK_DEPTH), List.of(DpuConfig.DEFAULT_WEIGHT_BANK_DEPTH), List.of(0),
                List.of(8, 16), List.of(40, 100), List.of(2), DpuConfig.MAX_MACS);
        List<Candidate> candidates = space.candidates();
        NetworkExplorer explorer = new NetworkExplorer(net.spec(), net.input(), LayerTensors.of(net.operands()),
                ResourceModel.committed(), 300);
        long t0 = System.nanoTime();
        List<Outcome> outcomes = explorer.explore(candidates, Progress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long evaluated = outcomes.stream().filter(o -> o instanceof Outcome.Evaluated).count();
        report.note(String.format(Locale.ROOT, "dse: %d candidates (%d evaluated) of the CustomNet chain at 224 in %.1f s",
                candidates.size(), evaluated, seconds));
        report.figure("dse.configs_per_s.customnet_chain", candidates.size() / seconds, "configs/s");
    }
}
