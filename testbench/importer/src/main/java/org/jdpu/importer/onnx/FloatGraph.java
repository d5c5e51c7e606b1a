package org.jdpu.importer.onnx;

import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.PoolSpec;
import org.jdpu.spec.Window;

import java.util.List;

/**
 * A model as network layers with float weights, NHWC, batch 1: what the importer maps an ONNX graph
 * to (batch norms folded, activations fused, pads merged, Gemm/MatMul as convolutions), before any
 * quantization. {@link FloatEvaluator} runs it as the float reference; {@link Pow2Quantizer} turns
 * it into a network. Nodes are in program order; each is named after the ONNX tensor it produces
 * and reads the nodes (or {@link #INPUT}) it names.
 */
public record FloatGraph(FeatureShape input, List<Node> nodes, List<Output> outputs) {
    /** The network input's name. */
    public static final String INPUT = "input";

    public FloatGraph {
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
    }

    /** A graph output: the model's tensor name and the node that computes it. */
    public record Output(String tensor, String node) {}

    /** One layer. {@code origin} names the ONNX node(s) it came from, for messages. */
    public sealed interface Node permits Conv, Pool, GlobalPool, Add, Concat, Resize, Softmax {
        String name();

        List<String> inputs();

        FeatureShape output();

        String origin();
    }

    /**
     * A convolution. Weights are OHWI {@code [oc][kh][kw][ic]}; a depthwise one (each input channel
     * {@code c} feeding outputs {@code c*M .. c*M+M-1}) has {@code [kh][kw][c*M]}.
     */
    public record Conv(String name, String input, FeatureShape in, int outChannels, boolean depthwise, Window window,
                       float[] weights, float[] bias, FloatAct act, float alpha, String origin) implements Node {
        public List<String> inputs() {
            return List.of(input);
        }

        public FeatureShape output() {
            return new FeatureShape(window.outputHeight(in.h()), window.outputWidth(in.w()), outChannels);
        }

        Conv with(FloatAct a, float al, String more) {
            return new Conv(name, input, in, outChannels, depthwise, window, weights, bias, a, al, origin + more);
        }

        Conv with(float[] w, float[] b, String more) {
            return new Conv(name, input, in, outChannels, depthwise, window, w, b, act, alpha, origin + more);
        }

        Conv renamed(String newName) {
            return new Conv(newName, input, in, outChannels, depthwise, window, weights, bias, act, alpha, origin);
        }
    }

    /** Max or average pooling; the average divides by the full window, padding counted as 0. */
    public record Pool(String name, String input, FeatureShape in, PoolSpec.Kind kind, Window window, FloatAct act,
                       String origin) implements Node {
        public List<String> inputs() {
            return List.of(input);
        }

        public FeatureShape output() {
            return new FeatureShape(window.outputHeight(in.h()), window.outputWidth(in.w()), in.c());
        }
    }

    /** The mean of each channel over the whole map (ONNX {@code GlobalAveragePool}). */
    public record GlobalPool(String name, String input, FeatureShape in, FloatAct act, String origin) implements Node {
        public List<String> inputs() {
            return List.of(input);
        }

        public FeatureShape output() {
            return new FeatureShape(1, 1, in.c());
        }
    }

    /** Elementwise sum of two maps of one shape. */
    public record Add(String name, String a, String b, FeatureShape shape, FloatAct act, float alpha, String origin)
            implements Node {
        public List<String> inputs() {
            return List.of(a, b);
        }

        public FeatureShape output() {
            return shape;
        }
    }

    /** Channel concatenation, source 0's channels first. */
    public record Concat(String name, List<String> inputs, List<FeatureShape> shapes, String origin) implements Node {
        public Concat {
            inputs = List.copyOf(inputs);
            shapes = List.copyOf(shapes);
        }

        public FeatureShape output() {
            return new FeatureShape(shapes.getFirst().h(), shapes.getFirst().w(),
                    shapes.stream().mapToInt(FeatureShape::c).sum());
        }
    }

    /** Nearest-neighbour upsampling by integer factors: output (y, x) reads input (y / fy, x / fx). */
    public record Resize(String name, String input, FeatureShape in, int fy, int fx, String origin) implements Node {
        public List<String> inputs() {
            return List.of(input);
        }

        public FeatureShape output() {
            return new FeatureShape(in.h() * fy, in.w() * fx, in.c());
        }
    }

    /** Softmax over the channels of each pixel; the network runs it on the host, after the engine's layers. */
    public record Softmax(String name, String input, FeatureShape in, String origin) implements Node {
        public List<String> inputs() {
            return List.of(input);
        }

        public FeatureShape output() {
            return in;
        }
    }

    /** The node named {@code name}, or null (also for {@link #INPUT}). */
    public Node node(String name) {
        for (Node n : nodes) {
            if (n.name().equals(name)) return n;
        }
        return null;
    }

    /** The shape {@code name} produces (the input's for {@link #INPUT}). */
    public FeatureShape shapeOf(String name) {
        return name.equals(INPUT) ? input : node(name).output();
    }
}
