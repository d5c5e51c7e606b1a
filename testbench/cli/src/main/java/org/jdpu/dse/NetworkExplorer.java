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

import org.jdpu.arch.isa.Instruction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluates candidates on one network. Each configuration is compiled once by {@link NetworkCompiler}
 * (the DSP options change neither the program nor its cycles, so they share it) and sized by the
 * {@link ResourceModel}. Every candidate is first timed by the {@link AnalyticScreen}; those within
 * the screen margin of a Pareto front (frames/s against DSP, LUT or BRAM36) are then timed exactly
 * by {@link ProgramCycleModel} on their AXI width and DDR, the whole program with its memory traffic.
 * At most a limit of them are timed exactly, the nearest to a front first; a negative margin times
 * every candidate exactly. Work runs in parallel.
 */
public final class NetworkExplorer {
    /** The default screen margin: about the screen's worst error on ResNet-50 at 64x64 (44.6 %), so a candidate it underrates can still be timed. */
    public static final double DEFAULT_SCREEN_MARGIN = 0.5;
    /** Candidates timed exactly at most by default: the fronts' points and the nearest others. */
    public static final int DEFAULT_EXACT_LIMIT = 16;

    private final NetworkSpec net;
    private final Int8Tensor input;
    private final List<LayerTensors> tensors;
    private final ResourceModel resources;
    private final double clockMhz;
    private final double screenMargin;
    private final int exactLimit;

    public NetworkExplorer(NetworkSpec net, Int8Tensor input, List<LayerTensors> tensors, ResourceModel resources,
                           double clockMhz, double screenMargin, int exactLimit) {
        this.net = net;
        this.input = input;
        this.tensors = tensors;
        this.resources = resources;
        this.clockMhz = clockMhz;
        this.screenMargin = screenMargin;
        this.exactLimit = exactLimit;
    }

    /**
     * A configuration's program without its regions' contents (what timing needs), or the compiler's
     * refusal. The instructions are kept encoded ({@link Instruction#WORDS} words each, one after the
     * other): as objects, a ResNet-50 program's quarter million of them take some 200 MB.
     */
    private record Compiled(int[] encoded, int[] layerOf, List<NetProgram.LayerInfo> layers, String refusal) {
        static Compiled of(NetProgram p) {
            List<Instruction> in = p.instructions();
            int[] words = new int[in.size() * Instruction.WORDS];
            for (int i = 0; i < in.size(); i++) System.arraycopy(in.get(i).encode(), 0, words, i * Instruction.WORDS, Instruction.WORDS);
            return new Compiled(words, p.layerOf(), p.layers(), null);
        }

        int size() {
            return encoded.length / Instruction.WORDS;
        }

        List<Instruction> instructions() {
            List<Instruction> out = new ArrayList<>(size());
            for (int i = 0; i < size(); i++) {
                out.add(Instruction.decode(java.util.Arrays.copyOfRange(encoded, i * Instruction.WORDS, (i + 1) * Instruction.WORDS)));
            }
            return out;
        }
    }

    /** The program-determining part of a configuration: without its DSP options. */
    static DpuConfig programKey(DpuConfig c) {
        return c.withDspPacking(false).withDoubleRate(false);
    }

    /**
     * An exploration's outcomes, in the candidates' order, and how far the screen was from the exact
     * model on the candidates timed both ways.
     */
    public record Exploration(List<Outcome> outcomes, ScreenError screenError) {
        /** Candidates timed exactly. */
        public long exact() {
            return outcomes.stream().filter(o -> o instanceof Outcome.Evaluated e && e.exact()).count();
        }
    }

    /**
     * The screen's relative error |screened - exact| / exact over {@code count} candidates: mean and
     * worst, and the mean signed error (negative: the screen is fast).
     */
    public record ScreenError(int count, double mean, double max, double bias) {
        static ScreenError of(List<Double> signed) {
            double sum = 0, abs = 0, max = 0;
            for (double e : signed) {
                sum += e;
                abs += Math.abs(e);
                max = Math.max(max, Math.abs(e));
            }
            int n = signed.size();
            return n == 0 ? new ScreenError(0, 0, 0, 0) : new ScreenError(n, abs / n, max, sum / n);
        }

