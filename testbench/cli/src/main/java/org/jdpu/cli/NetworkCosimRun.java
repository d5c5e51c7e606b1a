package org.jdpu.cli;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Fault;
import org.jdpu.cosim.net.NetCosim;
import org.jdpu.cosim.net.NetCosimResult;
import org.jdpu.cosim.net.NetLayerResult;
import org.jdpu.cosim.net.NetMismatch;
import org.jdpu.io.OutputDirectory;
import org.jdpu.io.UserError;
import org.jdpu.memory.DdrTiming;
import org.jdpu.sim.WaveOptions;
import org.jdpu.golden.Golden;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dpu cosim --network}: reads the network and its tensors, compiles it, runs it on the
 * Verilated network engine from one START against the simulated DDR, and reports per layer and in
 * one RESULT line; with {@code --out DIR} each layer's output as the engine wrote it goes to
 * {@code DIR/<layer>.npy}. Host-run layers at the end (softmax, as a DPU leaves it to the CPU) are
 * computed by the golden model from the engine's outputs and compared with the golden model's run.
 */
final class NetworkCosimRun {
    private final DpuConfig config;
    private final Path network, input, out;
    private final long seed;
    private final int ddrLatency;
    private final Long stress;
    private final WaveOptions wave;

    NetworkCosimRun(DpuConfig config, Path network, Path input, long seed, Path out, int ddrLatency, Long stress,
                    WaveOptions wave) {
        this.config = config;
        this.network = network;
        this.input = input;
        this.seed = seed;
        this.out = out;
        this.ddrLatency = ddrLatency;
        this.stress = stress;
        this.wave = wave;
    }

    void run() {
        checkLatency();
        // Opened first, so an unusable --out fails before the simulation rather than after it.
        try (OutputDirectory dir = out == null ? null : OutputDirectory.replacing(out)) {
            run(dir);
        }
    }

    private void checkLatency() {
        if (ddrLatency < 0 || ddrLatency > DdrTiming.MAX_LATENCY) {
            throw new UserError("--ddr-latency must be in 0.." + DdrTiming.MAX_LATENCY + ", got " + ddrLatency);
        }
    }

    private void run(OutputDirectory dir) {
        NetworkInputs full = NetworkInputs.read(network, input, seed);
        noteHostLayers(full);
        NetCosimResult r = execute(full.engine(), network.getFileName().toString(), "");
        List<HostOutput> host = hostLayers(full, r);
        if (dir != null) writeOutputs(r, host, dir);
        check(r);
        for (HostOutput h : host) {
            if (h.mismatches() > 0) throw new UserError("host layer \"" + h.name() + "\": " + h.mismatches()
                    + " elements differ from the golden model", 1, null);
        }
    }

    /** Says which layers the host runs after the engine (softmax), when the network has any. */
    static void noteHostLayers(NetworkInputs full) {
        List<NetworkSpec.Layer> host = full.spec().hostLayers();
        if (host.isEmpty()) return;
        System.err.println("host layers (run by the golden model on the engine's outputs, as a DPU leaves them to the CPU): "
                + String.join(", ", host.stream().map(l -> l.name() + " (" + l.spec().op() + ")").toList()));
    }

    /** A host-run layer's output computed from the engine's outputs, and how many of its elements differ from the golden model's. */
    record HostOutput(String name, String op, Tensor output, long mismatches) {}

