package org.jdpu.importer.onnx;

import org.jdpu.importer.edge.EdgeLayout;
import org.jdpu.importer.edge.ModelEdgeJson;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.jdpu.importer.onnx.OnnxModelBuilder.ints;
import static org.jdpu.importer.onnx.OnnxModelBuilder.longs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small float models built in the test: each imports, its network parses back, and the golden
 * model's INT8 outputs (dequantized) stay within {@value #TOLERANCE} relative RMS error of the
 * float reference on held-out random images.
 */
class OnnxImportTest {
    /** Relative RMS error bound for per-tensor power-of-two INT8 against float on these random-weight models. */
    static final double TOLERANCE = 0.05;

    @TempDir
    Path dir;

    private static long seed() {
        long s = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("seed " + s + " (-Djdpu.seed=" + s + " repeats it)");
        return s;
    }

    private ImportCheck.Agreement check(OnnxModelBuilder b, long seed, int... inputShape) throws Exception {
        Path model = b.write(dir.resolve("m.onnx"));
        ImportCheck.Agreement a = ImportCheck.run(model, inputShape, dir, seed);
        assertTrue(a.relativeRms() < TOLERANCE, "int8 vs float relative RMS " + a.relativeRms() + " (seed " + seed + ")");
        return a;
    }

    /** conv+bn+relu -> maxpool -> conv+relu -> maxpool -> flatten -> gemm+relu -> gemm, like the seed CustomNet. */
    @Test
    void customNetShapedModel() throws Exception {
        long seed = seed();
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", -1, 1, 16, 16);
        String t = b.relu(b.batchNorm(b.conv("x", 1, 8, 3, 1, 1, 1), 8));
        t = b.maxPool(t, 2, 2);
        t = b.relu(b.conv(t, 8, 16, 3, 1, 1, 1));
        t = b.maxPool(t, 2, 2);
        t = b.node("Flatten", new String[] {t}, OnnxModelBuilder.integer("axis", 1));
        t = b.relu(b.gemm(t, 16 * 4 * 4, 32));
        t = b.gemm(t, 32, 10);
        b.output(t);
        ImportCheck.Agreement a = check(b, seed, 1, 1, 16, 16);
        NetworkSpec net = a.result().network();
        assertEquals(List.of("conv2d", "maxpool", "conv2d", "maxpool", "conv2d", "conv2d"), ImportCheck.ops(a.result()));
        Conv2dSpec fc1 = (Conv2dSpec) net.layers().get(4).spec();
        assertEquals(4, fc1.window().kh(), "the first Gemm is a conv over the whole 4x4 map");
        assertEquals(32, fc1.outputChannels());
        assertEquals(EdgeLayout.NC, a.result().edge().outputs().getFirst().layout());
        assertArrayEquals(new int[] {1, 10}, a.result().edge().outputs().getFirst().shape());
        assertArrayEquals(new int[] {1, 1, 16, 16}, a.result().edge().input().shape(), "dynamic batch taken as 1");
        assertTrue(java.nio.file.Files.exists(dir.resolve("net").resolve(ModelEdgeJson.FILE)));
        assertEquals(a.result().edge(), ModelEdgeJson.read(dir.resolve("net").resolve(ModelEdgeJson.FILE)));
    }

    /** A residual block: conv -> [depthwise 3x3 + pointwise 1x1] + skip -> relu -> global average pool -> gemm. */
    @Test
    void residualAddWithDepthwise() throws Exception {
        long seed = seed();
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", 1, 3, 12, 12);
        String skip = b.relu(b.conv("x", 3, 8, 3, 1, 1, 1));
        String t = b.relu(b.conv(skip, 8, 8, 3, 1, 1, 8));
        t = b.conv(t, 8, 8, 1, 1, 0, 1);
        t = b.relu(b.node("Add", new String[] {t, skip}));
        t = b.node("GlobalAveragePool", new String[] {t});
        t = b.node("Flatten", new String[] {t});
        b.output(b.gemm(t, 8, 5));
        ImportCheck.Agreement a = check(b, seed, 1, 3, 12, 12);
        assertEquals(List.of("conv2d", "depthwise_conv2d", "conv2d", "add", "avgpool", "conv2d"), ImportCheck.ops(a.result()));
        NetworkSpec.Layer add = a.result().network().layers().get(3);
        assertEquals(2, add.inputs().size());
        assertEquals(a.result().network().layers().get(0).name(), add.inputs().get(1));
    }

