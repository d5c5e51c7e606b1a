package org.jdpu.bench;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.arch.model.QueueTimeline;
import org.jdpu.cases.CustomNet;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.cosim.net.NetCosimResult;
import org.jdpu.memory.DdrTiming;

import java.util.List;
import java.util.Locale;

/**
 * The seed CustomNet in full (convolutions, 4x4 max pools on the core, the dense head as
 * convolutions) on the whole-program cycle model with the HP-port DDR and one 128-bit data port:
 * frames per second at 300 MHz, utilisation (network MACs over peak MACs per cycle times total
 * cycles) and each layer's share of the frame. At 64x64 on B512 the same network runs on the RTL
 * first, bit-exact at every layer and with the cycles the model predicts, or the benchmark fails.
 */
public final class OperatorBench implements Benchmark {
    static final double CLOCK_MHZ = 300;

    @Override
    public String name() {
        return "operators";
    }

    @Override
    public void run(BenchReport report) {
        CustomNet small = CustomNet.of(64, 1);
        NetCosimResult r = NetCosim.run(Preset.B512.config(), AxiConfig.DEFAULT, small.spec(), small.input(),
                LayerTensors.of(small.operands()), NetCosim.Options.defaults().withTiming(DdrTiming.ZCU102_HP), null);
        if (!r.passed() || r.predictedCycles() != r.run().cycles()) {
            throw new IllegalStateException("CustomNet 64x64 on B512: " + r.resultLine());
        }
        report.note("CustomNet at 64x64 on B512 through dpu_top: " + r.resultLine());

        CustomNet net = CustomNet.of(224, 1);
        for (Preset p : List.of(Preset.B512, Preset.B4096)) {
            DpuConfig c = p.config();
            NetProgram prog = NetworkCompiler.compile(c, net.spec(), net.input(), LayerTensors.of(net.operands()));
            QueueTimeline.Schedule s = ProgramCycleModel.schedule(c, AxiConfig.DEFAULT,
                    NetCosim.memoryTiming(DdrTiming.ZCU102_HP), prog.instructions());
            long cycles = s.total();
            long[] ends = NetCosim.layerEnds(prog, s);
            for (int i = 0; i < prog.layers().size(); i++) {
                NetProgram.LayerInfo l = prog.layers().get(i);
                long own = ends[i] - (i == 0 ? 0 : ends[i - 1]);
                report.note(String.format(Locale.ROOT, "%s %-7s %9d cycles (%.1f%%), compute %9d, loaded %8d B, saved %8d B",
                        p.name(), l.name(), own, 100.0 * own / cycles, l.computeCycles(), l.bytesLoaded(), l.bytesSaved()));
            }
            double peak = (double) c.pp() * c.icp() * c.ocp();
            report.figure("net.cycles.customnet_full." + p.name(), cycles, "cycles");
            report.figure("net.fps.customnet_full." + p.name(), CLOCK_MHZ * 1e6 / cycles, "frames/s");
            report.figure("net.utilization.customnet_full." + p.name(), net.macs() / (peak * cycles), "ratio");
        }
    }
}