    /**
     * The host-run layers (they come after every engine layer) computed by the golden model from
     * what the engine wrote, each compared with the golden model's run of the whole network; a
     * HOST line each.
     */
    static List<HostOutput> hostLayers(NetworkInputs full, NetCosimResult r) {
        List<NetworkSpec.Layer> hostLayers = full.spec().hostLayers();
        if (hostLayers.isEmpty()) return List.of();
        Map<String, Tensor> golden = NetworkRunner.runAll(full.spec(), full.input(), i -> full.tensors().get(i).weights(),
                i -> full.tensors().get(i).bias());
        Map<String, Tensor> produced = new HashMap<>();
        for (int i = 0; i < r.program().layers().size(); i++) produced.put(r.program().layers().get(i).name(), r.rtlOutputs().get(i));
        List<HostOutput> out = new ArrayList<>();
        for (NetworkSpec.Layer l : hostLayers) {
            Tensor in = produced.get(l.inputA());
            Tensor y = Golden.run(l.spec(), (Int8Tensor) in, null, null);
            produced.put(l.name(), y);
            Tensor want = golden.get(l.name());
            long differ = 0;
            for (int k = 0; k < want.size(); k++) if (want.intAt(k) != y.intAt(k)) differ++;
            out.add(new HostOutput(l.name(), l.spec().op(), y, differ));
            System.out.printf("HOST %-12s %s on the engine's %s: %s%n", l.name(), l.spec().op(), l.inputA(),
                    differ == 0 ? "equal to the golden model" : differ + " of " + want.size() + " elements differ from the golden model");
        }
        return out;
    }

    /**
     * Runs a network already read (e.g. one layer as a one-layer network) and prints its lines; the
     * RESULT line gets {@code resultSuffix}. {@link #check} then turns a failure into the exit status.
     */
    NetCosimResult execute(NetworkInputs in, String label, String resultSuffix) {
        checkLatency();
        DdrTiming base = DdrTiming.ZCU102_HP;
        DdrTiming timing = new DdrTiming(ddrLatency, base.writeLatency(), base.outstanding(), base.beatGap());
        NetCosim.Options o = NetCosim.Options.defaults().withTiming(timing).withWave(wave);
        if (stress != null) o = o.withStress(stress);
        System.err.println("compiling " + label + " for " + config.name() + ", verilating the network engine "
                + "(cached after the first build) ...");
        ProgressPrinter progress = new ProgressPrinter("cosim " + label);
        NetCosimResult r;
        try {
            r = NetCosim.run(config, AxiConfig.DEFAULT, in.spec(), in.input(), in.tensors(), o,
                    cycles -> progress.update("cycles", cycles, cycles));
        } finally {
            progress.done();
        }
        for (NetLayerResult l : r.layers()) System.out.println(r.layerLine(l));
        System.out.println(r.queuesLine());
        System.out.println(r.resultLine() + resultSuffix);
        if (wave != null) System.err.println("waveform: " + wave.path());
        return r;
    }

    /** Exit 1 with the first problem: a fault, a protocol violation or a mismatch. */
    void check(NetCosimResult r) {
        check(r, stress, wave);
    }

    /** As {@link #check(NetCosimResult)}, for a run under {@code stress} (or null) that recorded {@code wave} (or null). */
    static void check(NetCosimResult r, Long stress, WaveOptions wave) {
        if (r.run().fault() != Fault.NONE) {
            throw new UserError("the engine stopped with fault " + r.run().fault() + " at instruction " + r.run().faultInstr()
                    + " (" + r.run().fault().description() + ")", 1, null);
        }
        if (!r.run().protocolClean()) {
            throw new UserError("AXI protocol violation: " + (r.run().dataCheck() != null ? r.run().dataCheck() : r.run().instrCheck()),
                    1, null);
        }
        if (!r.mismatches().isEmpty()) {
            NetMismatch m = r.mismatches().getFirst();
            throw new UserError(m + (stress != null ? ", stress seed " + stress : "")
                    + (wave == null ? "; rerun with --wave w.fst to record a waveform" : ""), 1, null);
        }
    }

    /**
     * Each layer's output as the engine wrote it, and each host layer's from those; written even
     * when it differs, that is when it is wanted most.
     */
    static void writeOutputs(NetCosimResult r, List<HostOutput> host, OutputDirectory dir) {
        for (int i = 0; i < r.program().layers().size(); i++) {
            Npy.write(dir.staging().resolve(r.program().layers().get(i).name() + ".npy"), r.rtlOutputs().get(i));
        }
        for (HostOutput h : host) Npy.write(dir.staging().resolve(h.name() + ".npy"), h.output());
        dir.commit();
    }
}
