package org.jdpu.bench;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.cases.ModelZoo;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.memory.DdrTiming;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.LayerMacs;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.List;
import java.util.Locale;

/**
 * Batch-1 dense layers of the model zoo against their memory bound. A dense layer uses each weight
 * once, so it cannot be faster than streaming its weights from DDR: {@code bound = weight bytes /
 * (AXI bytes per beat x beats per cycle)} at the ZCU102 HP-port timing. Each layer is compiled alone
 * and timed by the whole-program cycle model; {@code dense.vs_bound} is bound / cycles (1 = at the
 * bound), {@code dense.utilization} the array's MAC utilisation, which the bound caps at
 * {@code bytes per cycle / (ICP x OCP)}.
 */
public final class DenseBench implements Benchmark {
    private static final DdrTiming DDR = DdrTiming.ZCU102_HP;

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public void run(BenchReport report) {
        AxiConfig axi = AxiConfig.DEFAULT;
        double bytesPerCycle = axi.dataBytes() * DDR.beatsPerCycle();
        report.note(String.format(Locale.ROOT, "DDR: %d-byte AXI beats at %.3f beats per cycle = %.2f B/cycle",
                axi.dataBytes(), DDR.beatsPerCycle(), bytesPerCycle));
        for (ModelZoo m : List.of(ModelZoo.RESNET50, ModelZoo.VGG16, ModelZoo.MOBILENETV2, ModelZoo.CUSTOMNET)) {
            for (NetworkWriter.Entry e : m.layers(m.size())) {
                if (!(e.spec() instanceof DenseSpec d)) continue;
                for (Preset p : List.of(Preset.B512, Preset.B4096)) {
                    DpuConfig c = p.config();
                    long cycles = cycles(c, axi, e.name(), d);
                    long weightBytes = (long) d.outputChannels() * d.inputFeatures();
                    double bound = weightBytes / bytesPerCycle;
                    long macs = LayerMacs.of(d);
                    String key = m.id() + "_" + e.name() + "." + p.name();
                    report.figure("dense.cycles." + key, cycles, "cycles");
                    report.figure("dense.bound_cycles." + key, Math.round(bound), "cycles");
                    report.figure("dense.vs_bound." + key, bound / cycles, "ratio");
                    report.figure("dense.utilization." + key, macs / ((double) c.macsPerCycle() * cycles), "ratio");
                }
            }
        }
    }

    /** The layer alone, reading the network input, with zero tensors (cycles do not depend on values). */
    static long cycles(DpuConfig c, AxiConfig axi, String name, DenseSpec d) {
        NetworkSpec one = new NetworkSpec(null, List.of(new NetworkSpec.Layer(name, d, null, null, null)));
        int[] in = d.input().tensorShape();
        LayerTensors t = new LayerTensors(new Int8Tensor(d.weightShape(), new byte[Math.toIntExact((long) d.outputChannels()
                * d.inputFeatures())]), new Int32Tensor(new int[] {d.outputChannels()}, new int[d.outputChannels()]));
        NetProgram p = NetworkCompiler.compile(c, one, new Int8Tensor(in, new byte[in[1] * in[2] * in[3]]), List.of(t));
        return ProgramCycleModel.totalCycles(c, axi, NetCosim.memoryTiming(DDR), p.instructions());
    }
}
