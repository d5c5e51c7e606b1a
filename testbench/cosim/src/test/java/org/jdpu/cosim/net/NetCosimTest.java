package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.golden.Golden;
import org.jdpu.memory.DdrTiming;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole networks on the RTL from one START, checked layer by layer against the golden model and the ISS. */
class NetCosimTest {
    record Net(NetworkSpec spec, Int8Tensor input, List<LayerTensors> tensors) {}

    static Net chain(long seed, int h, int w, int c, int[][] layers) {
        Random rnd = new Random(seed);
        List<NetworkSpec.Layer> specs = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        FeatureShape in = new FeatureShape(h, w, c);
        int fp = 4;
        for (int i = 0; i < layers.length; i++) {
            int oc = layers[i][0], k = layers[i][1], stride = layers[i][2], pad = layers[i][3];
            Quant.ShiftQuant q = new Quant.ShiftQuant(fp, 7, fp + 7 - 2, fp + 3);
            Conv2dSpec s = new Conv2dSpec(in, oc, new Window(k, k, stride, stride, 1, 1, new Padding(pad, pad, pad, pad)), q,
                    Activation.RELU);
            specs.add(new NetworkSpec.Layer("conv" + (i + 1), s, null, null, null));
            tensors.add(new LayerTensors(int8(rnd, s.weightShape()), int32(rnd, oc)));
            in = s.output();
            fp = q.fpOutput();
        }
        return new Net(new NetworkSpec(null, specs), int8(rnd, 1, h, w, c), tensors);
    }

    /**
     * One layer of a test graph: its name, the layers it reads, and {oc, kernel, stride, pad} for a
     * conv (null for a concat of its inputs); {@code output} marks a network output.
     */
    record Node(String name, List<String> inputs, int[] conv, boolean output) {}

    /** A graph of conv2d layers and concats; each conv's fix points follow its first input's. */
    static Net graph(long seed, int h, int w, int c, Node... nodes) {
        Random rnd = new Random(seed);
        List<NetworkSpec.Layer> specs = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        java.util.Map<String, FeatureShape> shapes = new java.util.HashMap<>();
        java.util.Map<String, Integer> fps = new java.util.HashMap<>();
        shapes.put(NetworkSpec.INPUT, new FeatureShape(h, w, c));
        fps.put(NetworkSpec.INPUT, 4);
        for (Node n : nodes) {
            int fp = fps.get(n.inputs().getFirst());
            org.jdpu.spec.LayerSpec spec;
            if (n.conv() == null) {
                spec = new org.jdpu.spec.ConcatSpec(n.inputs().stream().map(shapes::get).toList());
                tensors.add(new LayerTensors(null, null));
                fps.put(n.name(), fp);
            } else {
                int oc = n.conv()[0], k = n.conv()[1], stride = n.conv()[2], pad = n.conv()[3];
                Quant.ShiftQuant q = new Quant.ShiftQuant(fp, 7, fp + 7 - 2, fp + 3);
                Conv2dSpec conv = new Conv2dSpec(shapes.get(n.inputs().getFirst()), oc,
                        new Window(k, k, stride, stride, 1, 1, new Padding(pad, pad, pad, pad)), q, Activation.RELU);
                tensors.add(new LayerTensors(int8(rnd, conv.weightShape()), int32(rnd, oc)));
                fps.put(n.name(), q.fpOutput());
                spec = conv;
            }
            shapes.put(n.name(), spec.output());
            specs.add(new NetworkSpec.Layer(n.name(), spec, null, null, n.inputs(), n.output()));
        }
        return new Net(new NetworkSpec(null, specs), int8(rnd, 1, h, w, c), tensors);
    }

    /**
     * stem -> a (3x3), b (1x1) -> cat(a, b) -> head (1x1); side (1x1) reads a and is a second
     * output. Branch a has {@code ca} channels, a multiple of the configuration's concat group.
     */
    static Net branchAndConcat(long seed, int ca) {
        return graph(seed, 7, 9, 3,
                new Node("stem", List.of(NetworkSpec.INPUT), new int[] {6, 3, 1, 1}, false),
                new Node("a", List.of("stem"), new int[] {ca, 3, 1, 1}, false),
                new Node("b", List.of("stem"), new int[] {5, 1, 1, 0}, false),
                new Node("cat", List.of("a", "b"), null, false),
                new Node("side", List.of("a"), new int[] {4, 1, 1, 0}, true),
                new Node("head", List.of("cat"), new int[] {6, 1, 1, 0}, false));
    }

    static Int8Tensor int8(Random rnd, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (rnd.nextInt(61) - 30);
        return new Int8Tensor(shape, b);
    }

    static Int32Tensor int32(Random rnd, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextInt(401) - 200;
        return new Int32Tensor(new int[] {n}, v);
    }

