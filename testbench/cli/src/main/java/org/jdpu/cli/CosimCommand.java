package org.jdpu.cli;

import org.jdpu.io.UserError;

import org.jdpu.cases.Operands;

import org.jdpu.cosim.Cosim;
import org.jdpu.cosim.CosimResult;
import org.jdpu.cases.LayerCase;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.runtime.EngineSession;
import org.jdpu.compiler.Lowering;
import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.sim.WaveOptions;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.SpecParser;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.cosim.net.NetCosimResult;
import org.jdpu.spec.NetworkSpec;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code dpu cosim}: a whole network through the Verilated network engine from one START
 * ({@code --network}), or one layer through the convolution core's debug port ({@code --layer}),
 * checked against the golden model.
 */
@Command(name = "cosim", mixinStandardHelpOptions = true,
        description = {"Run a network on the Verilated network engine from one START (--network), or one conv2d layer "
                + "through the convolution core's debug port (--layer), and check it against the golden model.",
                "--network: compile the network, run it on the network engine (AXI4-Lite control, AXI4 DDR "
                + "model, one START), and compare every layer's output in DDR with the golden model and the "
                + "instruction-set simulator. Prints one LAYER line per layer and 'RESULT arch=.. layers=.. cycles=.. "
                + "predicted=.. ideal_cycles=.. utilization=.. ddr_bytes=.. mismatches=..'.",
                "--layer: run one conv2d layer as a one-layer network the same way (the RESULT line ends in "
                        + "'lowering=direct|augmented'); with --core, through the convolution core's debug load port (the core "
                        + "alone, driven run by run from Java), comparing every output byte with the golden model and the "
                        + "compute cycles with the cycle model, and printing 'RESULT arch=.. cycles=.. total_cycles=.. "
                        + "ideal_cycles=.. utilization=.. mismatches=.. lowering=direct|augmented'.",
                "Exits 1 on any mismatch (or a fault), 2 on bad input or a layer the engine does not support."})
public final class CosimCommand implements Runnable {

    @Option(names = "--arch", paramLabel = "A", required = true, description = Engines.ARCH_HELP)
    String arch;

    @Option(names = "--layer", paramLabel = "L.json", description = "conv2d layer spec (shift mode)")
    Path layer;

    @Option(names = "--network", paramLabel = "N.json", description = "network spec (see testbench/README.md)")
    Path network;

    @Option(names = "--core", description = "--layer: drive the convolution core's debug port directly, run by run from "
            + "Java, instead of running the layer as a one-layer network on the network engine")
    boolean core;

    @Option(names = "--ddr-latency", paramLabel = "N",
            description = "--network: DDR read latency in cycles (default: the ZCU102 HP-port estimate, ${DEFAULT-VALUE})")
    int ddrLatency = org.jdpu.memory.DdrTiming.ZCU102_HP.readLatency();

    @Option(names = "--stress", paramLabel = "SEED",
            description = "--network: random back-pressure and latency on every AXI channel, from SEED (results must not change)")
    Long stress;

    @Option(names = "--input", paramLabel = "x.npy",
            description = "int8 input [1,H,W,C]; without --input and --weights, random tensors from --seed")
    Path input;

    @Option(names = "--weights", paramLabel = "w.npy", description = "int8 weights OHWI")
    Path weights;

    @Option(names = "--bias", paramLabel = "b.npy", description = "int32 bias [OC] (default zeros)")
    Path bias;

    @Option(names = "--seed", paramLabel = "S",
            description = "seed of the random input, weights and bias when no files are given (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--out", paramLabel = "y.npy|DIR", description = "--layer: write the engine's output, int8 [1,OH,OW,OC], "
            + OutputHelp.FILE + "; --network: write each layer's output as DIR/<layer name>.npy, " + OutputHelp.DIRECTORY)
    Path out;

    @Option(names = "--no-augment",
            description = "map the layer as written; by default a layer with few input channels is channel-augmented "
                    + "when the cycle model predicts fewer cycles")
    boolean noAugment;

    @Option(names = "--wave", paramLabel = "w.fst", description = "record a waveform (.fst or .vcd) of the run")
    Path wave;

    @Option(names = "--wave-from", paramLabel = "C", description = "first clock cycle in the waveform (default: 0)")
    Long waveFrom;

    @Option(names = "--wave-to", paramLabel = "C", description = "last clock cycle in the waveform (default: the end)")
    Long waveTo;

