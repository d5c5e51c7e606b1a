package org.jdpu.golden;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.GlobalAvgPoolSpec;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolQuant;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Quant;
import org.jdpu.spec.SoftmaxSpec;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.UpsampleSpec;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Shapes;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Networks written to disk with the new operators: they parse, chain their encodings and run layer by layer. */
class NetworkOpsTest {
    private static final RandomDataGenerator RND = new RandomDataGenerator(new Well19937c(7));
    private static final FeatureShape IN = new FeatureShape(6, 6, 3);
    private static final Window SAME_3X3 = new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1));
    private static final Window HALVE = new Window(2, 2, 2, 2, 1, 1, Padding.NONE);

    @TempDir
    Path tmp;

    private static Int8Tensor int8(int... shape) {
        byte[] d = new byte[Shapes.elementCount(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (byte) RND.nextInt(-128, 127);
        return new Int8Tensor(shape, d);
    }

    private static Quant.MultiplierQuant tflite(int zpIn, int zpOut, int channels) {
        int[] m = new int[channels], s = new int[channels];
        java.util.Arrays.fill(m, 1518500250);
        java.util.Arrays.fill(s, -8);
        return new Quant.MultiplierQuant(zpIn, zpOut, m, s);
    }

    /** Checks that each layer's output is the golden model of that layer on its sources' outputs. */
    private static void assertWiredLayerByLayer(NetworkSpec net, Int8Tensor x, List<NetworkWriter.Entry> entries) {
        Map<String, Tensor> out = NetworkRunner.runAll(net, x);
        for (int i = 0; i < entries.size(); i++) {
            NetworkWriter.Entry e = entries.get(i);
            NetworkSpec.Layer l = net.layers().get(i);
            Int8Tensor a = (Int8Tensor) (l.inputA().equals(NetworkSpec.INPUT) ? x : out.get(l.inputA()));
            Tensor expected = e.spec() instanceof AddSpec add
                    ? Golden.add(add, a, (Int8Tensor) out.get(l.inputs().get(1)))
                    : Golden.run(e.spec(), a, e.weights(), e.bias());
            assertEquals(expected, out.get(e.name()), e.name());
        }
    }

    @Test
    void aShiftModeHeadWithGlobalPoolingDenseAndSoftmax() {
        Conv2dSpec conv = new Conv2dSpec(IN, 4, SAME_3X3, new Quant.ShiftQuant(4, 7, 6, 3), Activation.RELU);
        LayerSpec pool = new PoolSpec(PoolSpec.Kind.MAX, conv.output(), HALVE, Activation.NONE);
        LayerSpec global = new GlobalAvgPoolSpec(pool.output(), PoolQuant.SHIFT, Activation.NONE);
        DenseSpec dense = new DenseSpec(global.output(), 10, new Quant.ShiftQuant(3, 7, 8, 2), Activation.NONE);
        SoftmaxSpec softmax = SoftmaxSpec.of(dense.output(), 1.0, 0.25);
        List<NetworkWriter.Entry> entries = List.of(
                new NetworkWriter.Entry("conv", conv, int8(conv.weightShape()), null),
                new NetworkWriter.Entry("pool", pool, null, null),
                new NetworkWriter.Entry("gap", global, null, null),
                new NetworkWriter.Entry("fc", dense, int8(dense.weightShape()), null),
                new NetworkWriter.Entry("prob", softmax, null, null));
        NetworkSpec net = NetworkWriter.write(tmp.resolve("head"), entries);
        Int8Tensor x = int8(IN.tensorShape());
        assertArrayEquals(new int[] {1, 1, 1, 10}, NetworkRunner.run(net, x).shape());
        assertWiredLayerByLayer(net, x, entries);
        assertTrue(net.last().runsOnHost());
        NetworkSpec engine = net.engineLayers();
        assertEquals(List.of("conv", "pool", "gap", "fc"), engine.layers().stream().map(NetworkSpec.Layer::name).toList());
        assertEquals(List.of("prob"), net.hostLayers().stream().map(NetworkSpec.Layer::name).toList());
    }

    @Test
    void hostRunLayersComeAfterEveryEngineLayer() {
        SoftmaxSpec softmax = SoftmaxSpec.of(new FeatureShape(1, 1, 12), 1.0, 0.1);
        DenseSpec dense = new DenseSpec(softmax.output(), 4, new Quant.ShiftQuant(3, 7, 8, 2), Activation.NONE);
        SpecException e = assertThrows(SpecException.class, () -> NetworkWriter.write(tmp.resolve("late"), List.of(
                new NetworkWriter.Entry("prob", softmax, null, null),
                new NetworkWriter.Entry("fc", dense, int8(dense.weightShape()), null))));
        assertEquals("$[1].layer.input", e.field(), e.getMessage());
        assertTrue(e.problem().startsWith("layer \"prob\" (softmax) runs on the host; only host-run layers may read it"),
                e.problem());
    }

    @Test
    void aTfliteChainWithUpsamplePoolsMeanDenseAndAdd() {
        Conv2dSpec conv = new Conv2dSpec(IN, 4, SAME_3X3, tflite(-128, 5, 4), Activation.NONE);
        LayerSpec up = new UpsampleSpec(conv.output(), 2, 2);
        LayerSpec pool = new PoolSpec(PoolSpec.Kind.AVG, up.output(), HALVE, new PoolQuant.TflitePool(5), Activation.RELU);
        LayerSpec mean = new GlobalAvgPoolSpec(pool.output(), new PoolQuant.TfliteMean(5, -2, 1 << 30, 1), Activation.NONE);
        DenseSpec dense = new DenseSpec(mean.output(), 8, tflite(-2, 3, 8), Activation.NONE);
        AddSpec add = new AddSpec(dense.output(), new AddSpec.TfliteAddQuant(3, 3, 0, 1 << 30, 0, 1 << 30, 0, 1 << 30, -18),
                Activation.NONE);
        List<NetworkWriter.Entry> entries = List.of(
                new NetworkWriter.Entry("conv", conv, int8(conv.weightShape()), null),
                new NetworkWriter.Entry("up", up, null, null),
                new NetworkWriter.Entry("pool", pool, null, null),
                new NetworkWriter.Entry("mean", mean, null, null),
                new NetworkWriter.Entry("fc", dense, int8(dense.weightShape()), null),
                new NetworkWriter.Entry("twice", add, null, null, List.of("fc", "fc"), false));
        NetworkSpec net = NetworkWriter.write(tmp.resolve("tflite"), entries);
        Int8Tensor x = int8(IN.tensorShape());
        assertWiredLayerByLayer(net, x, entries);
    }

    @Test
    void zeroPointsMustChainThroughTheNewOperators() {
        Conv2dSpec conv = new Conv2dSpec(IN, 4, SAME_3X3, tflite(0, 5, 4), Activation.NONE);
        LayerSpec mean = new GlobalAvgPoolSpec(conv.output(), new PoolQuant.TfliteMean(4, -2, 1 << 30, 1), Activation.NONE);
        SpecException e = assertThrows(SpecException.class, () -> NetworkWriter.write(tmp.resolve("bad"), List.of(
                new NetworkWriter.Entry("conv", conv, int8(conv.weightShape()), null),
                new NetworkWriter.Entry("mean", mean, null, null))));
        assertEquals("$[1].layer.quant.input_zero_point", e.field(), e.getMessage());
        assertTrue(e.problem().contains("reads its input as zero point 4 (multiplier mode) but it was written as zero "
                + "point 5 (multiplier mode)"), e.problem());

        AddSpec add = new AddSpec(conv.output(), new AddSpec.TfliteAddQuant(5, 3, 0, 1 << 30, 0, 1 << 30, 0, 1 << 30, -18),
                Activation.NONE);
        e = assertThrows(SpecException.class, () -> NetworkWriter.write(tmp.resolve("bad"), List.of(
                new NetworkWriter.Entry("conv", conv, int8(conv.weightShape()), null),
                new NetworkWriter.Entry("sum", add, null, null, List.of("conv", "conv"), false))));
        assertEquals("$[1].layer.quant.input_b_zero_point", e.field(), e.getMessage());
    }
}
