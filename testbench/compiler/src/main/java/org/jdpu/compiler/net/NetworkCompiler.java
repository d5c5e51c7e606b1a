package org.jdpu.compiler.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.compiler.Compiler;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.Register;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.model.CycleModel;
import org.jdpu.arch.plan.ActivationLayout;
import org.jdpu.arch.plan.BufferBases;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.RegisterWrite;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunDescriptor;
import org.jdpu.arch.plan.RunPlan;
import org.jdpu.arch.plan.RunPlanner;
import org.jdpu.compiler.ChannelAugmentation;
import org.jdpu.compiler.EngineLayer;
import org.jdpu.compiler.Lowering;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.LayerChecks;
import org.jdpu.spec.LayerMacs;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.UpsampleSpec;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a network of conv2d layers (shift mode), pools ({@link PoolLowering}), adds
 * ({@link AddLowering}), depthwise convolutions ({@link DepthwiseLowering}) and nearest-neighbour
 * upsamples ({@link UpsampleLowering}), a directed acyclic graph with branches, concats
 * and several outputs, into one {@link NetProgram}: DDR placement, run plans, LOAD / CONFIG / CONV /
 * SAVE instructions and their dependency tokens.
 *
 * <p>Placement ({@link NetworkGraph}): a concat costs nothing at run time; each source's SAVEs
 * write straight into its channel slice of the concat's feature map, and the concat is a layer with
 * no runs. Network outputs go to the OUTPUT region, one after the other; every other feature map to
 * the workspace, whose bytes are reused once every layer that loads any part of a buffer is done.
 *
 * <p>Each layer is planned for half of every buffer so that runs alternate halves (double
 * buffering): the next run's loads and the previous run's saves use the half the current run does
 * not. A layer too large for half buffers is planned for the whole buffers and runs single-buffered
 * (its loads wait for the previous run). Activation halves toggle when a run loads a new input,
 * weight and bias halves when it loads new channels, the output half on every run.
 *
 * <p>Instructions per run: LOADs of the stored input (one per stored row and column phase, inner
 * loop over the channel groups of one pixel, which are contiguous in DDR; outer loop over the
 * phase's columns), of the weights and of the biases (one contiguous image each, split every
 * 65535 rows); CONFIGs with the descriptor's register writes (runs of consecutive addresses, at
 * most six each); CONV; one SAVE per output-channel group. Program order is L0 L1 C0 S0 L2 C1 S1
 * ...: a run's loads come before the previous run's CONV when they touch only the other halves,
 * so the loads of run r+1 can proceed while run r computes; a layer's first input loads come after
 * the last SAVEs of the layers it reads. Dependencies become tokens through {@link TokenAssigner}:
 * a layer's input LOADs wait on the last SAVE of every layer that wrote part of its input, and a
 * SAVE into reused workspace bytes on the last input LOAD of every layer that read the old contents.
 */
public final class NetworkCompiler {
    private NetworkCompiler() {}

    /** DDR offsets of feature maps and parameter images are multiples of this. */
    public static final long ALIGNMENT = 64;
    /** Largest N0 or N1 of one LOAD or SAVE. */
    static final int MAX_LOOP = (int) Field.N1.mask();

    /** One run as placed: which half of each buffer it uses and the index of its CONV. */
    public record PlacedRun(int layer, Run run, BufferBases bases, boolean loadsInput, boolean loadsChannels,
                            int convIndex) {}

    /**
     * One layer as compiled: the layer the engine runs (augmented or not), its plan and tensors. A
     * concat is a layer with no engine layer, no plan and no runs: its sources write into its map.
     *
     * @param halves which buffers its runs alternate halves of (the others it uses whole)
     * @param input  the (lowered) network input for a layer that reads it, null for the others
     * @param source the index of the layer it reads, {@link NetworkGraph#INPUT} for the network input or a concat
     * @param op      how a pool, add, depthwise convolution or upsample runs, null for a convolution (a
     *                depthwise layer's {@code weights} and {@code bias} are its engine images, see
     *                {@link DepthwiseLowering#weights}; for the others they are null)
     * @param inB     an add's operand B, else null
     * @param sourceB the layer that wrote {@code inB} ({@link NetworkGraph#INPUT} for the network input), else {@link #NO_SOURCE}
     */
    public record LayerPlan(String name, EngineLayer layer, RunPlan plan, Halves halves, Lowering lowering,
                            FeatureMap in, FeatureMap out, Int8Tensor input, Int8Tensor weights, Int32Tensor bias,
                            long macs, int source, OperatorLowering op, FeatureMap inB, int sourceB) {
        /** {@link #sourceB} of a layer that is no add. */
        public static final int NO_SOURCE = Integer.MIN_VALUE;

        /** True when its runs alternate the halves of at least one buffer. */
        public boolean doubleBuffered() {
            return halves.any();
        }

        /** The core's cycles for run {@code r} of this layer. */
        public long runCycles(Run r) {
            return op != null ? op.runCycles(plan.config(), r) : CycleModel.runCycles(plan, r);
        }

        /** True when the engine runs it (false for a concat). */
        public boolean computes() {
            return plan != null;
        }

        /** Its engine runs, none for a concat. */
        public List<Run> runs() {
            return plan == null ? List.of() : plan.runs();
        }

        LayerPlan placed(FeatureMap in, FeatureMap out, FeatureMap inB) {
            return new LayerPlan(name, layer, plan, halves, lowering, in, out, input, weights, bias, macs, source, op,
                    inB, sourceB);
        }
    }

    /** The program and how it was made, for tests and tools that check it against the plan. */
    public record Compilation(NetProgram program, List<LayerPlan> layers, List<PlacedRun> runs, NetworkGraph graph) {}

    /**
     * @param tensors per layer, its weights and bias as written
     * @throws UnsupportedByEngineException naming the layer, for an operator the engine lacks or a
     *         layer that does not fit the configuration
     * @throws SpecException for tensors that do not fit their layers
     */
    public static NetProgram compile(DpuConfig c, NetworkSpec net, Int8Tensor input, List<LayerTensors> tensors) {
        return compileDetailed(c, net, input, tensors, Workspace.REUSE).program();
    }

    public static NetProgram compile(DpuConfig c, NetworkSpec net, Int8Tensor input, List<LayerTensors> tensors,
                                     Workspace workspace) {
        return compileDetailed(c, net, input, tensors, workspace).program();
    }

