package org.jdpu.dse;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.model.MemoryTiming;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.compiler.net.NetProgram;

import java.util.ArrayList;
import java.util.List;

/**
 * A fast estimate of a compiled program's cycles on an AXI width and a DDR, without the
 * whole-program model's cycle-by-cycle DMA simulation: the exploration ranks every candidate with
 * it and times only the promising ones exactly ({@link NetworkExplorer}).
 *
 * <p>Per layer, from what the compiler reports ({@link NetProgram.LayerInfo}): the core's compute
 * cycles (plus each run's CONV overhead), the bytes its LOADs read and its SAVEs write at the port's
 * rate (data bytes per beat over the DDR's cycles per beat; reads and writes have channels of
 * their own). A double-buffered layer overlaps them as the engine does, so its time is the largest
 * of the three, plus the first run's load and the last run's save, which nothing hides, each with
 * its DDR latency. A layer whose runs need the whole buffers runs them one after the other:
 * load, compute, save, with the latencies, run by run. Fetch, CONFIG writes and queue hand-offs are
 * left out; the exact model's figure is larger by them.
 */
public final class AnalyticScreen {
    private AnalyticScreen() {}

    /** The screened cycles of each layer and their total. */
    public record Estimate(long total, long[] layerCycles) {}

    /** The screened cycles of {@code layers} on {@code axi} and {@code memory}. */
    public static Estimate estimate(List<NetProgram.LayerInfo> layers, AxiConfig axi, MemoryTiming memory) {
        double bytesPerCycle = axi.dataBytes() / memory.cyclesPerBeat();
        long[] out = new long[layers.size()];
        long total = 0;
        for (int l = 0; l < layers.size(); l++) {
            out[l] = layerCycles(layers.get(l), bytesPerCycle, memory);
            total += out[l];
        }
        return new Estimate(Math.max(1, total), out);
    }

    static long layerCycles(NetProgram.LayerInfo info, double bytesPerCycle, MemoryTiming m) {
        int runs = Math.max(1, info.runs());
        double compute = info.computeCycles() + (double) runs * ProgramCycleModel.CONV_OVERHEAD;
        double load = info.bytesLoaded() / bytesPerCycle, save = info.bytesSaved() / bytesPerCycle;
        double latency = (info.bytesLoaded() > 0 ? m.readLatency() : 0) + (info.bytesSaved() > 0 ? m.writeLatency() : 0);
        double cycles = info.doubleBuffered()
                ? Math.max(compute, Math.max(load, save)) + (load + save) / runs + latency
                : compute + load + save + runs * latency;
        return Math.round(cycles);
    }

    /** The screen's per-layer figures, in the exact model's form, for a screened candidate. */
    static List<LayerFigures> layers(List<NetProgram.LayerInfo> layers, Estimate e, int macsPerCycle, double bytesPerCycle) {
        List<LayerFigures> out = new ArrayList<>(layers.size());
        for (int l = 0; l < layers.size(); l++) {
            NetProgram.LayerInfo info = layers.get(l);
            long span = Math.max(1, e.layerCycles()[l]);
            long memory = Math.round(Math.max(info.bytesLoaded(), info.bytesSaved()) / bytesPerCycle);
            out.add(new LayerFigures(info.name(), info.macs(), info.bytesLoaded() + info.bytesSaved(), span,
                    info.computeCycles(), memory, info.macs() / ((double) span * macsPerCycle),
                    NetworkExplorer.bound(span, info.computeCycles(), memory)));
        }
        return out;
    }
}
