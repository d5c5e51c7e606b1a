package org.jdpu.bench;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.cases.CustomNetConvs;
import org.jdpu.cases.LayerCase;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.cosim.EngineModels;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.cosim.net.NetCosimResult;
import org.jdpu.cosim.net.NetLayerResult;
import org.jdpu.memory.DdrTiming;
import org.jdpu.runtime.Driver;
import org.jdpu.runtime.DriverResult;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;

import java.util.List;
import java.util.Locale;

/**
 * The network engine on the seed CustomNet's convolutions (each as its own network, and as one chain
 * from one START, see {@link CustomNetConvs}), on the Verilated RTL with the simulated DDR at its ZCU102 HP-port
 * timing and one 128-bit data port: total cycles over compute cycles, DDR traffic per frame, which
 * layers are memory-bound (the bytes per cycle they would need against what the port gives), the
 * network cosimulation's speed next to the single-layer cosimulation's on the same configuration,
 * and what the realistic DDR timing costs the simulation against a zero-latency one. Every run is
 * checked bit-exactly against the golden model and the instruction-set simulator, and its cycles
 * against the whole-program cycle model, or the benchmark fails.
 */
public final class NetBench implements Benchmark {

    @Override
    public String name() {
        return "net";
    }

    @Override
    public void run(BenchReport report) {
        CustomNetConvs chain = CustomNetConvs.of(224, 1);
        for (Preset p : List.of(Preset.B512, Preset.B4096)) {
            String arch = p.name();
            // CustomNet's convolutions as three networks of one layer (one START each, the pools between
            // them left out), as the single-layer figures were measured: the like-for-like comparison.
            long cycles = 0, compute = 0, bytes = 0;
            double ideal = 0;
            double port = AxiConfig.DEFAULT.dataBytes() * DdrTiming.ZCU102_HP.beatsPerCycle();
            for (CustomNetConvs single : CustomNetConvs.layers(224, 1)) {
                NetCosimResult r = cosim(p.config(), single, DdrTiming.ZCU102_HP);
                NetLayerResult l = r.layers().getFirst();
                report.note(arch + " " + r.layerLine(l));
                cycles += r.run().cycles();
                compute += r.computeCycles();
                ideal += r.idealCycles();
                bytes += r.ddrBytes();
                double need = (double) (l.bytesRead() + l.bytesWritten()) / l.computeCycles();
                if (need > port) {
                    report.note(String.format(Locale.ROOT, "%s on %s is memory-bound: it moves %.2f bytes per compute cycle, "
                            + "the port gives %.2f", l.name(), arch, need, port));
                }
            }
            report.note("CustomNet convolutions, each its own network, on " + p.config().describe() + ", "
                    + AxiConfig.DEFAULT.dataBits() + "-bit data port, DDR " + DdrTiming.ZCU102_HP
                    + ": bit-exact, cycles equal to the model");
            report.figure("net.total_vs_compute.customnet." + arch, (double) cycles / compute, "ratio");
            report.figure("net.cycles.customnet." + arch, cycles, "cycles");
            report.figure("net.utilization.customnet." + arch, ideal / cycles, "ratio");
            report.figure("net.ddr_mb_per_frame.customnet." + arch, bytes / 1e6, "MB");

            // The same convolutions as one chain from one START (strides 4 where CustomNet pools).
            NetCosimResult r = cosim(p.config(), chain, DdrTiming.ZCU102_HP);
            report.note("CustomNet convolutions as one chain on " + arch + ":");
            for (NetLayerResult l : r.layers()) report.note(r.layerLine(l));
            report.note(r.queuesLine());
            report.figure("net.total_vs_compute.customnet_chain." + arch, (double) r.run().cycles() / r.computeCycles(), "ratio");
            report.figure("net.cycles.customnet_chain." + arch, r.run().cycles(), "cycles");
            report.figure("net.ddr_mb_per_frame.customnet_chain." + arch, r.ddrBytes() / 1e6, "MB");
            if (p == Preset.B4096) {
                double netSpeed = r.run().cycles() / r.simSeconds();
                double layerSpeed = singleLayerSpeed(p.config());
                report.figure("net.cosim_cycles_per_s.B4096", netSpeed, "cycles/s");
                report.figure("net.single_layer_cosim_cycles_per_s.B4096", layerSpeed, "cycles/s");
                report.figure("net.cosim_speed_vs_single_layer.B4096", netSpeed / layerSpeed, "ratio");
            }
        }
        // The DDR model's cost: the same program under zero latency and under the realistic timing.
        DpuConfig small = Preset.B512.config();
        CustomNetConvs net64 = CustomNetConvs.of(64, 1);
        NetCosimResult ideal = cosim(small, net64, DdrTiming.IDEAL);
        NetCosimResult real = cosim(small, net64, DdrTiming.ZCU102_HP);
        report.note("DDR model cost: CustomNet convolutions at 64x64 on B512, " + ideal.run().cycles() + " cycles at zero latency ("
                + String.format(Locale.ROOT, "%.2f s", ideal.simSeconds()) + "), " + real.run().cycles() + " at the HP-port timing ("
                + String.format(Locale.ROOT, "%.2f s", real.simSeconds()) + ")");
        report.figure("net.ddr_model_cost.time", real.simSeconds() / ideal.simSeconds(), "ratio");
        report.figure("net.ddr_model_cost.per_cycle",
                (real.simSeconds() / real.run().cycles()) / (ideal.simSeconds() / ideal.run().cycles()), "ratio");
    }

    private static NetCosimResult cosim(DpuConfig c, CustomNetConvs net, DdrTiming t) {
        List<LayerTensors> tensors = LayerTensors.of(net.operands());
        NetCosimResult r = NetCosim.run(c, AxiConfig.DEFAULT, net.spec(), net.input(), tensors,
                NetCosim.Options.defaults().withTiming(t), null);
        if (!r.passed()) throw new IllegalStateException("CustomNet on " + c.name() + " failed: " + r.resultLine());
        if (r.predictedCycles() != r.run().cycles()) {
            throw new IllegalStateException("CustomNet on " + c.name() + ": the cycle model predicts " + r.predictedCycles()
                    + " cycles, the RTL took " + r.run().cycles());
        }
        return r;
    }

    /** Cycles per second of the single-layer cosimulation (the core driven from Java) on {@code c}. */
    private static double singleLayerSpeed(DpuConfig c) {
        Conv2dSpec spec = LayerCase.conv(56, 56, 32, 64, 5, 5, 1, 1, 1, 1, new Padding(2, 2, 2, 2),
                LayerCase.realisticQuant(5, 5, 32), Activation.RELU);
        LayerCase layer = LayerCase.draw("conv2", 2, spec, LayerCase.Weights.REALISTIC);
        try (EngineSession session = EngineModels.open(c)) {
            Program program = Compiler.compile(c, spec, layer.operands().input(), layer.operands().weights(),
                    layer.operands().bias());
            long t0 = System.nanoTime();
            DriverResult r = Driver.run(program, session, Progress.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return r.totalCycles() / seconds;
        }
    }
}