    /** How intermediate feature maps share the workspace. */
    public enum Workspace {
        /** A feature map's bytes are reused once every layer that reads it has loaded it: the smallest footprint. */
        REUSE,
        /**
         * Every feature map keeps its own bytes to the end of the program, so each layer's output can
         * still be checked in DDR afterwards (what network cosimulation does).
         */
        KEEP_ALL
    }

    public static Compilation compileDetailed(DpuConfig c, NetworkSpec net, Int8Tensor input, List<LayerTensors> tensors) {
        return compileDetailed(c, net, input, tensors, Workspace.REUSE);
    }

    public static Compilation compileDetailed(DpuConfig c, NetworkSpec net, Int8Tensor input, List<LayerTensors> tensors,
                                              Workspace policy) {
        int n = net.layers().size();
        if (tensors.size() != n) throw new IllegalArgumentException(tensors.size() + " tensor sets for " + n + " layers");
        NetworkGraph graph;
        try {
            graph = NetworkGraph.of(net);
            graph.checkPlacement(c.icp(), c.ocp());
        } catch (UnsupportedByEngineException e) {
            throw new UnsupportedByEngineException((net.file() == null ? "" : net.file() + ": ") + e.getMessage());
        }
        WorkspaceAllocator workspace = new WorkspaceAllocator(ALIGNMENT);
        List<LayerPlan> plans = planLayers(c, net, graph, input, tensors);
        long outputBytes = place(c, graph, plans, workspace, policy);
        return new Emitter(c, graph, plans, workspace, outputBytes).emit();
    }

    /**
     * The channel multiple every concat source but the last needs on {@code c}, so that concat is
     * done by placement: {@code lcm(ICP, OCP)}.
     */
    public static int concatChannelGroup(DpuConfig c) {
        return NetworkGraph.placementGroup(c.icp(), c.ocp());
    }

    // ---- layers: lowering and plan