    @Option(names = "--wave-scope", paramLabel = "S",
            description = "only signals under this hierarchical scope, e.g. dpu_top.array (default: everything)")
    String waveScope;

    @Option(names = "--clock-mhz", paramLabel = "MHZ",
            description = "clock frequency the waveform's time axis shows, in MHz (default: ${DEFAULT-VALUE})")
    double clockMhz = WaveOptions.DEFAULT_CLOCK_MHZ;

    @Option(names = "--save-program", paramLabel = "p.dpuprog",
            description = "write the compiled program (lowered tensors, runs, descriptors, predicted cycles; format in "
                    + "testbench/README.md) before running it; " + OutputHelp.FILE)
    Path saveProgram;

    @Option(names = "--save-tensors", paramLabel = "DIR",
            description = "write the tensors used (input.npy, weights.npy, bias.npy) and the layer (layer.json) to DIR, "
                    + "so that --layer DIR/layer.json --input DIR/input.npy --weights DIR/weights.npy --bias DIR/bias.npy "
                    + "repeats the run; DIR is " + OutputHelp.DIRECTORY)
    Path saveTensors;

    @Override
    public void run() {
        if ((layer == null) == (network == null)) throw new UserError("give exactly one of --layer L.json and --network N.json");
        if (network != null) {
            if (weights != null || bias != null || saveProgram != null || saveTensors != null || noAugment) {
                throw new UserError("--weights, --bias, --no-augment, --save-program and --save-tensors are for --layer; "
                        + "a network names its tensors in its spec");
            }
            new NetworkCosimRun(Engines.arch(arch), network, input, seed, out, ddrLatency, stress, waveOptions()).run();
            return;
        }
        DpuConfig config = Engines.arch(arch);
        if ((input == null) != (weights == null) || (input == null && bias != null)) {
            throw new UserError("give --input and --weights (and optionally --bias) together, or none of them for "
                    + "random tensors from --seed");
        }
        LayerSpec spec;
        Operands ops;
        String origin;
        if (out != null) Npy.checkWritable(out);
        if (saveProgram != null) Npy.checkWritable(saveProgram);
        spec = SpecParser.parseLayer(layer);
        LayerChecks.checkTensorSizes(spec, layer);
        if (input == null) {
            ops = switch (spec) {
                case Conv2dSpec conv -> LayerCase.draw(layer.getFileName().toString(), seed, conv, LayerCase.Weights.REALISTIC)
                        .operands();
                case DepthwiseConv2dSpec d -> uniform(d, seed);
                default -> throw new UnsupportedByEngineException("cosim --layer draws random tensors for conv2d and "
                        + "depthwise_conv2d only; give --input and --weights for " + spec.op());
            };
            origin = "random tensors, seed " + seed;
        } else {
            ops = new Operands(Npy.readInt8(input), Npy.readInt8(weights),
                    bias == null ? null : Npy.readInt32(bias));
            origin = "input " + input + ", weights " + weights + (bias == null ? "" : ", bias " + bias);
        }
        if (!core) {
            if (noAugment || saveProgram != null) {
                throw new UserError("--no-augment and --save-program are for the core's debug port: add --core");
            }
            runAsNetwork(config, spec, ops);
            return;
        }
        // compile checks the tensors against the layer
        Program program;
        try {
            program = Compiler.compile(config, spec, ops.input(), ops.weights(), ops.bias(), policy());
        } catch (UnsupportedByEngineException e) {
            // A depthwise layer or one sliced into partial sums: the core's port runs one plain
            // convolution per run; the network engine runs these from one START.
            if (noAugment || saveProgram != null) throw e;
            System.err.println("cosim: --core: " + e.getMessage() + "; running the layer on the network engine instead");
            runAsNetwork(config, spec, ops);
            return;
        }
        if (saveTensors != null) saveTensors(ops);
        if (saveProgram != null) program.write(saveProgram);
        if (wave != null && !(wave.toString().endsWith(".fst") || wave.toString().endsWith(".vcd"))) {
            throw new UserError("--wave " + wave + ": the file name must end in .fst or .vcd");
        }
        CosimResult r;
        try (EngineSession session = Engines.openTraced(config, waveOptions())) {
            ProgressPrinter progress = new ProgressPrinter("cosim " + layer.getFileName());
            try {
                r = Cosim.run(session, layer.getFileName().toString(), origin, spec, ops, program, progress);
            } finally {
                progress.done();
            }
        }
        if (out != null) Npy.write(out, r.run().output());
        System.out.println(r.resultLine());
        if (wave != null) System.err.println("waveform: " + wave);
        if (!r.passed()) {
            throw new UserError(r.failure() + (wave == null ? "; rerun with --wave w.fst to record a waveform" : ""),
                    1, null);
        }
    }

