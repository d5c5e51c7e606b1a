package org.jdpu.cases;

import org.jdpu.spec.Activation;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.jdpu.spec.Padding;
import org.jdpu.tensor.Int8Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The networks measured on: ResNet-50, MobileNetV2, YOLOv3-tiny and the seed CustomNet, with their
 * published layer shapes (batch norm folded into the convolutions), synthetic weights drawn from a
 * seed and every activation at one fix point ({@link NetBuilder}). Shapes follow the reference
 * implementations: torchvision's ResNet-50 (v1.5, the stride on the 3x3 convolution), VGG-16 and
 * MobileNetV2, and Darknet's yolov3-tiny.cfg.
 */
public enum ModelZoo {
    /** ResNet-50: bottleneck stages 3, 4, 6, 3 with projection shortcuts; 1000 classes. */
    RESNET50("resnet50", 224, 32, 32, 4.09, ModelZoo::resnet50),
    /** VGG-16 (configuration D): thirteen 3x3 convolutions in five stages with 2x2 max pools, three dense layers; 1000 classes. */
    VGG16("vgg16", 224, 32, 32, 15.47, ModelZoo::vgg16),
    /** MobileNetV2 (width 1.0): inverted residual blocks with relu6; 1000 classes. */
    MOBILENETV2("mobilenetv2", 224, 32, 32, 0.30, ModelZoo::mobileNetV2),
    /** YOLOv3-tiny: a 13x13 and a 26x26 detection head of 255 channels (80 classes, 3 anchors). */
    YOLOV3_TINY("yolov3-tiny", 416, 32, 32, 2.78, ModelZoo::yoloV3Tiny),
    /** The seed CustomNet: three 5x5 convolutions each with a 4x4 max pool, dense 128, dense 10. */
    CUSTOMNET("customnet", 224, 16, 64, 0.32, ModelZoo::customNet);

    private final String id;
    private final int size;
    private final int granule;
    private final int minSide;
    private final double publishedGmacs;
    private final Function<NetBuilder, NetBuilder> layers;

    ModelZoo(String id, int size, int granule, int minSide, double publishedGmacs,
             Function<NetBuilder, NetBuilder> layers) {
        this.id = id;
        this.size = size;
        this.granule = granule;
        this.minSide = minSide;
        this.publishedGmacs = publishedGmacs;
        this.layers = layers;
    }

    /** The network with its tensors and a seeded input. */
    public record Network(ModelZoo model, NetworkSpec spec, List<NetworkWriter.Entry> entries, Int8Tensor input) {}

    /** The name on the command line, e.g. {@code yolov3-tiny}. */
    public String id() {
        return id;
    }

    /** The input side the network is published at. */
    public int size() {
        return size;
    }

    /** The input side must be a multiple of this (the downsampling that must divide exactly). */
    public int granule() {
        return granule;
    }

    /** The smallest input side: below it a layer's output would be empty. */
    public int minSide() {
        return minSide;
    }

    /**
     * Giga-MACs published for the network at {@link #size()}, what the counted MACs are checked
     * against (CustomNet's is counted by hand from its shapes).
     */
    public double publishedGmacs() {
        return publishedGmacs;
    }