    private static List<LayerPlan> planLayers(DpuConfig c, NetworkSpec net, NetworkGraph graph, Int8Tensor input,
                                              List<LayerTensors> tensors) {
        int n = net.layers().size();
        List<LayerPlan> plans = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NetworkSpec.Layer entry = net.layers().get(i);
            int source = graph.sources(i)[0];
            if (graph.isConcat(i)) {
                plans.add(new LayerPlan(entry.name(), null, null, Halves.NONE, Lowering.DIRECT, null, null, null, null, null, 0,
                        NetworkGraph.INPUT, null, null, LayerPlan.NO_SOURCE));
                continue;
            }
            EngineLayer layer;
            OperatorLowering op;
            FlatDense flat = null;
            try {
                op = switch (entry.spec()) {
                    case PoolSpec p -> PoolLowering.of(c, p);
                    case GlobalAvgPoolSpec p -> PoolLowering.of(c, p);
                    case AddSpec a -> AddLowering.of(c, a);
                    case DepthwiseConv2dSpec d -> DepthwiseLowering.of(c, d);
                    case UpsampleSpec u -> UpsampleLowering.of(c, u);
                    default -> null;
                };
                if (op == null && entry.spec() instanceof DenseSpec d && FlatDense.needed(c, d)) {
                    flat = flatDense(c, plans, graph, i, d);
                    layer = EngineLayer.of(flat.conv());
                } else {
                    layer = op != null ? op.layer() : EngineLayer.of(entry.spec());
                }
            } catch (UnsupportedByEngineException e) {
                throw refuse(net, i, e);
            }
            LayerTensors t = tensors.get(i);
            Int8Tensor weights = null;
            Int32Tensor bias = null;
            if (op == null) {
                // A dense layer is checked as written; its weight bytes are the whole-map convolution's.
                checkTensors(net, i, (ConvolutionSpec) entry.spec(), t, i == 0 ? input : null);
                weights = flat != null ? flat.weights(t.weights()) : new Int8Tensor(layer.spec().weightShape(), t.weights().data());
                bias = t.bias() != null ? t.bias() : Int32Tensor.zeros(layer.geometry().outC());
            } else if (op instanceof DepthwiseLowering d) {
                checkTensors(net, i, d.spec(), t, i == 0 ? input : null);
                weights = d.weights(c, t.weights());
                bias = d.bias(c, t.bias());
            }
            if (weights != null && layer.post().multiplierMode()) {
                if (!c.tflite()) {
                    throw refuse(net, i, new UnsupportedByEngineException("quant mode multiplier (TFLite int8) needs an "
                            + "engine with the " + DpuConfig.TFLITE_SUFFIX + " option, e.g. " + c.baseName()
                            + DpuConfig.TFLITE_SUFFIX + "; " + c.name() + " requantises in shift mode only"));
                }
                // as the engine computes it: the lowered weights (depthwise: block-diagonal) and their bias
                bias = Compiler.foldInputZeroPoint(bias, weights, layer.post().padValue());
            }
            int sourceB = op instanceof AddLowering ? graph.sources(i)[1] : LayerPlan.NO_SOURCE;
            Lowering lowering = Lowering.DIRECT;
            long macs = flat != null ? LayerMacs.of(flat.spec()) : op == null ? layer.geometry().macs()
                    : op instanceof DepthwiseLowering d ? LayerMacs.of(d.spec()) : 0;
            Int8Tensor loweredInput = source != NetworkGraph.INPUT ? null
                    : flat != null ? new Int8Tensor(new int[] {1, 1, 1, flat.conv().input().c()},
                            Arrays.copyOf(input.data(), flat.conv().input().c())) : input;
            // The input region holds one layout of the input: only its sole reader may gather columns into it.
            if (i == 0 && op == null && flat == null && graph.inputReaders().size() == 1) {
                ChannelAugmentation.Choice choice = ChannelAugmentation.choose(c, layer.geometry(), Lowering.Policy.FASTEST);
                if (choice.lowering() == Lowering.AUGMENTED) {
                    lowering = Lowering.AUGMENTED;
                    loweredInput = ChannelAugmentation.input(layer.spec(), input, (byte) layer.post().padValue());
                    weights = ChannelAugmentation.weights(layer.spec(), weights);
                    layer = EngineLayer.of(ChannelAugmentation.spec(layer.spec()));
                }
            }
            ConvGeometry g = layer.geometry();
            RunPlan plan = null;
            DpuConfig half = halves(c);
            if (half != null) {
                try {
                    plan = planRuns(op, half, g);
                } catch (UnsupportedByEngineException e) {
                    plan = null; // too large for half buffers: single-buffered below
                }
            }
            // Half buffers that force slices the whole buffers do not: single-buffered, every channel in one run.
            if (plan != null && plan.sliced() && op == null) {
                try {
                    RunPlan whole = RunPlanner.plan(c, g);
                    if (!whole.sliced()) plan = null;
                } catch (UnsupportedByEngineException e) {
                    // keep the sliced half-buffer plan
                }
            }
            Halves halves = plan != null ? Halves.ALL : Halves.NONE;
            if (plan != null && op == null) {
                KeptWhole kept = keptWhole(c, g, plan);
                plan = kept.plan();
                halves = kept.halves();
            }
            if (plan == null) {
                try {
                    plan = planRuns(op, c, g);
                } catch (UnsupportedByEngineException e) {
                    if (!(op instanceof PoolLowering)) throw refuse(net, i, e);
                    plan = channelwise(c, g, net, i);
                    halves = plan.config().equals(PoolLowering.planning(c)) ? Halves.NONE : Halves.ALL;
                }
            }
            plans.add(new LayerPlan(entry.name(), layer, plan, halves, lowering, null, null, loweredInput, weights, bias,
                    macs, source, op, null, sourceB));
        }
        return plans;
    }

    /**
     * The flattened form of dense layer {@code i} on a map larger than the core's kernel
     * ({@link FlatDense}), reading the layout its source is stored in: the network input as its NHWC
     * bytes (when the dense layer is its sole reader), another layer's output as that layer's map.
     */
    private static FlatDense flatDense(DpuConfig c, List<LayerPlan> plans, NetworkGraph graph, int i, DenseSpec d) {
        int s = graph.sources(i)[0];
        if (s == NetworkGraph.INPUT) {
            if (i != 0 || graph.inputReaders().size() != 1) {
                throw new UnsupportedByEngineException("a dense layer on a map larger than " + DpuConfig.MAX_KERNEL + "x"
                        + DpuConfig.MAX_KERNEL + " that reads the network input with other layers is not supported by the "
                        + "engine yet (it reads the input as one pixel of channels)");
            }
            return FlatDense.of(c, d, FlatDense.inputLayout(d));
        }
        if (graph.root(s) != s || plans.get(s).plan() == null) {
            throw new UnsupportedByEngineException("a dense layer on a map larger than " + DpuConfig.MAX_KERNEL + "x"
                    + DpuConfig.MAX_KERNEL + " that reads a concat or a part of one is not supported by the engine yet");
        }
        return FlatDense.of(c, d, shapeOf(c, plans, graph, s));
    }

    /**
     * The runs of a layer on {@code c}: a pool holds no weights, a depthwise group the weights of one input group,
     * an add's group the two diagonal words of its operands' groups.
     */
    private static RunPlan planRuns(OperatorLowering op, DpuConfig c, ConvGeometry g) {
        return switch (op) {
            case PoolLowering p -> RunPlanner.plan(PoolLowering.planning(c), g);
            case DepthwiseLowering d -> RunPlanner.plan(c, g, d.weightGroups());
            case AddLowering a -> a.fitted(c, RunPlanner.planSharedWeights(c, g, AddLowering.WEIGHT_GROUPS));
            case null -> RunPlanner.plan(c, g);
            default -> op.fitted(c, RunPlanner.plan(c, g));
        };
    }

    /** A pool too large for the activation buffer with every channel group: planned channel-wise, halves first. */
    private static RunPlan channelwise(DpuConfig c, ConvGeometry g, NetworkSpec net, int i) {
        DpuConfig half = halves(c);
        if (half != null) {
            try {
                return RunPlanner.planChannelwise(PoolLowering.planning(half), g);
            } catch (UnsupportedByEngineException e) {
                // single-buffered below
            }
        }
        try {
            return RunPlanner.planChannelwise(PoolLowering.planning(c), g);
        } catch (UnsupportedByEngineException e) {
            throw refuse(net, i, e);
        }
    }

    // ---- placement of feature maps

    /**
     * Gives every layer its input and output feature map: the network input in INPUT; each root
     * (a tensor in no concat, or an outermost concat with everything placed inside it) in OUTPUT when
     * it holds a network output, else in the workspace for the span from its first writer to its
     * last loader; every tensor inside a concat is a channel slice of its root. Returns the bytes of
     * the OUTPUT region.
     */
    private static long place(DpuConfig c, NetworkGraph graph, List<LayerPlan> plans, WorkspaceAllocator workspace,
                              Workspace policy) {
        int n = plans.size();
        ConvGeometry g0 = plans.getFirst().layer().geometry();
        // An add's walk has both operands' channel groups; its input map is operand A's.
        int inC = plans.getFirst().op() instanceof AddLowering a ? a.spec().input().c() : g0.inC();
        FeatureMap input = FeatureMap.of(Region.INPUT, 0, g0.inH(), g0.inW(), inC, c.icp(), c.ocp());
        FeatureMap[] roots = new FeatureMap[n];
        boolean[] readFlat = flatDenseSources(plans, graph);
        long outputEnd = 0;
        for (int i = 0; i < n; i++) {
            int r = graph.root(i);
            if (roots[r] != null || plans.get(i).plan() == null) continue; // placed, or a concat whose first writer places it
            FeatureMap shape = shapeOf(c, plans, graph, r);
            long bytes = readFlat[r] ? FlatDense.reserved(c, shape.bytes()) : shape.bytes();
            if (graph.holdsOutput(r)) {
                long offset = align(outputEnd);
                roots[r] = new FeatureMap(Region.OUTPUT, offset, shape.h(), shape.w(), shape.c(), shape.cs(), shape.group());
                outputEnd = offset + bytes;
                continue;
            }
            int last = i;
            for (int loader : graph.loaders(r)) last = Math.max(last, loader);
            long offset = workspace.allocate(r, bytes, i, policy == Workspace.KEEP_ALL ? n : last).offset();
            roots[r] = new FeatureMap(Region.WORKSPACE, offset, shape.h(), shape.w(), shape.c(), shape.cs(), shape.group());
        }
        FeatureMap[] out = new FeatureMap[n];
        for (int i = 0; i < n; i++) {
            if (plans.get(i).op() != null && graph.root(i) != i && c.icp() != c.ocp()) {
                // Its last group's SAVE writes OCP - ICP bytes past its channels, into the concat's next slice.
                throw new UnsupportedByEngineException("layer \"" + plans.get(i).name() + "\" ($[" + i + "]): a "
                        + "pool or add inside a concat is not supported by the engine yet when ICP != OCP");
            }
            FeatureMap root = roots[graph.root(i)];
            out[i] = graph.root(i) == i ? root : root.slice(graph.rootChannel(i), channelsOf(plans, graph, i));
        }
        for (int i = 0; i < n; i++) {
            LayerPlan lp = plans.get(i);
            int s = lp.source();
            FeatureMap in = lp.plan() == null ? out[i] : s == NetworkGraph.INPUT ? input : out[s];
            ConvGeometry g = lp.layer() == null ? null : lp.layer().geometry();
            // A flattened dense layer (FlatDense) reads its source's map as one pixel of all its bytes.
            if (g != null && g.inH() == 1 && g.inW() == 1 && (in.h() > 1 || in.w() > 1)) in = FlatDense.view(in, g.inC());
            int b = lp.sourceB();
            FeatureMap inB = b == LayerPlan.NO_SOURCE ? null : b == NetworkGraph.INPUT ? input : out[b];
            plans.set(i, lp.placed(in, out[i], inB));
        }
        return outputEnd;
    }

    /**
     * Which layers' outputs a flattened dense layer ({@link FlatDense}) reads: its 1x1 walk reads a
     * map of more than one pixel, so their placement reserves its last channel group whole.
     */
    private static boolean[] flatDenseSources(List<LayerPlan> plans, NetworkGraph graph) {
        boolean[] out = new boolean[plans.size()];
        for (LayerPlan lp : plans) {
            if (lp.layer() == null || lp.source() == NetworkGraph.INPUT) continue;
            ConvGeometry g = lp.layer().geometry();
            int[] hw = sizeOf(plans, graph, lp.source());
            if (g.inH() == 1 && g.inW() == 1 && (hw[0] > 1 || hw[1] > 1)) out[graph.root(lp.source())] = true;
        }
        return out;
    }

    /** The feature map layout of root {@code r} at offset 0. */
    private static FeatureMap shapeOf(DpuConfig c, List<LayerPlan> plans, NetworkGraph graph, int r) {
        int[] hw = sizeOf(plans, graph, r);
        OperatorLowering op = plans.get(r).op();
        if (op != null) return OperatorLowering.outputMap(c, Region.OUTPUT, 0, hw[0], hw[1], op.outputChannels());
        return FeatureMap.of(Region.OUTPUT, 0, hw[0], hw[1], channelsOf(plans, graph, r), c.icp(), c.ocp());
    }

    /** Height and width of layer {@code i}'s output (a concat's are its first source's). */
    private static int[] sizeOf(List<LayerPlan> plans, NetworkGraph graph, int i) {
        if (plans.get(i).plan() == null) return sizeOf(plans, graph, graph.sources(i)[0]);
        if (plans.get(i).op() instanceof UpsampleLowering u) return new int[] {u.spec().outputHeight(), u.spec().outputWidth()};
        ConvGeometry g = plans.get(i).layer().geometry();
        return new int[] {g.outH(), g.outW()};
    }

    /** Output channels of layer {@code i} (a concat's are its sources' together). */
    private static int channelsOf(List<LayerPlan> plans, NetworkGraph graph, int i) {
        if (plans.get(i).op() != null) return plans.get(i).op().outputChannels();
        if (plans.get(i).plan() != null) return plans.get(i).layer().geometry().outC();
        int sum = 0;
        for (int s : graph.sources(i)) sum += channelsOf(plans, graph, s);
        return sum;
    }

    private static long align(long v) {
        return (v + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /**
     * Which buffers a layer's runs alternate halves of: a buffer in halves lets the next run's loads
     * (or the previous run's read-back) overlap the current run; a buffer used whole holds twice as much.
     */
    public record Halves(boolean activations, boolean weights, boolean output) {
        public static final Halves ALL = new Halves(true, true, true);
        public static final Halves NONE = new Halves(false, false, false);

        public boolean any() {
            return activations || weights || output;
        }
    }

    /** A plan and the halves it was planned for. */
    private record KeptWhole(RunPlan plan, Halves halves) {}

    /**
     * A convolution planned on half buffers, or, when that loads fewer words, on half buffers but for
     * the activation buffer or the weight and bias buffers, used whole: a layer whose input fits the
     * whole activation buffer but not a half then loads it once instead of once per output chunk, and
     * one whose weights fit the whole weight banks loads them once instead of once per band. A buffer
     * is used whole only when the layer loads it once, so no load of the layer waits for its own runs
     * (the other buffers still alternate halves), and only where the layer waits for its loads and the
     * words saved exceed that one load, which overlaps nothing.
     */
    private static KeptWhole keptWhole(DpuConfig c, ConvGeometry g, RunPlan halfPlan) {
        KeptWhole best = new KeptWhole(halfPlan, Halves.ALL);
        long bestWords = RunPlan.loadWords(halfPlan.config(), g, halfPlan.runs());
        DpuConfig h = halfPlan.config();
        DpuConfig[] configs = {
            c.withBuffers(c.actBankDepth(), h.weightBankDepth(), h.outputDepth(), h.biasDepth()),
            c.withBuffers(h.actBankDepth(), c.weightBankDepth(), h.outputDepth(), c.biasDepth())};
        Halves[] halves = {new Halves(false, true, true), new Halves(true, false, true)};
        for (int k = 0; k < configs.length; k++) {
            RunPlan p;
            try {
                p = RunPlanner.plan(configs[k], g);
            } catch (UnsupportedByEngineException e) {
                continue;
            }
            if (p.sliced() && !halfPlan.sliced()) continue;
            boolean once = loads(p, k == 0) == 1;
            long words = RunPlan.loadWords(configs[k], g, p.runs());
            // The kept buffer's one load overlaps nothing of the layer: worth it only where the layer waits for
            // its loads (more load words than compute cycles) and it saves more words than that load moves.
            long kept = k == 0 ? RunDescriptor.layoutOf(c, g, p.runs().getFirst()).words() : weightWords(c, g, p);
            boolean loadBound = bestWords > CycleModel.computeCycles(halfPlan);
            if (once && loadBound && bestWords - words > kept && words < bestWords) {
                best = new KeptWhole(p, halves[k]);
                bestWords = words;
            }
        }
        return best;
    }

    /** Weight and bias words of a plan whose runs all share one channel chunk. */
    private static long weightWords(DpuConfig c, ConvGeometry g, RunPlan p) {
        Run r = p.runs().getFirst();
        return (long) r.ocGroups() * c.ocp() * (r.steps(c, g) + 1);
    }

    /** How many times a plan's runs load their input ({@code input}) or their weight channels: once per change. */
    private static int loads(RunPlan p, boolean input) {
        int n = 0;
        Run previous = null;
        for (Run r : p.runs()) {
            if (!(input ? r.sameInput(previous) : r.sameChannels(previous))) n++;
            previous = r;
        }
        return n;
    }

    /** Half of every buffer, or null when a half would be below the smallest depth. */
    static DpuConfig halves(DpuConfig c) {
        int[] d = {c.actBankDepth() / 2, c.weightBankDepth() / 2, c.outputDepth() / 2, c.biasDepth() / 2};
        for (int x : d) {
            if (x < DpuConfig.MIN_DEPTH) return null;
        }
        return c.withBuffers(d[0], d[1], d[2], d[3]);
    }

    private static void checkTensors(NetworkSpec net, int i, ConvolutionSpec spec, LayerTensors t, Int8Tensor input) {
        String at = "$[" + i + "]";
        if (t == null || t.weights() == null) throw new SpecException(net.file(), at + ".weights", "is missing");
        int[] ws = spec.weightShape();
        if (!Arrays.equals(t.weights().shape(), ws)) {
            throw new SpecException(net.file(), at + ".weights", "shape " + Shapes.format(t.weights().shape())
                    + " does not match the layer: expected " + Shapes.format(ws));
        }
        if (t.bias() != null && !Arrays.equals(t.bias().shape(), spec.biasShape())) {
            throw new SpecException(net.file(), at + ".bias", "shape " + Shapes.format(t.bias().shape())
                    + " does not match the layer: expected " + Shapes.format(spec.biasShape()));
        }
        if (input != null) {
            try {
                LayerChecks.checkOperands(spec, input, t.weights(), t.bias());
            } catch (SpecException e) {
                throw new SpecException(net.file(), at, e.field() + " " + e.problem());
            }
        }
    }

    private static UnsupportedByEngineException refuse(NetworkSpec net, int i, UnsupportedByEngineException e) {
        return new UnsupportedByEngineException("layer \"" + net.layers().get(i).name() + "\" ($[" + i + "]"
                + (net.file() == null ? "" : " of " + net.file()) + "): " + e.getMessage());
    }

    // ---- instructions

    /** Makes the instructions of every run in program order, with their dependencies. */
    private static final class Emitter {
        private final DpuConfig c;
        private final List<LayerPlan> plans;
        private final EngineWidths widths;
        private final ParamsImage params;
        private final WorkspaceAllocator workspace;
        private final NetworkGraph graph;
        private final long outputBytes;
        private final List<Instruction> ins = new ArrayList<>();
        private final List<List<Integer>> deps = new ArrayList<>();
        private final List<Integer> layerOf = new ArrayList<>();

        /** Per global run. */
        private final List<Work> work = new ArrayList<>();
        /** True when the last start emitted was a pool's, so POOL_MODE is set. */
        private boolean poolModeSet;
        /** True when the last run emitted was sliced, so PSUM_MODE may be non-zero. */
        private boolean psumModeSet;

        Emitter(DpuConfig c, NetworkGraph graph, List<LayerPlan> plans, WorkspaceAllocator workspace, long outputBytes) {
            this.c = c;
            this.graph = graph;
            this.outputBytes = outputBytes;
            this.workspace = workspace;
            this.plans = plans;
            this.widths = EngineWidths.of(c);
            this.params = new ParamsImage(c, ALIGNMENT);
        }

        /** A run with its halves and the previous runs that used them. */
        private static final class Work {
            int layer;
            Run run;
            boolean loadsInput, loadsChannels;
            BufferBases bases;
            List<RegisterWrite> writes;
            int actPrev = -1, wgtPrev = -1, outPrev = -1;
            long weightOffset, biasOffset;
            /** Multiplier-mode layers: offsets of the channels' multipliers and shifts, else -1. */
            long multiplierOffset = -1, shiftOffset = -1;
            List<Integer> loads = new ArrayList<>();
            int conv = -1, lastSave = -1;
            boolean channelsEmitted, inputEmitted;
        }

        Compilation emit() {
            placeRuns();
            int[] lastSaveOfLayer = new int[plans.size()];
            int[] lastInputLoadOfLayer = new int[plans.size()];
            Arrays.fill(lastSaveOfLayer, -1);
            Arrays.fill(lastInputLoadOfLayer, -1);
            Map<Integer, List<Integer>> reuses = reuses();
            for (int k = 0; k < work.size(); k++) {
                Work w = work.get(k);
                emitChannelLoads(w);
                emitInputLoads(w, lastSaveOfLayer, lastInputLoadOfLayer);
                if (k + 1 < work.size()) {
                    // The next run's loads go before this CONV when they touch the other halves, so they overlap it.
                    // Weights and biases do not depend on the previous layer, so they may cross a layer boundary;
                    // a layer's input waits for the previous layer's last SAVE, which is not emitted yet.
                    Work next = work.get(k + 1);
                    if (!next.loadsChannels || next.wgtPrev < k) emitChannelLoads(next);
                    if (next.layer == w.layer && next.channelsEmitted && (!next.loadsInput || next.actPrev < k)) {
                        emitInputLoads(next, lastSaveOfLayer, lastInputLoadOfLayer);
                    }
                }
                emitConv(w);
                emitSaves(w, reuses.getOrDefault(graph.root(w.layer), List.of()), lastInputLoadOfLayer);
                if (w.lastSave >= 0) lastSaveOfLayer[w.layer] = w.lastSave;
            }
            add(Instruction.end(), List.of(), -1);
            List<Instruction> program = TokenAssigner.assign(ins, deps);
            TokenAssigner.checkSequential(program);
            return new Compilation(netProgram(program), plans, placedRuns(), graph);
        }

        /** Halves and bases of every run, and the previous users of the halves it takes. */
        private void placeRuns() {
            int actHalf = 1, wgtHalf = 1, outHalf = 1;
            int actMask = 0, wgtMask = 0;
            int[] actUser = {-1, -1}, wgtUser = {-1, -1}, outUser = {-1, -1};
            for (int li = 0; li < plans.size(); li++) {
                LayerPlan lp = plans.get(li);
                if (!lp.computes()) continue;
                ConvGeometry g = lp.layer().geometry();
                Run previous = null;
                for (Run r : lp.runs()) {
                    Work w = new Work();
                    w.layer = li;
                    w.run = r;
                    w.loadsInput = !r.sameInput(previous);
                    // A pool reads no weights or biases: it neither loads nor holds a half of them. An add's
                    // two diagonal weight words serve every group: its first run loads them.
                    boolean pool = lp.op() instanceof PoolLowering;
                    OperatorLowering.SharedWeights shared = lp.op() != null ? lp.op().sharedWeights() : null;
                    w.loadsChannels = shared != null ? previous == null : !pool && !r.sameChannels(previous);
                    int k = work.size();
                    if (w.loadsInput) {
                        if (lp.halves().activations()) actHalf ^= 1;
                        actMask = lp.halves().activations() ? 1 << actHalf : 3;
                        w.actPrev = prev(actUser, actMask);
                    }
                    if (w.loadsChannels) {
                        if (lp.halves().weights()) wgtHalf ^= 1;
                        wgtMask = lp.halves().weights() ? 1 << wgtHalf : 3;
                        w.wgtPrev = prev(wgtUser, wgtMask);
                        long[] off = switch (lp.op()) {
                            case AddLowering a -> params.chunk(li, shared.params(), shared.weights(), shared.bias(),
                                    shared.requant(), 0, shared.params().ocGroups(c), 0, shared.params().icGroups(c));
                            case UpsampleLowering u -> params.chunk(li, shared.params(), shared.weights(), null, 0, 1);
                            case DepthwiseLowering d -> params.chunk(li, d.params(), lp.weights().data(), lp.bias().data(),
                                    d.requant(c, Compiler.requantTable(d.spec())), r.ocg0(), r.ocg1(), 0, d.params().icGroups(c));
                            case null, default -> params.chunk(li, g, lp.weights().data(), lp.bias().data(),
                                    Compiler.requantTable(lp.layer().spec()), r.ocg0(), r.ocg1(),
                                    r.sliced() ? r.icg0() : 0, r.sliced() ? r.icg1() : g.icGroups(c));
                        };
                        w.weightOffset = off[0];
                        w.biasOffset = off[1];
                        if (off.length > 2) {
                            w.multiplierOffset = off[2];
                            w.shiftOffset = off[3];
                        }
                    } else if (!pool) {
                        Work before = work.get(k - 1);
                        w.weightOffset = before.weightOffset;
                        w.biasOffset = before.biasOffset;
                        w.multiplierOffset = before.multiplierOffset;
                        w.shiftOffset = before.shiftOffset;
                    }
                    // A slice that keeps its sums writes no output: it takes no output half (the last slice does).
                    boolean writesOutput = lp.op() != null || !r.keepsSums(c, g);
                    if (lp.halves().output() && writesOutput) outHalf ^= 1;
                    int outMask = lp.halves().output() ? 1 << outHalf : 3;
                    if (writesOutput) w.outPrev = prev(outUser, outMask);
                    use(actUser, actMask, k);
                    if (!pool) use(wgtUser, wgtMask, k);
                    if (writesOutput) use(outUser, outMask, k);
                    boolean wholeWeights = wgtMask == 3 || pool;
                    w.bases = new BufferBases(
                            actMask == 3 ? 0 : (long) Integer.numberOfTrailingZeros(actMask) * (c.actCapacityWords() / 2),
                            wholeWeights ? 0 : Integer.numberOfTrailingZeros(wgtMask) * (c.weightBankDepth() / 2),
                            wholeWeights ? 0 : Integer.numberOfTrailingZeros(wgtMask) * (c.biasDepth() / 2),
                            outMask == 3 ? 0 : Integer.numberOfTrailingZeros(outMask) * (c.outputDepth() / 2));
                    try {
                        w.writes = RunDescriptor.of(c, g, r, lp.layer().post(), w.bases).writes();
                    } catch (UnsupportedByEngineException e) {
                        throw new UnsupportedByEngineException("layer \"" + lp.name() + "\" ($[" + li + "]): " + e.getMessage());
                    }
                    work.add(w);
                    previous = r;
                }
            }
        }

        private static int prev(int[] users, int mask) {
            int p = -1;
            for (int h = 0; h < 2; h++) {
                if ((mask >> h & 1) != 0) p = Math.max(p, users[h]);
            }
            return p;
        }

        private static void use(int[] users, int mask, int k) {
            for (int h = 0; h < 2; h++) {
                if ((mask >> h & 1) != 0) users[h] = k;
            }
        }

        /** Per root placed in the workspace, the roots whose dead buffers its bytes overwrite. */
        private Map<Integer, List<Integer>> reuses() {
            Map<Integer, List<Integer>> r = new HashMap<>();
            for (WorkspaceAllocator.Placement p : workspace.placements()) r.put(p.id(), p.reuses());
            return r;
        }

        /** The run's weights and biases, when it loads new channels: after the last run that read their half. */
        private void emitChannelLoads(Work w) {
            if (w.channelsEmitted) return;
            w.channelsEmitted = true;
            if (!w.loadsChannels) return;
            LayerPlan lp = plans.get(w.layer);
            ConvGeometry g = lp.layer().geometry();
            Run r = w.run;
            int layer = w.layer;
            List<Integer> d = w.wgtPrev >= 0 ? List.of(work.get(w.wgtPrev).conv) : List.of();
            int groups = r.ocGroups();
            if (lp.op() != null && lp.op().sharedWeights() != null) {
                g = lp.op().sharedWeights().params();
                groups = g.ocGroups(c);
            } else if (lp.op() instanceof DepthwiseLowering dw) {
                g = dw.params(); // one input group's weights per output group
            }
            int rows = groups * (lp.op() != null ? g.stepsPerTile(c) : r.steps(c, g)); // operators never slice
            long rowBytes = (long) c.ocp() * c.icp();
            for (int start = 0; start < rows; start += MAX_LOOP) {
                int n1 = Math.min(MAX_LOOP, rows - start);
                w.loads.add(add(Instruction.load(LoadTarget.WEIGHTS, Region.PARAMS.number(), w.weightOffset + start * rowBytes,
                        (long) (w.bases.weight() + start) << 6, c.ocp(), n1, c.icp(), rowBytes, 1, 64), d, layer));
            }
            // +tflite multiplier mode: the multipliers and shifts go to the upper quarters of the bias load space
            long[] offsets = w.multiplierOffset < 0 ? new long[] {w.biasOffset}
                    : new long[] {w.biasOffset, w.multiplierOffset, w.shiftOffset};
            int[] quarters = {0, DpuConfig.BIAS_QUARTER_MULTIPLIER, DpuConfig.BIAS_QUARTER_SHIFT};
            for (int q = 0; q < offsets.length; q++) {
                for (int start = 0; start < groups; start += MAX_LOOP) {
                    int n1 = Math.min(MAX_LOOP, groups - start);
                    long address = (long) quarters[q] * c.biasDepth() + w.bases.bias() + start;
                    w.loads.add(add(Instruction.load(LoadTarget.BIAS, Region.PARAMS.number(), offsets[q] + 4L * c.ocp() * start,
                            address << 6, c.ocp(), n1, 4, 4L * c.ocp(), 1, 64), d, layer));
                }
            }
        }

        /**
         * The run's stored input, when it loads a new one: after the last run that read its half and,
         * for a layer's input, after the last SAVE of every layer that wrote part of it (each source of
         * a concat).
         */
        private void emitInputLoads(Work w, int[] lastSaveOfLayer, int[] lastInputLoadOfLayer) {
            if (w.inputEmitted) return;
            w.inputEmitted = true;
            if (!w.loadsInput) return;
            LayerPlan lp = plans.get(w.layer);
            ConvGeometry g = lp.layer().geometry();
            Run r = w.run;
            int layer = w.layer;
            ActivationLayout layout = RunDescriptor.layoutOf(c, g, r);
            FeatureMap in = lp.in();
            List<Integer> d = new ArrayList<>();
            if (w.actPrev >= 0) d.add(work.get(w.actPrev).conv);
            if (lp.source() != NetworkGraph.INPUT) {
                for (int producer : graph.producers(lp.source())) d.add(lastSaveOfLayer[producer]);
            }
            if (lp.inB() != null && lp.sourceB() != NetworkGraph.INPUT) {
                for (int producer : graph.producers(lp.sourceB())) d.add(lastSaveOfLayer[producer]);
            }
            // An add stores operand A's groups, then operand B's, side by side in each row.
            int groups = lp.op() instanceof AddLowering a ? a.groups(c) : layout.icGroups();
            for (int row = 0; row < r.inRows(); row++) {
                // A sliced run stores only its input-channel groups, from group icg0 of the map.
                List<Instruction> loads = new ArrayList<>(inputRowLoads(in, g, layout, w.bases.slot(), r.iy0() + row, r.ix0(), row,
                        0, r.sliced() ? r.icg0() : 0, groups));
                if (lp.inB() != null) {
                    loads.addAll(inputRowLoads(lp.inB(), g, layout, w.bases.slot(), r.iy0() + row, r.ix0(), row, groups, 0, groups));
                }
                for (Instruction load : loads) {
                    int idx = add(load, d, layer);
                    w.loads.add(idx);
                    lastInputLoadOfLayer[layer] = idx;
                }
            }
        }

        /**
         * The LOADs of one stored row (input row {@code y}, from column {@code x0}) into layout row
         * {@code row}, each reading DDR in address order where the layout allows:
         * <ul>
         *   <li>grouped, stride 1: one LOAD, the row's columns inner, the channel groups' planes outer;</li>
         *   <li>grouped, stride s: per channel group, the phases inner and the groups of s columns outer
         *       (consecutive words in DDR, each placed in its phase), and a second LOAD for a last,
         *       partial group of columns;</li>
         *   <li>interleaved: per phase, a pixel's channel groups inner (consecutive in DDR), the
         *       phase's columns outer.</li>
         * </ul>
         */
        private List<Instruction> inputRowLoads(FeatureMap in, ConvGeometry g, ActivationLayout layout, long base, int y,
                                                int x0, int row, int g0, int from, int icg) {
            List<Instruction> out = new ArrayList<>();
            int s = g.sw(), cols = layout.cols(), region = in.region().number();
            long groupStep = in.grouped() ? in.channelStep(c.icp()) : c.icp();
            if (in.grouped() && s == 1) {
                out.add(Instruction.load(LoadTarget.ACTIVATIONS, region, in.at(y, x0, from * c.icp()), base + layout.slot(row, g0, 0),
                        cols, icg, in.pixelStep(), groupStep, 1, layout.rowWidth()));
            } else if (in.grouped()) {
                int whole = cols / s, rest = cols % s;
                // A partial last group of columns needs a LOAD of its own, unless the image has the
                // columns that complete it: reading those into the phases' unused slots costs nothing.
                if (rest > 0 && x0 + (whole + 1) * s <= in.w()) {
                    whole++;
                    rest = 0;
                }
                for (int gi = 0; gi < icg; gi++) {
                    long at = in.at(y, x0, (from + gi) * c.icp());
                    long slot = base + layout.slot(row, g0 + gi, 0);
                    if (whole > 0) {
                        out.add(Instruction.load(LoadTarget.ACTIVATIONS, region, at, slot, s, whole, in.pixelStep(),
                                s * in.pixelStep(), layout.phaseLength(), 1));
                    }
                    if (rest > 0) {
                        out.add(Instruction.load(LoadTarget.ACTIVATIONS, region, at + (long) whole * s * in.pixelStep(),
                                slot + whole, rest, 1, in.pixelStep(), 0, layout.phaseLength(), 0));
                    }
                }
            } else {
                for (int phase = 0; phase < s; phase++) {
                    int count = layout.phaseCount(phase);
                    if (count == 0) continue;
                    out.add(Instruction.load(LoadTarget.ACTIVATIONS, region, in.at(y, x0 + phase, from * c.icp()),
                            base + layout.slot(row, g0, phase), icg, count, groupStep, s * in.pixelStep(),
                            layout.rowWidth(), 1));
                }
            }
            return out;
        }

        private void emitConv(Work w) {
            List<Integer> d = new ArrayList<>(w.loads);
            if (w.outPrev >= 0) d.add(work.get(w.outPrev).lastSave);
            OperatorLowering op = plans.get(w.layer).op();
            if (op != null) {
                // One start per output-channel group; the CONV queue keeps them in order, so only
                // the first waits for the loads and the output half.
                boolean first = true;
                for (int g = 0; g < w.run.ocGroups(); g++) {
                    List<RegisterWrite> previous = List.of();
                    for (List<RegisterWrite> start : op.groupStarts(c, w.writes, w.run, g)) {
                        // A group's later starts rewrite only the registers that change.
                        List<RegisterWrite> writes = new ArrayList<>(start);
                        writes.removeAll(previous);
                        previous = start;
                        if (poolModeSet && !op.setsPoolMode()) writes.add(new RegisterWrite(Register.POOL_MODE, 0, 0));
                        poolModeSet = op.setsPoolMode();
                        // A start that writes PSUM_MODE itself (a TFLite add's) leaves it as it wrote it.
                        RegisterWrite psum = start.stream().filter(rw -> rw.register() == Register.PSUM_MODE).findFirst()
                                .orElse(null);
                        if (psum == null) clearPsumMode(writes);
                        else psumModeSet = psum.value() != 0;
                        emitConfig(writes, w.layer);
                        w.conv = add(Instruction.conv(), first ? d : List.of(), w.layer);
                        first = false;
                    }
                }
                return;
            }
            List<RegisterWrite> writes = new ArrayList<>(w.writes);
            // POOL_MODE is 0 after reset; only a run after a pool needs to clear it.
            if (poolModeSet) writes.add(new RegisterWrite(Register.POOL_MODE, 0, 0));
            poolModeSet = false;
            if (w.run.sliced()) psumModeSet = true;
            else clearPsumMode(writes);
            emitConfig(writes, w.layer);
            w.conv = add(Instruction.conv(), d, w.layer);
        }

        /** PSUM_MODE is 0 after reset; only the first unsliced run after a sliced one needs to clear it. */
        private void clearPsumMode(List<RegisterWrite> writes) {
            if (psumModeSet) writes.add(new RegisterWrite(Register.PSUM_MODE, 0, 0));
            psumModeSet = false;
        }

        /** CONFIGs for {@code writes}: runs of consecutive addresses, at most six registers each. */
        private void emitConfig(List<RegisterWrite> writes, int layer) {
            List<RegisterWrite> sorted = new ArrayList<>(writes);
            sorted.sort(Comparator.comparingInt(RegisterWrite::address));
            for (int i = 0; i < sorted.size(); ) {
                int j = i + 1;
                while (j < sorted.size() && j - i < Field.VALUES.length
                        && sorted.get(j).address() == sorted.get(j - 1).address() + 1) j++;
                long[] values = new long[j - i];
                for (int k = i; k < j; k++) values[k - i] = sorted.get(k).bits(widths);
                add(Instruction.config(sorted.get(i).address(), values), List.of(), layer);
                i = j;
            }
        }

        private void emitSaves(Work w, List<Integer> reusedRoots, int[] lastInputLoadOfLayer) {
            LayerPlan lp = plans.get(w.layer);
            FeatureMap out = lp.out();
            Run r = w.run;
            List<Integer> d = new ArrayList<>();
            d.add(w.conv);
            // The bytes held a dead buffer: every layer that loaded any part of it must be done loading.
            for (int dead : reusedRoots) {
                for (int loader : graph.loaders(dead)) {
                    if (lastInputLoadOfLayer[loader] >= 0) d.add(lastInputLoadOfLayer[loader]);
                }
            }
            // A slice that keeps its sums leaves nothing in the output buffer.
            if (lp.op() == null && r.keepsSums(c, lp.layer().geometry())) return;
            int words = r.outRows() * r.outCols();
            // An upsample's output word goes to FH x FW pixels: one SAVE per replica, every FW-th pixel of every FH-th row.
            int fh = lp.op() instanceof UpsampleLowering u ? u.factorH() : 1, fw = lp.op() instanceof UpsampleLowering u ? u.factorW() : 1;
            for (int grp = 0; grp < r.ocGroups(); grp++) {
                int channel = (r.ocg0() + grp) * (lp.op() != null ? OperatorLowering.groupChannels(c) : c.ocp());
                for (int dy = 0; dy < fh; dy++) {
                    for (int dx = 0; dx < fw; dx++) {
                        Instruction save = Instruction.save(out.region().number(),
                                out.at(r.oy0() * fh + dy, r.ox0() * fw + dx, channel), w.bases.output() + (long) grp * words,
                                r.outCols(), r.outRows(), fw * out.pixelStep(), fh * out.rowStep(), 1, r.outCols());
                        w.lastSave = add(save, d, w.layer);
                    }
                }
            }
        }

        private int add(Instruction i, List<Integer> d, int layer) {
            ins.add(i);
            deps.add(List.copyOf(d));
            layerOf.add(layer);
            return ins.size() - 1;
        }

        private List<PlacedRun> placedRuns() {
            List<PlacedRun> out = new ArrayList<>();
            for (Work w : work) out.add(new PlacedRun(w.layer, w.run, w.bases, w.loadsInput, w.loadsChannels, w.conv));
            return out;
        }

        private NetProgram netProgram(List<Instruction> program) {
            int[] layers = layerOf.stream().mapToInt(Integer::intValue).toArray();
            List<NetProgram.LayerInfo> infos = new ArrayList<>();
            for (int li = 0; li < plans.size(); li++) {
                LayerPlan lp = plans.get(li);
                long cycles = 0;
                for (Run r : lp.runs()) cycles += lp.runCycles(r);
                long loaded = 0, saved = 0;
                int count = 0;
                for (int i = 0; i < program.size(); i++) {
                    if (layers[i] != li) continue;
                    count++;
                    Instruction x = program.get(i);
                    long elements = x.get(Field.N0) * x.get(Field.N1);
                    if (x.opcode() == Opcode.LOAD) loaded += elements * (x.get(Field.TARGET) == LoadTarget.BIAS.code() ? 4 : c.icp());
                    if (x.opcode() == Opcode.SAVE) saved += elements * c.ocp();
                }
                infos.add(new NetProgram.LayerInfo(lp.name(), lp.lowering(), lp.in(), lp.out(), lp.runs().size(),
                        lp.doubleBuffered(), cycles, loaded, saved, count, lp.macs()));
            }
            LayerPlan first = plans.getFirst();
            List<NetProgram.RegionImage> regions = List.of(
                    new NetProgram.RegionImage(Region.PARAMS, params.bytes().length, params.bytes()),
                    new NetProgram.RegionImage(Region.WORKSPACE, workspace.size(), null),
                    new NetProgram.RegionImage(Region.INPUT, first.in().bytes(), inputImage(first)),
                    new NetProgram.RegionImage(Region.OUTPUT, outputBytes, null));
            return new NetProgram(c, program, layers, regions, infos);
        }

        /** The (lowered) network input in its feature-map layout, pad channels zero. */
        private static byte[] inputImage(LayerPlan first) {
            FeatureMap in = first.in();
            byte[] img = new byte[Math.toIntExact(in.bytes())];
            byte[] x = first.input().data();
            for (int y = 0; y < in.h(); y++) {
                for (int xx = 0; xx < in.w(); xx++) {
                    for (int ch = 0; ch < in.c(); ch++) img[(int) in.at(y, xx, ch)] = x[(y * in.w() + xx) * in.c() + ch];
                }
            }
            return img;
        }
    }
}
