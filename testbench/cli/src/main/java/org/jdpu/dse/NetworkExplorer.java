package org.jdpu.dse;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.model.MemoryTiming;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.arch.model.QueueTimeline;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.runtime.Progress;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluates candidates on one network: each is compiled by {@link NetworkCompiler} for its
 * configuration and timed by {@link ProgramCycleModel} on its AXI width and DDR (the whole program,
 * memory traffic included), and sized by the {@link ResourceModel}. Candidates run in parallel.
 */
public final class NetworkExplorer {
    private final NetworkSpec net;
    private final Int8Tensor input;
    private final List<LayerTensors> tensors;
    private final ResourceModel resources;
    private final double clockMhz;

    public NetworkExplorer(NetworkSpec net, Int8Tensor input, List<LayerTensors> tensors, ResourceModel resources,
                           double clockMhz) {
        this.net = net;
        this.input = input;
        this.tensors = tensors;
        this.resources = resources;
        this.clockMhz = clockMhz;
    }

    /**
     * Every candidate's outcome, in the candidates' order. The candidates of one configuration
     * (differing in AXI width or DDR) share one compilation: the program depends only on the configuration.
     */
    public List<Outcome> explore(List<Candidate> candidates, Progress progress) {
        Map<DpuConfig, List<Integer>> byConfig = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            byConfig.computeIfAbsent(candidates.get(i).config(), k -> new ArrayList<>()).add(i);
        }
        Outcome[] out = new Outcome[candidates.size()];
        AtomicLong done = new AtomicLong();
        byConfig.entrySet().parallelStream().forEach(e -> {
            NetProgram p = null;
            String refusal = null;
            try {
                p = NetworkCompiler.compile(e.getKey(), net, input, tensors);
            } catch (UnsupportedByEngineException x) {
                refusal = x.getMessage();
            }
            for (int i : e.getValue()) {
                out[i] = p == null ? new Outcome.Refused(candidates.get(i), refusal) : evaluate(candidates.get(i), p);
                progress.update("configurations", done.incrementAndGet(), candidates.size());
            }
        });
        return List.of(out);
    }

    /** One candidate's outcome. */
    public Outcome evaluate(Candidate cand) {
        try {
            return evaluate(cand, NetworkCompiler.compile(cand.config(), net, input, tensors));
        } catch (UnsupportedByEngineException e) {
            return new Outcome.Refused(cand, e.getMessage());
        }
    }

    private Outcome evaluate(Candidate cand, NetProgram p) {
        DpuConfig c = cand.config();
        MemoryTiming m = new MemoryTiming(cand.ddr().effectiveReadLatency(), cand.ddr().effectiveWriteLatency(),
                cand.ddr().beatGap(), cand.ddr().outstanding());
        QueueTimeline.Schedule s = ProgramCycleModel.schedule(c, cand.axi(), m, p.instructions());
        double bytesPerCycle = cand.axi().dataBytes() / m.cyclesPerBeat();
        List<LayerFigures> layers = layers(p, s, c, bytesPerCycle);
        long macs = layers.stream().mapToLong(LayerFigures::macs).sum();
        return new Outcome.Evaluated(cand, s.total(), clockMhz * 1e6 / s.total(), macs / ((double) s.total() * c.macsPerCycle()),
                resources.estimate(c), layers);
    }

    private static List<LayerFigures> layers(NetProgram p, QueueTimeline.Schedule s, DpuConfig c, double bytesPerCycle) {
        int n = p.layers().size();
        long[] first = new long[n], last = new long[n];
        java.util.Arrays.fill(first, Long.MAX_VALUE);
        for (int i = 0; i < p.instructions().size(); i++) {
            int l = p.layerOf()[i];
            if (l < 0) continue;
            first[l] = Math.min(first[l], s.start()[i]);
            last[l] = Math.max(last[l], s.end()[i]);
        }
        List<LayerFigures> out = new ArrayList<>(n);
        for (int l = 0; l < n; l++) {
            NetProgram.LayerInfo info = p.layers().get(l);
            long span = first[l] == Long.MAX_VALUE ? 0 : Math.max(1, last[l] - first[l]);
            long bytes = info.bytesLoaded() + info.bytesSaved();
            // Reads and writes have channels of their own: the busier one sets the memory time.
            long memory = Math.round(Math.max(info.bytesLoaded(), info.bytesSaved()) / bytesPerCycle);
            double util = span == 0 ? 0 : info.macs() / ((double) span * c.macsPerCycle());
            out.add(new LayerFigures(info.name(), info.macs(), bytes, span, info.computeCycles(), memory, util,
                    bound(span, info.computeCycles(), memory)));
        }
        return out;
    }

    /**
     * Compute-bound when the core is busy for at least half the layer's span and longer than its
     * DDR traffic takes; memory-bound when the traffic takes at least half the span; otherwise the
     * time goes to neither (fetch, configuration writes, waiting on dependencies and latency).
     */
    static LayerFigures.Bound bound(long span, long compute, long memory) {
        if (compute >= memory && 2 * compute >= span) return LayerFigures.Bound.COMPUTE;
        if (2 * memory >= span) return LayerFigures.Bound.MEMORY;
        return LayerFigures.Bound.MISC;
    }
}
