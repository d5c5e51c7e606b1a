package org.jdpu.bench;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.Preset;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.model.ProgramCycleModel;
import org.jdpu.cases.ModelZoo;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.flow.export.FpgaTarget;
import org.jdpu.memory.DdrTiming;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.LayerMacs;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model zoo's networks (ResNet-50, MobileNetV2, YOLOv3-tiny, CustomNet at their published
 * sizes) on every preset's whole-program cycle model with the HP-port DDR: what the compiler maps,
 * its cycles, utilization and frames per second at {@link FpgaTarget#DEFAULT_CLOCK_MHZ} MHz, and
 * the layers it refuses with the reason, which is the engine's to-do list.
 *
 * <p>A network the compiler maps whole is one program from one START. One it does not is split
 * into the runs of layers it maps between the refused ones ({@link MappedSegments}), each run
 * compiled as its own program, and their cycles are added; the refused layers are left out, so
 * the figures cover the mapped layers only, and the notes say which share of the network's MACs
 * that is. The notes also give each mapped layer's cycles as a program of its own. Cycles do not depend on tensor
 * values, so the layers' inputs are drawn from a seed.
 */
public final class ZooBench implements Benchmark {
    private static final long SEED = 1;

    @Override
    public String name() {
        return "zoo";
    }

    @Override
    public void run(BenchReport report) {
        for (ModelZoo m : ModelZoo.values()) {
            ModelZoo.Network n = m.build(SEED);
            report.note(String.format(Locale.ROOT, "%s at %dx%dx3: %d layers, %.3f GMAC", m.id(), m.size(), m.size(),
                    n.spec().layers().size(), LayerMacs.of(n.spec()) / 1e9));
            for (Preset p : Preset.values()) measure(report, n, p.config(), p == Preset.B4096);
        }
    }

    /** One layer's outcome: its predicted cycles alone, or the compiler's reason for refusing it. */
    record LayerOutcome(String name, String op, long macs, long cycles, String refusal) {}

    /** Reports {@code n} on {@code c}; {@code table} adds the per-layer notes. */
    static void measure(BenchReport report, ModelZoo.Network n, DpuConfig c, boolean table) {
        String key = figureName(n.model()) + "." + c.name();
        NetProgram whole = wholeProgram(n, c);
        long total = whole == null ? -1 : cycles(c, whole);
        long mappedMacs = LayerMacs.of(n.spec());
        List<LayerOutcome> outcomes = List.of();
        long alone = 0;
        int segments = 0;
        if (total < 0) {
            outcomes = layerByLayer(n, c);
            alone = outcomes.stream().mapToLong(LayerOutcome::cycles).sum();
            mappedMacs = outcomes.stream().filter(o -> o.refusal() == null).mapToLong(LayerOutcome::macs).sum();
            Set<String> mapped = new HashSet<>();
            for (LayerOutcome o : outcomes) if (o.refusal() == null) mapped.add(o.name());
            List<MappedSegments.Segment> parts = MappedSegments.of(n.entries(), mapped);
            segments = parts.size();
            total = 0;
            for (MappedSegments.Segment s : parts) total += segmentCycles(report, n, c, s, outcomes);
        }
        long allMacs = LayerMacs.of(n.spec());
        double utilization = total == 0 ? 0 : (double) mappedMacs / c.macsPerCycle() / total;
        double fps = total == 0 ? 0 : FpgaTarget.DEFAULT_CLOCK_MHZ * 1e6 / total;
        if (outcomes.isEmpty()) {
            report.note(key + ": the whole network maps, one program");
            if (table) perOperator(report, n, c, whole, key);
        } else {
            long refused = outcomes.stream().filter(o -> o.refusal() != null).count();
            report.note(String.format(Locale.ROOT, "%s: %d of %d layers refused; the figures cover the mapped layers, "
                    + "%.1f%% of the MACs, as %d programs (the runs of mapped layers between refused ones); "
                    + "each mapped layer alone: %,d cycles", key, refused, outcomes.size(), 100.0 * mappedMacs / allMacs,
                    segments, alone));
            if (table) {
                for (LayerOutcome o : outcomes) {
                    report.note(String.format(Locale.ROOT, "  %-22s %-16s %,14d MACs  %s", o.name(), o.op(), o.macs(),
                            o.refusal() == null ? String.format(Locale.ROOT, "%,d cycles", o.cycles()) : "refused: " + o.refusal()));
                }
            }
            refusals(outcomes).forEach((reason, count) -> report.note("  refused x" + count + ": " + reason));
        }
        report.figure("net.cycles." + key, total, "cycles");
        report.figure("net.utilization." + key, utilization, "ratio");
        report.figure("net.fps." + key, fps, "frames/s");
        report.figure("net.mapped_macs." + key, (double) mappedMacs / allMacs, "ratio");
    }

    /**
     * The network's name in the figures: its id, except CustomNet's, {@code customnet_zoo}: the
     * operators benchmark's {@code net.*.customnet_full.*} is the engine's form of the same network
     * (dense head as convolutions, mapped whole), and {@link NetBench}'s {@code net.*.customnet.*} its
     * convolutions alone.
     */
    static String figureName(ModelZoo m) {
        return m == ModelZoo.CUSTOMNET ? "customnet_zoo" : m.id();
    }

    /** The whole network as one program, or null when the compiler refuses it. */
    private static NetProgram wholeProgram(ModelZoo.Network n, DpuConfig c) {
        try {
            return NetworkCompiler.compile(c, n.spec(), n.input(), tensors(n.entries()));
        } catch (UnsupportedByEngineException e) {
            return null;
        }
    }

    /**
     * Per operator of a whole program: its share of the core's compute cycles, the utilisation of
     * the array while it computes (its MACs over peak x its compute cycles) and its DDR bytes; and
     * the frame's DDR megabytes.
     */
    private static void perOperator(BenchReport report, ModelZoo.Network n, DpuConfig c, NetProgram p, String key) {
        Map<String, long[]> byOp = new java.util.TreeMap<>();
        long compute = 0, bytes = 0;
        for (int i = 0; i < p.layers().size(); i++) {
            NetProgram.LayerInfo li = p.layers().get(i);
            long[] v = byOp.computeIfAbsent(n.spec().layers().get(i).spec().op(), k -> new long[4]);
            v[0] += li.computeCycles();
            v[1] += LayerMacs.of(n.spec().layers().get(i).spec());
            v[2] += li.bytesLoaded() + li.bytesSaved();
            v[3]++;
            compute += li.computeCycles();
            bytes += li.bytesLoaded() + li.bytesSaved();
        }
        for (Map.Entry<String, long[]> e : byOp.entrySet()) {
            long[] v = e.getValue();
            if (v[0] == 0) continue;
            report.note(String.format(Locale.ROOT, "  %-18s x%-3d %,12d compute cycles (%4.1f%%) %,14d MACs %,12d DDR bytes",
                    e.getKey(), v[3], v[0], 100.0 * v[0] / compute, v[1], v[2]));
            if (v[1] > 0) report.figure("net.op_utilization." + e.getKey() + "." + key, (double) v[1] / c.macsPerCycle() / v[0], "ratio");
        }
        report.note(String.format(Locale.ROOT, "  compute %,d cycles of the frame's total", compute));
        report.figure("net.ddr_mb_per_frame." + key, bytes / 1e6, "MB");
    }

    /**
     * A segment's cycles as one program; should the compiler refuse the segment as a whole (a
     * graph rule, not a layer), the sum of its layers alone.
     */
    private static long segmentCycles(BenchReport report, ModelZoo.Network n, DpuConfig c, MappedSegments.Segment s,
                                      List<LayerOutcome> outcomes) {
        NetworkWriter.Entry first = n.entries().get(s.indices().getFirst());
        List<LayerTensors> tensors = s.indices().stream()
                .map(i -> new LayerTensors(n.entries().get(i).weights(), n.entries().get(i).bias())).toList();
        try {
            return cycles(c, NetworkCompiler.compile(c, s.spec(), input(first), tensors));
        } catch (UnsupportedByEngineException e) {
            report.note("  " + s.spec().layers().getFirst().name() + " .. " + s.spec().layers().getLast().name()
                    + " refused as one program (" + e.getMessage() + "); counted layer by layer");
            return s.indices().stream().mapToLong(i -> outcomes.get(i).cycles()).sum();
        }
    }

    /** Each layer alone: its cycles when the compiler maps it, else the reason it gives. */
    private static List<LayerOutcome> layerByLayer(ModelZoo.Network n, DpuConfig c) {
        List<LayerOutcome> out = new ArrayList<>();
        for (NetworkWriter.Entry e : n.entries()) {
            long macs = LayerMacs.of(e.spec());
            if (e.spec() instanceof ConcatSpec) {
                // Alone it would read the network input, which the compiler refuses for another reason.
                out.add(new LayerOutcome(e.name(), e.spec().op(), macs, 0, "concat is done by placing its sources' "
                        + "outputs, so it maps only inside a graph whose sources all map"));
                continue;
            }
            try {
                // An add alone adds the input to itself: its cycles do not depend on which tensors it reads.
                String second = e.spec() instanceof AddSpec ? NetworkSpec.INPUT : null;
                NetworkSpec one = new NetworkSpec(null, List.of(new NetworkSpec.Layer(e.name(), e.spec(), null, null, second)));
                NetProgram p = NetworkCompiler.compile(c, one, input(e), List.of(new LayerTensors(e.weights(), e.bias())));
                out.add(new LayerOutcome(e.name(), e.spec().op(), macs, cycles(c, p), null));
            } catch (UnsupportedByEngineException ex) {
                out.add(new LayerOutcome(e.name(), e.spec().op(), macs, 0, reason(ex.getMessage())));
            }
        }
        return out;
    }

    /** The refusals grouped by reason, most frequent first. */
    static Map<String, Long> refusals(List<LayerOutcome> outcomes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (LayerOutcome o : outcomes) if (o.refusal() != null) counts.merge(o.refusal(), 1L, Long::sum);
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The compiler's reason without the layer's name and index, so equal reasons group. */
    private static String reason(String message) {
        return message.replaceFirst("^layer \"[^\"]*\" \\(\\$\\[\\d+\\][^)]*\\): ", "");
    }

    private static long cycles(DpuConfig c, NetProgram p) {
        return ProgramCycleModel.totalCycles(c, AxiConfig.DEFAULT, NetCosim.memoryTiming(DdrTiming.ZCU102_HP),
                p.instructions());
    }

    private static List<LayerTensors> tensors(List<NetworkWriter.Entry> entries) {
        return entries.stream().map(e -> new LayerTensors(e.weights(), e.bias())).toList();
    }

    /** A seeded input of the layer's first operand's shape (cycles do not depend on the values). */
    private static Int8Tensor input(NetworkWriter.Entry e) {
        int[] shape = e.spec().input().tensorShape();
        byte[] x = new byte[shape[1] * shape[2] * shape[3]];
        new java.util.Random(SEED).nextBytes(x);
        return new Int8Tensor(shape, x);
    }
}
