package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.arch.model.QueueTimeline;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.cosim.net.NetLayerResult;
import org.jdpu.memory.DdrTiming;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.PoolSpec;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The demos' per-layer performance table: compute, total and stall cycles, DDR bytes, utilisation
 * and a check column per layer, a network row, and the closing figures (cycles, utilisation,
 * frames/s at {@value #CLOCK_MHZ} MHz), for a cosimulated run or for the whole-program cycle model
 * alone (the largest preset, whose cosimulation takes minutes).
 */
final class PerfTable {
    static final double CLOCK_MHZ = 300;
    /** The memory the demos run against: one HP port of the ZCU102's PS DDR4. */
    static final DdrTiming TIMING = DdrTiming.ZCU102_HP;

    private PerfTable() {}

    /** The whole-program cycle model's schedule of {@code p} at {@link #TIMING}. */
    static QueueTimeline.Schedule schedule(NetProgram p) {
        return ProgramCycleModel.schedule(p.config(), AxiConfig.DEFAULT, NetCosim.memoryTiming(TIMING), p.instructions());
    }

    /** A configuration's table from the cycle model: the network compiled the same way, not simulated. */
    static String modelled(DpuConfig config, NetworkSpec net, Int8Tensor input, List<LayerTensors> tensors) {
        NetProgram p = NetworkCompiler.compile(config, net, input, tensors, NetworkCompiler.Workspace.KEEP_ALL);
        QueueTimeline.Schedule s = schedule(p);
        long[] ends = NetCosim.layerEnds(p, s);
        List<NetLayerResult> layers = new ArrayList<>();
        double ideal = 0;
        for (int i = 0; i < p.layers().size(); i++) {
            NetProgram.LayerInfo l = p.layers().get(i);
            double layerIdeal = (double) l.macs() / config.macsPerCycle();
            ideal += layerIdeal;
            layers.add(new NetLayerResult(l.name(), l.computeCycles(), ends[i] - (i == 0 ? 0 : ends[i - 1]),
                    l.bytesLoaded(), l.bytesSaved(), layerIdeal, 0, 0));
        }
        return table(net, layers, s.total(), l -> "modelled")
                + summary(config.name() + " by the model", s.total(), p.computeCycles(), ideal) + "\n";
    }

    /** "bit-exact", or how many values differed from each reference. */
    static String verdict(NetLayerResult l) {
        if (l.goldenMismatches() == 0 && l.issMismatches() == 0) return "bit-exact";
        return String.format(Locale.ROOT, "MISMATCH (%d vs golden, %d vs ISS)", l.goldenMismatches(), l.issMismatches());
    }

    /** One row per layer and a total row; the layers' spans add up to the program's cycles. */
    static String table(NetworkSpec spec, List<NetLayerResult> layers, long cycles, Function<NetLayerResult, String> check) {
        TextTable t = new TextTable("   ", "layer", "shape", "compute", "total", "stall", "DDR read", "DDR written",
                "util", "check");
        long compute = 0, read = 0, written = 0;
        double ideal = 0;
        for (int i = 0; i < layers.size(); i++) {
            NetLayerResult l = layers.get(i);
            t.row(l.name(), shape(spec.layers().get(i).spec()), count(l.computeCycles()), count(l.spanCycles()),
                    count(l.stallCycles()), count(l.bytesRead()), count(l.bytesWritten()),
                    String.format(Locale.ROOT, "%.3f", l.utilization()), check.apply(l));
            compute += l.computeCycles();
            read += l.bytesRead();
            written += l.bytesWritten();
            ideal += l.idealCycles();
        }
        t.row("network", "", count(compute), count(cycles), count(Math.max(0, cycles - compute)), count(read),
                count(written), String.format(Locale.ROOT, "%.3f", ideal / cycles), "");
        return t.toString();
    }

    /** The closing figures of one configuration: cycles, compute, utilisation, frames/s at the clock. */
    static String summary(String what, long cycles, long compute, double ideal) {
        return String.format(Locale.ROOT, "   %s: %,d cycles from START to done (%,d compute, x%.3f), utilisation %.3f, "
                + "%,.0f frames/s at %.0f MHz", what, cycles, compute, (double) cycles / compute, ideal / cycles,
                fps(cycles), CLOCK_MHZ);
    }

    static double fps(long cycles) {
        return CLOCK_MHZ * 1e6 / cycles;
    }

    /** A layer in a few characters: a convolution's input, output channels, kernel and stride; a pool's kind and window. */
    static String shape(LayerSpec s) {
        return switch (s) {
            case Conv2dSpec c -> c.input() + "->" + c.outputChannels() + " " + c.window().kh() + "x" + c.window().kw()
                    + " s" + c.window().sh();
            case PoolSpec p -> p.input() + " " + p.window().kh() + "x" + p.window().kw() + " s" + p.window().sh();
            default -> s.input() + "->" + s.output();
        };
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