    /** The model named {@code id}, or null. */
    public static ModelZoo byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst().orElse(null);
    }

    /** The ids, comma-separated, for messages. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(ModelZoo::id).toList());
    }

    /** The network at its published size. */
    public Network build(long seed) {
        return build(size, seed);
    }

    /** The network on a {@code side x side x 3} input: a multiple of {@link #granule()}, at least {@link #minSide()}. */
    public Network build(int side, long seed) {
        NetBuilder b = layers.apply(new NetBuilder(shape(side), seed));
        return new Network(this, b.spec(), b.entries(), b.input(seed + 1));
    }

    /**
     * The network's layers at {@code side} without tensors (entries' weights and bias null, no
     * input): the same specs as {@link #build(int, long)} gives for any seed, at a fraction of the cost.
     */
    public List<NetworkWriter.Entry> layers(int side) {
        return layers.apply(NetBuilder.shapesOnly(shape(side))).entries();
    }

    private FeatureShape shape(int side) {
        if (side < minSide || side % granule != 0) {
            throw new IllegalArgumentException(id + " needs an input side that is a multiple of " + granule
                    + " and at least " + minSide + ", got " + side);
        }
        return new FeatureShape(side, side, 3);
    }

    private static NetBuilder resnet50(NetBuilder b) {
        String x = b.conv("conv1", NetworkSpec.INPUT, 64, 7, 2, new Padding(3, 3, 3, 3), Activation.RELU);
        x = b.maxpool("pool1", x, 3, 2, new Padding(1, 1, 1, 1));
        int[] blocks = {3, 4, 6, 3};
        for (int stage = 0; stage < blocks.length; stage++) {
            int width = 64 << stage;
            for (int i = 0; i < blocks[stage]; i++) {
                String p = "layer" + (stage + 1) + "." + i + ".";
                int stride = stage > 0 && i == 0 ? 2 : 1;
                String in = x;
                String y = b.conv(p + "conv1", in, width, 1, 1, Activation.RELU);
                y = b.conv(p + "conv2", y, width, 3, stride, new Padding(1, 1, 1, 1), Activation.RELU);
                y = b.conv(p + "conv3", y, width * 4, 1, 1, Activation.NONE);
                String shortcut = i == 0 ? b.conv(p + "downsample", in, width * 4, 1, stride, Activation.NONE) : in;
                x = b.add(p + "add", y, shortcut, Activation.RELU);
            }
        }
        x = b.globalAvgPool("avgpool", x);
        b.dense("fc", x, 1000, Activation.NONE);
        return b;
    }

    private static NetBuilder vgg16(NetBuilder b) {
        String x = NetworkSpec.INPUT;
        int[][] stages = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
        for (int s = 0; s < stages.length; s++) {
            for (int i = 0; i < stages[s][1]; i++) {
                x = b.conv("features." + (s + 1) + "." + (i + 1), x, stages[s][0], 3, 1, new Padding(1, 1, 1, 1),
                        Activation.RELU);
            }
            x = b.maxpool("pool" + (s + 1), x, 2, 2, Padding.NONE);
        }
        x = b.dense("fc6", x, 4096, Activation.RELU);
        x = b.dense("fc7", x, 4096, Activation.RELU);
        b.dense("fc8", x, 1000, Activation.NONE);
        return b;
    }

    private static NetBuilder mobileNetV2(NetBuilder b) {
        String x = b.conv("features.0", NetworkSpec.INPUT, 32, 3, 2, new Padding(1, 1, 1, 1), Activation.RELU6);
        // t (expansion), c (output channels), n (repeats), s (first stride), as in the paper's table 2.
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2},
                {6, 320, 1, 1}};
        int block = 1;
        for (int[] s : settings) {
            for (int i = 0; i < s[2]; i++, block++) {
                String p = "features." + block + ".";
                int stride = i == 0 ? s[3] : 1;
                int in = b.shape(x).c();
                String y = x;
                if (s[0] != 1) y = b.conv(p + "expand", y, in * s[0], 1, 1, Activation.RELU6);
                y = b.depthwise(p + "dw", y, 3, stride, Activation.RELU6);
                y = b.conv(p + "project", y, s[1], 1, 1, Activation.NONE);
                x = stride == 1 && in == s[1] ? b.add(p + "add", y, x, Activation.NONE) : y;
            }
        }
        x = b.conv("features." + block, x, 1280, 1, 1, Activation.RELU6);
        x = b.globalAvgPool("avgpool", x);
        b.dense("classifier", x, 1000, Activation.NONE);
        return b;
    }

    private static NetBuilder yoloV3Tiny(NetBuilder b) {
        String x = NetworkSpec.INPUT;
        String route = null;
        int[] widths = {16, 32, 64, 128, 256};
        for (int i = 0; i < widths.length; i++) {
            x = b.conv("conv" + i, x, widths[i], 3, 1, Activation.LEAKY_RELU);
            if (i == 4) route = x;
            x = b.maxpool("pool" + i, x, 2, 2, Padding.NONE);
        }
        x = b.conv("conv5", x, 512, 3, 1, Activation.LEAKY_RELU);
        // Darknet's size-2 stride-1 max pool keeps 13x13 by padding one on the bottom and right.
        x = b.maxpool("pool5", x, 2, 1, new Padding(0, 0, 1, 1));
        x = b.conv("conv6", x, 1024, 3, 1, Activation.LEAKY_RELU);
        String neck = b.conv("conv7", x, 256, 1, 1, Activation.LEAKY_RELU);
        x = b.conv("conv8", neck, 512, 3, 1, Activation.LEAKY_RELU);
        String head1 = b.conv("yolo1", x, 255, 1, 1, Activation.NONE);
        b.markOutput(head1);
        x = b.conv("conv9", neck, 128, 1, 1, Activation.LEAKY_RELU);
        x = b.upsample("upsample", x, 2);
        x = b.concat("route", List.of(x, route));
        x = b.conv("conv10", x, 256, 3, 1, Activation.LEAKY_RELU);
        b.conv("yolo2", x, 255, 1, 1, Activation.NONE);
        return b;
    }

    private static NetBuilder customNet(NetBuilder b) {
        String x = NetworkSpec.INPUT;
        int[] widths = {32, 64, 128};
        // The 4x4 pools' maxima sit about 2.4 times above the spread of their 16 taps.
        b.aim(NetBuilder.TARGET_RMS / 2);
        for (int i = 0; i < widths.length; i++) {
            x = b.conv("conv" + (i + 1), x, widths[i], 5, 1, new Padding(2, 2, 2, 2), Activation.RELU);
            x = b.maxpool("pool" + (i + 1), x, 4, 4, Padding.NONE);
        }
        b.aim(NetBuilder.TARGET_RMS);
        x = b.dense("dense1", x, 128, Activation.RELU);
        b.dense("dense2", x, 10, Activation.NONE);
        return b;
    }
}