    /** Two branches joined by a channel concat, then a conv; a depthwise conv with multiplier 2 on one branch. */
    @Test
    void concatOfBranchesSharesOneFixPoint() throws Exception {
        long seed = seed();
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", 1, 4, 10, 10);
        String left = b.relu(b.conv("x", 4, 6, 3, 1, 1, 1));
        String right = b.relu(b.conv("x", 4, 8, 3, 1, 1, 4));
        String cat = b.node("Concat", new String[] {left, right}, OnnxModelBuilder.integer("axis", 1));
        b.output(b.conv(cat, 14, 4, 1, 1, 0, 1));
        ImportCheck.Agreement a = check(b, seed, 1, 4, 10, 10);
        NetworkSpec net = a.result().network();
        assertEquals(List.of("conv2d", "depthwise_conv2d", "concat", "conv2d"), ImportCheck.ops(a.result()));
        assertEquals(2, ((DepthwiseConv2dSpec) net.layers().get(1).spec()).depthMultiplier());
        int fpLeft = ((Conv2dSpec) net.layers().get(0).spec()).quant() instanceof org.jdpu.spec.Quant.ShiftQuant q ? q.fpOutput() : -99;
        int fpRight = ((org.jdpu.spec.Quant.ShiftQuant) ((DepthwiseConv2dSpec) net.layers().get(1).spec()).quant()).fpOutput();
        assertEquals(fpLeft, fpRight, "concat sources share one fix point");
    }

    /** Pad nodes merge into the next conv's and average pool's padding; Clip(0, 6) becomes relu6. */
    @Test
    void padsMergeIntoTheNextLayer() throws Exception {
        long seed = seed();
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", 1, 2, 9, 9);
        b.initializer(longs("pads1", 0, 0, 1, 2, 0, 0, 1, 0));
        b.initializer(longs("pads2", 0, 0, 1, 1, 0, 0, 1, 1));
        b.initializer(OnnxModelBuilder.floats("zero", new int[0], new float[] {0f}));
        b.initializer(OnnxModelBuilder.floats("six", new int[0], new float[] {6f}));
        String t = b.node("Pad", new String[] {"x", "pads1"});
        t = b.conv(t, 2, 4, 3, 1, 0, 1);
        t = b.node("Clip", new String[] {t, "zero", "six"});
        t = b.node("Pad", new String[] {t, "pads2"});
        t = b.node("AveragePool", new String[] {t}, ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        b.output(t);
        ImportCheck.Agreement a = check(b, seed, 1, 2, 9, 9);
        Conv2dSpec conv = (Conv2dSpec) a.result().network().layers().get(0).spec();
        assertEquals(new Padding(1, 2, 1, 0), conv.window().padding());
        assertEquals("relu6", conv.activation().type());
        PoolSpec pool = (PoolSpec) a.result().network().layers().get(1).spec();
        assertEquals(new Padding(1, 1, 1, 1), pool.window().padding());
        assertInstanceOf(PoolSpec.class, pool);
        assertArrayEquals(new int[] {1, 4, 5, 5}, a.result().edge().outputs().getFirst().shape());
        assertEquals(EdgeLayout.NCHW, a.result().edge().outputs().getFirst().layout());
    }

    /** MatMul + Add becomes one dense conv with the bias folded; LeakyRelu(0.1) the DPU's leaky ReLU. */
    @Test
    void matMulWithBiasAddAndLeakyRelu() throws Exception {
        long seed = seed();
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", 1, 20);
        String w = b.random("mw", 0.5f, 20, 12);
        String bias = b.random("mb", 0.1f, 12);
        String t = b.node("MatMul", new String[] {"x", w});
        t = b.node("Add", new String[] {t, bias});
        t = b.node("LeakyRelu", new String[] {t}, OnnxModelBuilder.real("alpha", 0.1f));
        b.output(b.gemm(t, 12, 3));
        ImportCheck.Agreement a = check(b, seed, 1, 20);
        assertEquals(List.of("conv2d", "conv2d"), ImportCheck.ops(a.result()));
        assertEquals("leaky_relu", a.result().network().layers().get(0).spec().activation().type());
        assertEquals(EdgeLayout.NC, a.result().edge().input().layout());
    }
}
