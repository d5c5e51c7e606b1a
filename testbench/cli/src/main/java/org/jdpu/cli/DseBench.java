package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.bench.BenchReport;
import org.jdpu.bench.Benchmark;
import org.jdpu.cases.ModelZoo;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.dse.Candidate;
import org.jdpu.dse.DesignSpace;
import org.jdpu.dse.NetworkExplorer;
import org.jdpu.dse.Outcome;
import org.jdpu.dse.ResourceModel;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;

import java.util.List;
import java.util.Locale;

/**
 * The design-space exploration's speed on ResNet-50 (the model zoo's, at 224): candidates per
 * second over a space of 10,080 (12 PP x ICP x OCP, four DSP options, three AXI widths, seven DDR
 * latencies, ten beat gaps: 12 programs to compile, the DSP options sharing one), each screened
 * analytically and at most {@link NetworkExplorer#DEFAULT_EXACT_LIMIT} near a Pareto front timed
 * exactly by the whole-program cycle model, on both cores. The network
 * is ResNet-50 without its head (global average pool and dense), which the engine does not map:
 * 99.95 % of its MACs. Also the screen's error against the exact model on the candidates timed both ways.
 */
final class DseBench implements Benchmark {
    @Override
    public String name() {
        return "dse";
    }

    /** ResNet-50 without the layers after its last add, with its tensors. */
    record Body(NetworkSpec spec, List<LayerTensors> tensors) {
        static Body of(ModelZoo.Network n) {
            int keep = n.spec().layers().size();
            while (!n.spec().layers().get(keep - 1).spec().op().equals("add")) keep--;
            List<NetworkWriter.Entry> entries = n.entries().subList(0, keep);
            return new Body(new NetworkSpec(null, n.spec().layers().subList(0, keep)),
                    entries.stream().map(e -> new LayerTensors(e.weights(), e.bias())).toList());
        }
    }

    /** The benchmark's space: 10,080 candidates. */
    static DesignSpace space() {
        return new DesignSpace(List.of(2, 4, 8), List.of(8, 16), List.of(8, 16), List.of(DpuConfig.DEFAULT_ACT_BANK_DEPTH),
                List.of(DpuConfig.DEFAULT_WEIGHT_BANK_DEPTH),
                List.of(0, DpuConfig.DSP_OPTION_PACK, DpuConfig.DSP_OPTION_DOUBLE_RATE, DpuConfig.DSP_OPTION_PACK | DpuConfig.DSP_OPTION_DOUBLE_RATE),
                List.of(8, 16, 32), List.of(20, 40, 60, 80, 100, 120, 140), List.of(0, 1, 2, 3, 4, 6, 8, 12, 16, 24), DpuConfig.MAX_MACS);
    }

    @Override
    public void run(BenchReport report) {
        ModelZoo.Network n = ModelZoo.RESNET50.build(1);
        Body body = Body.of(n);
        List<Candidate> candidates = space().candidates();
        NetworkExplorer explorer = new NetworkExplorer(body.spec(), n.input(), body.tensors(), ResourceModel.committed(), 300,
                NetworkExplorer.DEFAULT_SCREEN_MARGIN, NetworkExplorer.DEFAULT_EXACT_LIMIT);
        long t0 = System.nanoTime();
        NetworkExplorer.Exploration run = explorer.explore(candidates, new ProgressPrinter("dse bench"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long evaluated = run.outcomes().stream().filter(o -> o instanceof Outcome.Evaluated).count();
        report.note(String.format(Locale.ROOT, "dse: %d candidates of ResNet-50 (%d layers, without its head) in %.1f s: "
                        + "%d evaluated, %d of them timed exactly (margin %.0f%%), the rest screened; %s",
                candidates.size(), body.spec().layers().size(), seconds, evaluated, run.exact(),
                100 * NetworkExplorer.DEFAULT_SCREEN_MARGIN, run.screenError().summary()));
        report.figure("dse.configs_per_s.resnet50", candidates.size() / seconds, "configs/s");
        report.figure("dse.screen_error_mean.resnet50", 100 * run.screenError().mean(), "%");
        report.figure("dse.screen_error_max.resnet50", 100 * run.screenError().max(), "%");
    }
}
