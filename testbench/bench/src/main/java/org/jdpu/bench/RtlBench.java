package org.jdpu.bench;

import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.cosim.Cosim;
import org.jdpu.cosim.CosimResult;
import org.jdpu.cosim.EngineModels;
import org.jdpu.cases.LayerCase;
import org.jdpu.runtime.EngineSession;
import org.jdpu.runtime.Progress;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;

/**
 * The engine's MAC utilisation on an aligned 3x3 layer (32x32x64 -> 64, pad 1) on B1024, measured
 * on the Verilated RTL: ideal cycles (MACs / 512) over the CYCLES register. The run is checked
 * bit-exactly against the golden model and cycle-exactly against the cycle model, or the
 * benchmark fails.
 */
public final class RtlBench implements Benchmark {

    @Override
    public String name() {
        return "rtl";
    }

    @Override
    public void run(BenchReport report) {
        DpuConfig c = Preset.B1024.config();
        Conv2dSpec spec = LayerCase.conv(32, 32, 64, 64, 3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1),
                LayerCase.realisticQuant(3, 3, 64), Activation.RELU);
        LayerCase layer = LayerCase.draw("conv3x3_64", 1, spec, LayerCase.Weights.REALISTIC);
        try (EngineSession session = EngineModels.open(c)) {
            long t0 = System.nanoTime();
            Program program = Compiler.compile(c, spec, layer.operands().input(), layer.operands().weights(),
                    layer.operands().bias());
            CosimResult r = Cosim.run(session, layer.name(), layer.origin(), spec, layer.operands(), program, Progress.NONE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!r.passed()) throw new IllegalStateException(r.failure());
            report.note(c.describe() + "; " + LayerCase.describe(spec) + "; bit-exact, cycles equal to the cycle model");
            report.figure("rtl.utilization.conv3x3_64", r.run().utilization(), "ratio");
            report.figure("rtl.cycles.conv3x3_64", r.run().computeCycles(), "cycles");
            report.figure("rtl.ideal_cycles.conv3x3_64", r.run().idealCycles(), "cycles");
            report.figure("rtl.total_cycles.conv3x3_64", r.run().totalCycles(), "cycles");
            report.figure("rtl.sim_speed.conv3x3_64", r.run().totalCycles() / seconds, "cycles/s");
        }
    }
}