    /** Runs {@code net} on {@code c} without stress: every layer exact, cycles equal to the whole-program model. */
    static NetCosimResult checkCalm(DpuConfig c, Net net, String context) {
        NetCosimResult r = run(c, net, NetCosim.Options.defaults());
        assertTrue(r.passed(), context + r.resultLine());
        assertEquals(r.predictedCycles(), r.run().cycles(), context + "the cycle model");
        return r;
    }

    static NetCosimResult run(DpuConfig c, Net net, NetCosim.Options o) {
        NetCosimResult r = NetCosim.run(c, AxiConfig.DEFAULT, net.spec(), net.input(), net.tensors(), o, null);
        for (NetLayerResult l : r.layers()) System.out.println(r.layerLine(l));
        System.out.println(r.resultLine());
        r.mismatches().forEach(m -> System.out.println(m));
        if (r.run().dataCheck() != null) System.out.println(r.run().dataCheck());
        if (r.run().instrCheck() != null) System.out.println(r.run().instrCheck());
        return r;
    }

    @Test
    void threeLayerChainOnB512() {
        Net net = chain(1, 12, 12, 8, new int[][] {{16, 3, 1, 1}, {16, 3, 2, 1}, {8, 1, 1, 0}});
        NetCosimResult r = run(DpuConfig.parse("B512"), net, NetCosim.Options.defaults());
        assertTrue(r.passed(), r.resultLine());
    }

    @Test
    void stressChangesCyclesNotResults() {
        Net net = chain(2, 10, 11, 8, new int[][] {{16, 3, 1, 1}, {12, 3, 2, 1}, {8, 1, 1, 0}});
        DpuConfig c = DpuConfig.parse("B512");
        NetCosimResult calm = run(c, net, NetCosim.Options.defaults());
        long seed = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        System.out.println("NetCosimTest.stressChangesCyclesNotResults stress seed " + seed);
        NetCosimResult stressed = run(c, net, NetCosim.Options.defaults().withStress(seed));
        assertTrue(calm.passed(), calm.resultLine());
        assertTrue(stressed.passed(), "stress seed " + seed + ": " + stressed.resultLine());
        assertTrue(stressed.run().cycles() > calm.run().cycles(), "stress must slow the run down: " + stressed.resultLine());
        for (int i = 0; i < calm.rtlOutputs().size(); i++) {
            assertEquals(calm.rtlOutputs().get(i), stressed.rtlOutputs().get(i), "layer " + i);
        }
    }

    /** The graph on {@code c} calm (cycles as the model predicts) and under stress (same bytes). */
    static void graphWithAndWithoutStress(DpuConfig c) {
        Net net = branchAndConcat(4, org.jdpu.compiler.net.NetworkCompiler.concatChannelGroup(c));
        NetCosimResult r = run(c, net, NetCosim.Options.defaults());
        assertTrue(r.passed(), r.resultLine());
        assertEquals(6, r.layers().size(), "every layer is checked, the concat too");
        assertEquals(r.predictedCycles(), r.run().cycles(), "the cycle model");
        long seed = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        System.out.println("NetCosimTest.graph on " + c.name() + " stress seed " + seed);
        NetCosimResult s = run(c, net, NetCosim.Options.defaults().withStress(seed));
        assertTrue(s.passed(), "stress seed " + seed + ": " + s.resultLine());
        for (int i = 0; i < r.rtlOutputs().size(); i++) {
            assertEquals(r.rtlOutputs().get(i), s.rtlOutputs().get(i), "layer " + i);
        }
    }

    @Test
    void branchesConcatAndTwoOutputsOnB512() {
        graphWithAndWithoutStress(DpuConfig.parse("B512"));
    }

    @Test
    void branchesConcatAndTwoOutputsOnAnOddConfiguration() {
        graphWithAndWithoutStress(DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32"));
    }

    @Test
    void tiledChainsOnAnOddConfigurationWithAndWithoutStress() {
        // Small buffers force many runs per layer, double-buffered halves, column bands and channel chunks.
        DpuConfig c = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32");
        Net net = chain(3, 9, 13, 6, new int[][] {{9, 3, 1, 1}, {11, 3, 2, 1}, {7, 1, 1, 0}, {5, 3, 1, 0}});
        NetCosimResult r = run(c, net, NetCosim.Options.defaults());
        assertTrue(r.passed(), r.resultLine());
        assertEquals(r.predictedCycles(), r.run().cycles(), "the cycle model");
        long seed = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        System.out.println("NetCosimTest.tiledChainsOnAnOddConfiguration stress seed " + seed);
        NetCosimResult s = run(c, net, NetCosim.Options.defaults().withStress(seed));
        assertTrue(s.passed(), "stress seed " + seed + ": " + s.resultLine());
        assertTrue(r.program().layers().stream().filter(l -> l.runs() > 1).count() >= 3, "the layers tile");
    }
}
