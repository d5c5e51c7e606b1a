package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.model.MemoryTiming;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.arch.model.QueueTimeline;
import org.jdpu.compiler.net.FeatureMap;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.iss.NetIss;
import org.jdpu.memory.DdrTiming;
import org.jdpu.runtime.DdrMap;
import org.jdpu.runtime.NetRun;
import org.jdpu.runtime.NetSession;
import org.jdpu.sim.Simulator;
import org.jdpu.sim.Trace;
import org.jdpu.sim.WaveOptions;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Runs a network (a chain or a graph with branches, concats and several outputs) on the RTL from
 * one START and checks it: compiles it (every layer's output kept in
 * its own workspace bytes, so all of them can be checked afterwards), runs the program on the
 * instruction-set simulator, puts the program into the simulated DDR, programs the control
 * registers like host software, starts once, waits for the interrupt, and compares every layer's
 * output in DDR byte for byte with the golden model and with the simulator.
 */
public final class NetCosim {
    private NetCosim() {}

    /**
     * How to run.
     *
     * @param timing      the DDR's latency and throughput
     * @param stress      random back-pressure and latency on every channel, from {@code seed}
     * @param seed        the stress seed
     * @param wave        a waveform to record, or null
     * @param maxCycles   the watchdog: no interrupt by then is a hang
     */
    public record Options(DdrTiming timing, boolean stress, long seed, WaveOptions wave, long maxCycles) {
        public static Options defaults() {
            return new Options(DdrTiming.ZCU102_HP, false, 0, null, 0);
        }

        public Options withStress(long s) {
            return new Options(timing, true, s, wave, maxCycles);
        }

        public Options withTiming(DdrTiming t) {
            return new Options(t, stress, seed, wave, maxCycles);
        }

        public Options withWave(WaveOptions w) {
            return new Options(timing, stress, seed, w, maxCycles);
        }
    }

    /** The whole-program cycle model's view of the DDR setting. */
    public static MemoryTiming memoryTiming(DdrTiming t) {
        return new MemoryTiming(t.effectiveReadLatency(), t.effectiveWriteLatency(), t.beatGap(), t.outstanding());
    }

    public static NetCosimResult run(DpuConfig c, AxiConfig a, NetworkSpec net, Int8Tensor input,
                                     List<LayerTensors> tensors, Options o, LongConsumer progress) {
        List<Int8Tensor> golden = golden(net, input, tensors);
        NetProgram p = NetworkCompiler.compile(c, net, input, tensors, NetworkCompiler.Workspace.KEEP_ALL);
        return run(p, golden, a, o, progress);
    }

    /** Every layer's output by the golden model, in network order (a graph's too): what {@link #run} compares with. */
    public static List<Int8Tensor> golden(NetworkSpec net, Int8Tensor input, List<LayerTensors> tensors) {
        return NetworkRunner.runAll(net, input, i -> tensors.get(i).weights(), i -> tensors.get(i).bias())
                .values().stream().map(t -> (Int8Tensor) t).toList();
    }

