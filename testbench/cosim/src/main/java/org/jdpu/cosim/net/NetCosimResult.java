package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.Fault;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.iss.IssResult;
import org.jdpu.runtime.NetRun;

import java.util.List;
import java.util.Locale;

/**
 * A network cosimulation: the RTL's run (cycles, fault, counters, protocol verdicts), the cycle
 * model's prediction of the same program, each layer's figures, every layer whose output
 * differed from the golden model or the instruction-set simulator, each layer's output as the
 * engine wrote it, and the wall-clock seconds the simulation took from START to the interrupt.
 */
public record NetCosimResult(DpuConfig config, NetProgram program, NetRun run, long predictedCycles,
                             List<NetLayerResult> layers, List<NetMismatch> mismatches, IssResult iss,
                             NetCosim.Options options, List<org.jdpu.tensor.Int8Tensor> rtlOutputs, double simSeconds) {

    /** True when the run ended without fault, kept the AXI protocol and matched both references everywhere. */
    public boolean passed() {
        return run.fault() == Fault.NONE && run.protocolClean() && mismatches.isEmpty() && iss.ok();
    }

    public double idealCycles() {
        return layers.stream().mapToDouble(NetLayerResult::idealCycles).sum();
    }

    public long computeCycles() {
        return layers.stream().mapToLong(NetLayerResult::computeCycles).sum();
    }

    /** Bytes moved over the data port: every LOAD and SAVE, plus the instructions fetched. */
    public long ddrBytes() {
        long b = (long) program.instructions().size() * org.jdpu.arch.isa.Instruction.BYTES;
        for (NetLayerResult l : layers) b += l.bytesRead() + l.bytesWritten();
        return b;
    }

    public long mismatchCount() {
        return mismatches.stream().filter(m -> m.reference().equals("golden")).mapToLong(NetMismatch::count).sum();
    }

    /** One line per layer. */
    public String layerLine(NetLayerResult l) {
        return String.format(Locale.ROOT, "LAYER %-12s compute=%d total=%d stall=%d ddr_read=%d ddr_written=%d utilization=%.3f%s",
                l.name(), l.computeCycles(), l.spanCycles(), l.stallCycles(), l.bytesRead(), l.bytesWritten(),
                l.utilization(), l.goldenMismatches() + l.issMismatches() == 0 ? "" : " MISMATCH");
    }

    /** The engine's own counters: instructions finished and cycles busy per queue. */
    public String queuesLine() {
        StringBuilder b = new StringBuilder("QUEUES");
        for (org.jdpu.arch.isa.Queue q : org.jdpu.arch.isa.Queue.values()) {
            b.append(' ').append(q.label()).append("=").append(run.done(q)).append('/').append(run.busy(q));
        }
        return b.append("  (instructions finished / cycles busy)").toString();
    }

    /** The closing line. */
    public String resultLine() {
        return String.format(Locale.ROOT,
                "RESULT arch=%s layers=%d cycles=%d predicted=%d ideal_cycles=%.0f utilization=%.3f ddr_bytes=%d mismatches=%d fault=%s protocol=%s%s",
                config.name(), layers.size(), run.cycles(), predictedCycles, idealCycles(), idealCycles() / run.cycles(),
                ddrBytes(), mismatchCount(), run.fault().name().toLowerCase(Locale.ROOT),
                run.protocolClean() ? "clean" : "violated",
                options.stress() ? " stress_seed=" + options.seed() : "");
    }
}