    /** The layer as a one-layer network on the network engine, from one START. */
    private void runAsNetwork(DpuConfig config, LayerSpec spec, Operands ops) {
        LayerChecks.checkOperands(spec, ops.input(), ops.weights(), ops.bias());
        if (saveTensors != null) saveTensors(ops);
        String name = layer.getFileName().toString().replaceAll("\\.json$", "").replaceAll("[^A-Za-z0-9_.-]", "_");
        NetworkInputs in = new NetworkInputs(new NetworkSpec(layer, List.of(new NetworkSpec.Layer(name, spec, null, null, null))),
                ops.input(), "", List.of(LayerTensors.of(ops)));
        NetworkCosimRun runner = new NetworkCosimRun(config, layer, null, seed, null, ddrLatency, stress, waveOptions());
        // The lowering the network compiler picks for a first layer, named like the core path's RESULT line does.
        Lowering lowering = spec instanceof DepthwiseConv2dSpec ? Lowering.DIRECT : org.jdpu.compiler.ChannelAugmentation.choose(
                config, org.jdpu.compiler.EngineLayer.of(spec).geometry(), Lowering.Policy.FASTEST).lowering();
        NetCosimResult r = runner.execute(in, layer.getFileName().toString(), " lowering=" + lowering.label());
        if (out != null) Npy.write(out, r.rtlOutputs().getFirst());
        runner.check(r);
    }

    /** Random tensors for a depthwise layer from {@code seed}: inputs and weights in -20..20, biases in -100..100. */
    private static Operands uniform(DepthwiseConv2dSpec d, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        FeatureShape in = d.input();
        int[] ws = d.weightShape();
        int n = 1;
        for (int x : ws) n *= x;
        byte[] x = new byte[in.h() * in.w() * in.c()], w = new byte[n];
        for (int i = 0; i < x.length; i++) x[i] = (byte) (rnd.nextInt(41) - 20);
        for (int i = 0; i < w.length; i++) w[i] = (byte) (rnd.nextInt(41) - 20);
        int[] b = new int[d.outputChannels()];
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextInt(201) - 100;
        return new Operands(new Int8Tensor(new int[] {1, in.h(), in.w(), in.c()}, x), new Int8Tensor(ws, w),
                new Int32Tensor(new int[] {b.length}, b));
    }

    private WaveOptions waveOptions() {
        if (wave == null) {
            if (waveFrom != null || waveTo != null || waveScope != null) {
                throw new UserError("--wave-from, --wave-to and --wave-scope need --wave w.fst");
            }
            return null;
        }
        try {
            WaveOptions w = WaveOptions.of(wave).withClockMhz(clockMhz)
                    .withWindow(waveFrom == null ? 0 : waveFrom, waveTo == null ? Long.MAX_VALUE : waveTo);
            return waveScope == null ? w : w.withScope(waveScope);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Writes the operands and a copy of the layer file, so the run can be repeated from files. */
    private void saveTensors(Operands ops) {
        try {
            Files.createDirectories(saveTensors);
            Files.copy(layer, saveTensors.resolve("layer.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError("--save-tensors " + saveTensors + ": cannot write: " + e.getMessage(), e);
        }
        Npy.write(saveTensors.resolve("input.npy"), ops.input());
        Npy.write(saveTensors.resolve("weights.npy"), ops.weights());
        Npy.write(saveTensors.resolve("bias.npy"), ops.bias() != null ? ops.bias()
                : Int32Tensor.zeros(ops.weights().shape()[0]));
        System.err.println("tensors: " + saveTensors + " (rerun with --layer " + saveTensors.resolve("layer.json")
                + " --input " + saveTensors.resolve("input.npy") + " --weights " + saveTensors.resolve("weights.npy")
                + " --bias " + saveTensors.resolve("bias.npy") + ")");
    }

    private Lowering.Policy policy() {
        return noAugment ? Lowering.Policy.DIRECT_ONLY : Lowering.Policy.FASTEST;
    }
}