    /** Runs a compiled program whose layers' expected outputs are {@code golden}. */
    public static NetCosimResult run(NetProgram p, List<Int8Tensor> golden, AxiConfig a, Options o, LongConsumer progress) {
        DpuConfig c = p.config();
        NetIss.Outcome iss = NetIss.run(p);
        long[] sizes = new long[p.regions().size()];
        for (int r = 0; r < sizes.length; r++) sizes[r] = p.regions().get(r).size();
        DdrMap map = DdrMap.place(NetSession.DDR_START, p.instructions().size(), sizes);
        if (map.end() > NetModels.DDR_BYTES) {
            throw new IllegalArgumentException("the program needs " + map.end() + " bytes of DDR; the simulated DDR has "
                    + NetModels.DDR_BYTES);
        }
        QueueTimeline.Schedule predicted = ProgramCycleModel.schedule(c, a, memoryTiming(o.timing()), p.instructions());
        long watchdog = o.maxCycles() > 0 ? o.maxCycles() : 4 * predicted.total() + 100_000;
        Trace trace = o.wave() == null ? Trace.NONE
                : o.wave().path().getFileName().toString().endsWith(".fst") ? Trace.FST : Trace.VCD;
        Simulator sim = o.wave() == null ? NetModels.compiled(c, a, trace).open() : NetModels.compiled(c, a, trace).open(o.wave());
        NetRun run;
        double simSeconds;
        List<Int8Tensor> rtl = new ArrayList<>();
        try (NetSession s = new NetSession(c, a, sim)) {
            s.timing(o.timing(), o.stress(), o.seed());
            sim.reset(4);
            s.ddr().write(map.instructionBase(), p.binary());
            for (NetProgram.RegionImage r : p.regions()) {
                long base = map.regionBase()[r.region().ordinal()];
                if (r.contents() != null) s.ddr().write(base, r.contents());
                else s.ddr().zero(base, r.size());
            }
            s.writeWindows(map);
            s.program(map, p.instructions().size());
            long t0 = System.nanoTime();
            run = s.run(watchdog, progress);
            simSeconds = (System.nanoTime() - t0) / 1e9;
            for (NetProgram.LayerInfo l : p.layers()) {
                // Only the map's own bytes: reading its region from the start would make the back-door reads of
                // a deep network's kept feature maps quadratic in its depth.
                FeatureMap f = l.output();
                long base = map.regionBase()[f.region().ordinal()];
                FeatureMap local = new FeatureMap(f.region(), 0, f.h(), f.w(), f.c(), f.cs(), f.group());
                rtl.add(NetIss.read(s.ddr().read(base + f.offset(), Math.toIntExact(f.end() - f.offset())), local));
            }
        }
        List<NetLayerResult> layers = new ArrayList<>();
        List<NetMismatch> mismatches = new ArrayList<>();
        long[] layerEnd = layerEnds(p, predicted);
        for (int i = 0; i < p.layers().size(); i++) {
            NetProgram.LayerInfo l = p.layers().get(i);
            NetMismatch g = compare(p, i, "golden", golden.get(i), rtl.get(i));
            NetMismatch is = compare(p, i, "iss", iss.layerOutputs().get(i), rtl.get(i));
            if (g != null) mismatches.add(g);
            if (is != null) mismatches.add(is);
            long span = layerEnd[i] - (i == 0 ? 0 : layerEnd[i - 1]);
            double ideal = (double) l.macs() / c.macsPerCycle();
            layers.add(new NetLayerResult(l.name(), l.computeCycles(), span,
                    l.bytesLoaded(), l.bytesSaved(), ideal, g == null ? 0 : g.count(), is == null ? 0 : is.count()));
        }
        return new NetCosimResult(c, p, run, predicted.total(), layers, mismatches, iss.result(), o, rtl, simSeconds);
    }

    /**
     * Per layer, the predicted cycle its last CONV ends; the last layer's is the program's end. A
     * layer's span runs from the previous layer's end to its own, so the spans add up to the total
     * even though loads of one layer overlap the compute of the one before.
     */
    public static long[] layerEnds(NetProgram p, QueueTimeline.Schedule s) {
        long[] end = new long[p.layers().size()];
        for (int k = 0; k < p.instructions().size(); k++) {
            int l = p.layerOf()[k];
            if (l >= 0 && p.instructions().get(k).opcode() == Opcode.CONV) end[l] = Math.max(end[l], s.end()[k]);
        }
        for (int l = 1; l < end.length; l++) end[l] = Math.max(end[l], end[l - 1]);
        end[end.length - 1] = s.total();
        return end;
    }

    /** The first differing byte of layer {@code i} and how many differ, or null when equal. */
    static NetMismatch compare(NetProgram p, int i, String reference, Int8Tensor want, Int8Tensor got) {
        byte[] w = want.data(), g = got.data();
        long count = 0;
        int first = -1;
        for (int k = 0; k < w.length; k++) {
            if (w[k] != g[k]) {
                if (first < 0) first = k;
                count++;
            }
        }
        if (first < 0) return null;
        FeatureMap f = p.layers().get(i).output();
        int ch = first % f.c(), px = first / f.c();
        int y = px / f.w(), x = px % f.w();
        long at = f.at(y, x, ch);
        return new NetMismatch(p.layers().get(i).name(), reference, y, x, ch, w[first], g[first],
                saveWriting(p, f.region().ordinal(), at), count);
    }

    /** The SAVE whose elements cover byte {@code at} of region {@code region}, or -1. */
    static int saveWriting(NetProgram p, int region, long at) {
        int ocp = p.config().ocp();
        for (int k = p.instructions().size() - 1; k >= 0; k--) {
            Instruction in = p.instructions().get(k);
            if (in.opcode() != Opcode.SAVE || in.get(Field.REGION) != region) continue;
            long off = in.get(Field.OFFSET), s0 = in.signed32(Field.S0), s1 = in.signed32(Field.S1);
            for (long i1 = 0; i1 < in.get(Field.N1); i1++) {
                for (long i0 = 0; i0 < in.get(Field.N0); i0++) {
                    long e = (off + i0 * s0 + i1 * s1) & 0xFFFFFFFFL;
                    if (at >= e && at < e + ocp) return k;
                }
            }
        }
        return -1;
    }
}
