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

    private ImportCheck.Agreement check(TestModels.Model m) throws Exception {
        long seed = seed();
        Path model = m.build().apply(seed).write(dir.resolve(m.name() + ".onnx"));
        ImportCheck.Agreement a = ImportCheck.run(model, m.inputShape(), dir, seed);
        assertTrue(a.relativeRms() < TOLERANCE, "int8 vs float relative RMS " + a.relativeRms() + " (seed " + seed + ")");
        return a;
    }

    /** conv+bn+relu -> maxpool -> conv+relu -> maxpool -> flatten -> gemm+relu -> gemm, like the seed CustomNet. */
    @Test
    void customNetShapedModel() throws Exception {
        ImportCheck.Agreement a = check(TestModels.CUSTOMNET);
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
        ImportCheck.Agreement a = check(TestModels.RESIDUAL);
        assertEquals(List.of("conv2d", "depthwise_conv2d", "conv2d", "add", "avgpool", "conv2d"), ImportCheck.ops(a.result()));
        NetworkSpec.Layer add = a.result().network().layers().get(3);
        assertEquals(2, add.inputs().size());
        assertEquals(a.result().network().layers().get(0).name(), add.inputs().get(1));
    }

    /** Two branches joined by a channel concat, then a conv; a depthwise conv with multiplier 2 on one branch. */
    @Test
    void concatOfBranchesSharesOneFixPoint() throws Exception {
        ImportCheck.Agreement a = check(TestModels.CONCAT);
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
        ImportCheck.Agreement a = check(TestModels.PADS);
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
        ImportCheck.Agreement a = check(TestModels.MATMUL);
        assertEquals(List.of("conv2d", "conv2d"), ImportCheck.ops(a.result()));
        assertEquals("leaky_relu", a.result().network().layers().get(0).spec().activation().type());
        assertEquals(EdgeLayout.NC, a.result().edge().input().layout());
    }
}
