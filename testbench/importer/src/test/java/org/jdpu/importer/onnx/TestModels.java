package org.jdpu.importer.onnx;

import static org.jdpu.importer.onnx.OnnxModelBuilder.floats;
import static org.jdpu.importer.onnx.OnnxModelBuilder.integer;
import static org.jdpu.importer.onnx.OnnxModelBuilder.ints;
import static org.jdpu.importer.onnx.OnnxModelBuilder.longs;
import static org.jdpu.importer.onnx.OnnxModelBuilder.real;

import java.util.List;
import java.util.function.LongFunction;

/** The small float models of the import tests, each with its input shape; random weights from the seed. */
final class TestModels {
    private TestModels() {}

    /** A model, its input shape, and how to build it from a seed. */
    record Model(String name, int[] inputShape, LongFunction<OnnxModelBuilder> build) {}

    /** conv+bn+relu -> maxpool -> conv+relu -> maxpool -> flatten -> gemm+relu -> gemm, like the seed CustomNet. */
    static final Model CUSTOMNET = new Model("customnet", new int[] {1, 1, 16, 16}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", -1, 1, 16, 16);
        String t = b.relu(b.batchNorm(b.conv("x", 1, 8, 3, 1, 1, 1), 8));
        t = b.maxPool(t, 2, 2);
        t = b.relu(b.conv(t, 8, 16, 3, 1, 1, 1));
        t = b.maxPool(t, 2, 2);
        t = b.node("Flatten", new String[] {t}, integer("axis", 1));
        t = b.relu(b.gemm(t, 16 * 4 * 4, 32));
        return b.output(b.gemm(t, 32, 10));
    });

    /** A residual block: conv -> [depthwise 3x3 + pointwise 1x1] + skip -> relu -> global average pool -> gemm. */
    static final Model RESIDUAL = new Model("residual", new int[] {1, 3, 12, 12}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", 1, 3, 12, 12);
        String skip = b.relu(b.conv("x", 3, 8, 3, 1, 1, 1));
        String t = b.relu(b.conv(skip, 8, 8, 3, 1, 1, 8));
        t = b.conv(t, 8, 8, 1, 1, 0, 1);
        t = b.relu(b.node("Add", new String[] {t, skip}));
        t = b.node("GlobalAveragePool", new String[] {t});
        t = b.node("Flatten", new String[] {t});
        return b.output(b.gemm(t, 8, 5));
    });

    /** Two branches joined by a channel concat, then a conv; the right branch is depthwise with multiplier 2. */
    static final Model CONCAT = new Model("concat", new int[] {1, 4, 10, 10}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", 1, 4, 10, 10);
        String left = b.relu(b.conv("x", 4, 6, 3, 1, 1, 1));
        String right = b.relu(b.conv("x", 4, 8, 3, 1, 1, 4));
        String cat = b.node("Concat", new String[] {left, right}, integer("axis", 1));
        return b.output(b.conv(cat, 14, 4, 1, 1, 0, 1));
    });

    /** Pad -> conv -> Clip(0, 6) -> Pad -> average pool: both pads merge into the next layer. */
    static final Model PADS = new Model("pads", new int[] {1, 2, 9, 9}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", 1, 2, 9, 9);
        b.initializer(longs("pads1", 0, 0, 1, 2, 0, 0, 1, 0));
        b.initializer(longs("pads2", 0, 0, 1, 1, 0, 0, 1, 1));
        b.initializer(floats("zero", new int[0], new float[] {0f}));
        b.initializer(floats("six", new int[0], new float[] {6f}));
        String t = b.node("Pad", new String[] {"x", "pads1"});
        t = b.conv(t, 2, 4, 3, 1, 0, 1);
        t = b.node("Clip", new String[] {t, "zero", "six"});
        t = b.node("Pad", new String[] {t, "pads2"});
        return b.output(b.node("AveragePool", new String[] {t}, ints("kernel_shape", 2, 2), ints("strides", 2, 2)));
    });

    /** MatMul + Add (one dense layer with its bias) -> LeakyRelu(0.1) -> Gemm, on a vector input. */
    static final Model MATMUL = new Model("matmul", new int[] {1, 20}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", 1, 20);
        String w = b.random("mw", 0.5f, 20, 12);
        String bias = b.random("mb", 0.1f, 12);
        String t = b.node("MatMul", new String[] {"x", w});
        t = b.node("Add", new String[] {t, bias});
        t = b.node("LeakyRelu", new String[] {t}, real("alpha", 0.1f));
        return b.output(b.gemm(t, 12, 3));
    });

    /** PyTorch's {@code x.view(x.size(0), -1)}: Shape -> Gather -> Unsqueeze -> Concat -> Reshape, then Gemm. */
    static final Model VIEW = new Model("view", new int[] {1, 3, 6, 6}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", -1, 3, 6, 6);
        String t = b.maxPool(b.relu(b.conv("x", 3, 4, 3, 1, 1, 1)), 2, 2);
        b.initializer(OnnxModelBuilder.scalarLong("zero_index", 0));
        b.initializer(longs("axes0", 0));
        b.initializer(longs("minus_one", -1));
        String shape = b.node("Shape", new String[] {t});
        String batch = b.node("Gather", new String[] {shape, "zero_index"}, integer("axis", 0));
        String batch1 = b.node("Unsqueeze", new String[] {batch, "axes0"});
        String target = b.node("Concat", new String[] {batch1, "minus_one"}, integer("axis", 0));
        t = b.node("Reshape", new String[] {t, target});
        return b.output(b.gemm(t, 4 * 3 * 3, 6));
    });

    /** conv -> nearest Resize x2 (PyTorch's asymmetric/floor) -> conv. */
    static final Model RESIZE = new Model("resize", new int[] {1, 2, 5, 5}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", 1, 2, 5, 5);
        b.initializer(floats("scales", new int[] {4}, new float[] {1, 1, 2, 2}));
        String t = b.relu(b.conv("x", 2, 4, 3, 1, 1, 1));
        t = b.node("Resize", new String[] {t, "", "scales"}, OnnxModelBuilder.string("mode", "nearest"),
                OnnxModelBuilder.string("coordinate_transformation_mode", "asymmetric"),
                OnnxModelBuilder.string("nearest_mode", "floor"));
        return b.output(b.conv(t, 4, 3, 3, 1, 1, 1));
    });

    /** Resize by output sizes instead of scales (x3 in height, x2 in width), half_pixel coordinates. */
    static final Model RESIZE_SIZES = new Model("resize_sizes", new int[] {1, 2, 4, 5}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", 1, 2, 4, 5);
        b.initializer(longs("sizes", 1, 3, 12, 10));
        String t = b.relu(b.conv("x", 2, 3, 3, 1, 1, 1));
        t = b.node("Resize", new String[] {t, "", "", "sizes"}, OnnxModelBuilder.string("mode", "nearest"));
        return b.output(b.conv(t, 3, 2, 3, 1, 1, 1));
    });

    /** A 28x28 MLP: Flatten -> Gemm 784 -> 32 (a kernel over 16x16: dense) -> Relu -> Gemm -> 10. */
    static final Model MLP = new Model("mlp", new int[] {1, 1, 28, 28}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", -1, 1, 28, 28);
        String t = b.node("Flatten", new String[] {"x"});
        t = b.relu(b.gemm(t, 784, 32));
        return b.output(b.gemm(t, 32, 10));
    });

    /** A classifier ending in Softmax: conv -> global average pool -> flatten -> gemm -> softmax. */
    static final Model SOFTMAX = new Model("softmax", new int[] {1, 3, 8, 8}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", -1, 3, 8, 8);
        String t = b.relu(b.conv("x", 3, 8, 3, 1, 1, 1));
        t = b.node("Flatten", new String[] {b.node("GlobalAveragePool", new String[] {t})});
        return b.output(b.node("Softmax", new String[] {b.gemm(t, 8, 6)}, integer("axis", 1)));
    });

    /** Opset 9 spellings: Pad and Clip with attributes, Upsample with a scales input. */
    static final Model OPSET9 = new Model("opset9", new int[] {1, 2, 6, 6}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).opset(9).input("x", 1, 2, 6, 6);
        b.initializer(floats("scales", new int[] {4}, new float[] {1, 1, 2, 2}));
        String t = b.node("Pad", new String[] {"x"}, ints("pads", 0, 0, 1, 1, 0, 0, 1, 1));
        t = b.conv(t, 2, 4, 3, 1, 0, 1);
        t = b.node("Clip", new String[] {t}, real("min", 0f), real("max", 6f));
        t = b.node("Upsample", new String[] {t, "scales"}, OnnxModelBuilder.string("mode", "nearest"));
        return b.output(b.conv(t, 4, 2, 3, 1, 1, 1));
    });

    /** An NHWC input transposed to NCHW first, as converters from NHWC frameworks write it. */
    static final Model NHWC = new Model("nhwc", new int[] {1, 6, 6, 3}, seed -> {
        OnnxModelBuilder b = new OnnxModelBuilder(seed).input("x", -1, 6, 6, 3);
        String t = b.node("Transpose", new String[] {"x"}, ints("perm", 0, 3, 1, 2));
        t = b.maxPool(b.relu(b.conv(t, 3, 4, 3, 1, 1, 1)), 2, 2);
        return b.output(b.conv(t, 4, 2, 3, 1, 1, 1));
    });

    static final List<Model> ALL = List.of(CUSTOMNET, RESIDUAL, CONCAT, PADS, MATMUL, VIEW, RESIZE, MLP, SOFTMAX, OPSET9, NHWC,
            RESIZE_SIZES);
}