        /** For the report, e.g. "screen error over 40 exact: mean 3.1%, max 9.0%". */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "screen error over %d exactly timed: mean %.1f%%, max %.1f%% (bias %+.1f%%)",
                    count, 100 * mean, 100 * max, 100 * bias);
        }
    }

    /** Every candidate's outcome, in the candidates' order, with the screen's error. */
    public Exploration explore(List<Candidate> candidates, Progress progress) {
        Map<DpuConfig, Compiled> programs = new ConcurrentHashMap<>();
        List<DpuConfig> keys = candidates.stream().map(c -> programKey(c.config())).distinct().toList();
        AtomicLong compiled = new AtomicLong();
        keys.parallelStream().forEach(k -> {
            programs.put(k, compile(k));
            progress.update("configurations compiled", compiled.incrementAndGet(), keys.size());
        });

        Outcome[] out = new Outcome[candidates.size()];
        java.util.stream.IntStream.range(0, candidates.size()).parallel().forEach(i -> {
            Candidate cand = candidates.get(i);
            Compiled p = programs.get(programKey(cand.config()));
            out[i] = p.refusal() != null ? new Outcome.Refused(cand, p.refusal()) : screen(cand, p);
        });

        List<Outcome.Evaluated> screened = new ArrayList<>();
        for (Outcome o : out) if (o instanceof Outcome.Evaluated e) screened.add(e);
        Set<Outcome.Evaluated> chosen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        chosen.addAll(screenMargin < 0 ? screened : ParetoFront.withinMargin(screened, screenMargin, exactLimit));
        // One exact schedule serves the candidates of one program on one AXI width and DDR.
        Map<List<Object>, List<Integer>> exactGroups = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Outcome.Evaluated e && chosen.contains(e)) {
                Candidate c = e.candidate();
                exactGroups.computeIfAbsent(List.of(programKey(c.config()), c.axi(), c.ddr()), k -> new ArrayList<>()).add(i);
            }
        }
        AtomicLong timed = new AtomicLong();
        List<Double> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        exactGroups.values().parallelStream().forEach(group -> {
            Candidate first = candidates.get(group.getFirst());
            Compiled p = programs.get(programKey(first.config()));
            MemoryTiming m = memoryTiming(first);
            QueueTimeline.Schedule s = ProgramCycleModel.schedule(first.config(), first.axi(), m, p.instructions());
            errors.add((double) (((Outcome.Evaluated) out[group.getFirst()]).cycles() - s.total()) / s.total());
            for (int i : group) {
                out[i] = exact(candidates.get(i), p, s, m);
                progress.update("timed exactly", timed.addAndGet(1), chosen.size());
            }
        });
        return new Exploration(List.of(out), ScreenError.of(errors));
    }

    private Compiled compile(DpuConfig c) {
        try {
            NetProgram p = NetworkCompiler.compile(c, net, input, tensors);
            return Compiled.of(p);
        } catch (UnsupportedByEngineException x) {
            return new Compiled(new int[0], new int[0], List.of(), x.getMessage());
        }
    }

    /** One candidate's outcome. */
    public Outcome evaluate(Candidate cand) {
        try {
            NetProgram p = NetworkCompiler.compile(cand.config(), net, input, tensors);
            MemoryTiming m = memoryTiming(cand);
            return exact(cand, Compiled.of(p), ProgramCycleModel.schedule(cand.config(), cand.axi(), m, p.instructions()), m);
        } catch (UnsupportedByEngineException e) {
            return new Outcome.Refused(cand, e.getMessage());
        }
    }

    private static MemoryTiming memoryTiming(Candidate cand) {
        return new MemoryTiming(cand.ddr().effectiveReadLatency(), cand.ddr().effectiveWriteLatency(),
                cand.ddr().beatGap(), cand.ddr().outstanding());
    }

    private Outcome.Evaluated screen(Candidate cand, Compiled p) {
        DpuConfig c = cand.config();
        MemoryTiming m = memoryTiming(cand);
        AnalyticScreen.Estimate e = AnalyticScreen.estimate(p.layers(), cand.axi(), m);
        List<LayerFigures> layers = AnalyticScreen.layers(p.layers(), e, c.macsPerCycle(), cand.axi().dataBytes() / m.cyclesPerBeat());
        return evaluated(cand, e.total(), layers, false);
    }

    private Outcome.Evaluated exact(Candidate cand, Compiled p, QueueTimeline.Schedule s, MemoryTiming m) {
        return evaluated(cand, s.total(), layers(p, s, cand.config(), cand.axi().dataBytes() / m.cyclesPerBeat()), true);
    }

    private Outcome.Evaluated evaluated(Candidate cand, long cycles, List<LayerFigures> layers, boolean exact) {
        DpuConfig c = cand.config();
        long macs = layers.stream().mapToLong(LayerFigures::macs).sum();
        return new Outcome.Evaluated(cand, cycles, clockMhz * 1e6 / cycles, macs / ((double) cycles * c.macsPerCycle()),
                resources.estimate(c), layers, exact);
    }

    private static List<LayerFigures> layers(Compiled p, QueueTimeline.Schedule s, DpuConfig c, double bytesPerCycle) {
        int n = p.layers().size();
        long[] first = new long[n], last = new long[n];
        java.util.Arrays.fill(first, Long.MAX_VALUE);
        for (int i = 0; i < p.size(); i++) {
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
