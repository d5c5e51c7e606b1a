package org.jdpu.importer.onnx;

import org.jdpu.importer.edge.EdgeLayout;
import org.jdpu.importer.edge.ModelEdgeJson;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.UpsampleSpec;
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

    /**
     * The models' random weights and inputs. The bounds below are statistical (quantization error on
     * random weights has a long tail over seeds), so the default seed is fixed; {@code -Djdpu.seed=N}
     * runs another.
     */
    private static long seed() {
        long s = Long.getLong("jdpu.seed", DEFAULT_SEED);
        System.out.println("seed " + s + " (-Djdpu.seed=" + s + " repeats it)");
        return s;
    }

    static final long DEFAULT_SEED = 20261202L;

    private ImportCheck.Agreement check(TestModels.Model m) throws Exception {
        return check(m, TOLERANCE);
    }

    private ImportCheck.Agreement check(TestModels.Model m, double tolerance) throws Exception {
        long seed = seed();
        Path model = m.build().apply(seed).write(dir.resolve(m.name() + ".onnx"));
        ImportCheck.Agreement a = ImportCheck.run(model, m.inputShape(), dir, seed);
        assertTrue(a.relativeRms() < tolerance, "int8 vs float relative RMS " + a.relativeRms() + " (seed " + seed + ")");
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
        assertEquals(List.of("conv2d", "depthwise_conv2d", "conv2d", "add", "global_avgpool", "conv2d"),
                ImportCheck.ops(a.result()));
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

    /** PyTorch's view(size(0), -1) shape chain folds to a flatten. */
    @Test
    void shapeArithmeticBeforeReshapeFolds() throws Exception {
        ImportCheck.Agreement a = check(TestModels.VIEW);
        assertEquals(List.of("conv2d", "maxpool", "conv2d"), ImportCheck.ops(a.result()));
        assertEquals(3, ((Conv2dSpec) a.result().network().layers().get(2).spec()).window().kh());
    }

    /** Nearest Resize becomes upsample, sharing its input's fix point. */
    @Test
    void resizeBecomesUpsample() throws Exception {
        ImportCheck.Agreement a = check(TestModels.RESIZE);
        assertEquals(List.of("conv2d", "upsample", "conv2d"), ImportCheck.ops(a.result()));
        assertArrayEquals(new int[] {1, 3, 10, 10}, a.result().edge().outputs().getFirst().shape());
    }

    /**
     * A Gemm over a map larger than a convolution's 16x16 kernel becomes a dense layer; a small one
     * stays conv2d. The bound is wider here: a 784-wide dot product of uncentred inputs spreads the
     * hidden layer over a wide range, so its 8-bit power-of-two step is coarse (about 5-7 % measured).
     */
    @Test
    void gemmOverALargeMapBecomesDense() throws Exception {
        ImportCheck.Agreement a = check(TestModels.MLP, 0.10);
        assertEquals(List.of("dense", "conv2d"), ImportCheck.ops(a.result()));
    }

    /** A final Softmax is the golden model's host-run int8 softmax; the output edge has its fixed scale 1/256. */
    @Test
    void finalSoftmaxRunsOnTheHost() throws Exception {
        ImportCheck.Agreement a = check(TestModels.SOFTMAX);
        assertEquals(List.of("conv2d", "global_avgpool", "conv2d", "softmax"), ImportCheck.ops(a.result()));
        assertEquals(new org.jdpu.importer.edge.EdgeQuant.Affine(1.0 / 256, -128), a.result().edge().outputs().getFirst().quant());
    }

    /** Older operator sets: Pad and Clip with attributes, Upsample with a scales input. */
    @Test
    void opset9Spellings() throws Exception {
        ImportCheck.Agreement a = check(TestModels.OPSET9);
        assertEquals(List.of("conv2d", "upsample", "conv2d"), ImportCheck.ops(a.result()));
        Conv2dSpec first = (Conv2dSpec) a.result().network().layers().getFirst().spec();
        assertEquals(new Padding(1, 1, 1, 1), first.window().padding());
        assertEquals("relu6", first.activation().type());
    }

    /** An NHWC input with a Transpose to NCHW: the edge is NHWC and the transpose disappears. */
    @Test
    void nhwcInputTransposedToNchw() throws Exception {
        ImportCheck.Agreement a = check(TestModels.NHWC);
        assertEquals(List.of("conv2d", "maxpool", "conv2d"), ImportCheck.ops(a.result()));
        assertEquals(EdgeLayout.NHWC, a.result().edge().input().layout());
        assertArrayEquals(new int[] {1, 6, 6, 3}, a.result().edge().input().shape());
    }

    /** Resize given output sizes, with the default half_pixel / round_prefer_floor: still a repeat. */
    @Test
    void resizeBySizes() throws Exception {
        ImportCheck.Agreement a = check(TestModels.RESIZE_SIZES);
        UpsampleSpec up = (UpsampleSpec) a.result().network().layers().get(1).spec();
        assertEquals(3, up.factorH());
        assertEquals(2, up.factorW());
    }
}
