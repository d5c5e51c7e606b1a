package org.jdpu.compiler.net;

import org.jdpu.cases.LayerCase;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.LayerSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant.ShiftQuant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small conv2d chains with seeded tensors, and their reference outputs layer by layer. */
final class TestNets {
    private TestNets() {}

    /** A network with its tensors. */
    record Net(NetworkSpec spec, Int8Tensor input, List<LayerTensors> tensors) {
        /** The golden model's output of every layer, in program order. */
        List<Int8Tensor> reference() {
            return NetworkRunner.runAll(spec, input, i -> tensors.get(i).weights(), i -> tensors.get(i).bias()).values()
                    .stream().map(t -> (Int8Tensor) t).toList();
        }
    }

    /** One conv layer's shape: output channels, kernel, stride, padding (all sides), dilation. */
    record Shape(int oc, int kh, int kw, int sh, int sw, int pad, int dil, Activation act) {
        static Shape of(int oc, int k, int stride, int pad) {
            return new Shape(oc, k, k, stride, stride, pad, 1, Activation.RELU);
        }
    }

    static Net chain(long seed, int h, int w, int c, Shape... shapes) {
        Random rnd = new Random(seed);
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        FeatureShape in = new FeatureShape(h, w, c);
        int fp = 4;
        for (int i = 0; i < shapes.length; i++) {
            Shape s = shapes[i];
            ShiftQuant rq = LayerCase.realisticQuant(s.kh(), s.kw(), in.c());
            ShiftQuant q = new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, rq.fpOutput() - rq.fpInput() + fp);
            Conv2dSpec spec = new Conv2dSpec(in, s.oc(), new Window(s.kh(), s.kw(), s.sh(), s.sw(), s.dil(), s.dil(),
                    new Padding(s.pad(), s.pad(), s.pad(), s.pad())), q, s.act());
            layers.add(new NetworkSpec.Layer("conv" + (i + 1), spec, null, null, null));
            tensors.add(new LayerTensors(int8(rnd, spec.weightShape()), int32(rnd, s.oc())));
            in = spec.output();
            fp = q.fpOutput();
        }
        return new Net(new NetworkSpec(null, layers), int8(rnd, 1, h, w, c), tensors);
    }

    /**
     * One entry of a test graph: its name, the layers it reads, its conv shape (null for a concat
     * of its inputs) and whether it is marked as a network output.
     */
    record Node(String name, List<String> inputs, Shape shape, boolean output) {
        static Node conv(String name, String input, Shape shape) {
            return new Node(name, List.of(input), shape, false);
        }

        static Node concat(String name, String... inputs) {
            return new Node(name, List.of(inputs), null, false);
        }

        Node asOutput() {
            return new Node(name, inputs, shape, true);
        }
    }

    /** A network of conv2d layers and concats as given, with seeded tensors; fix points follow each layer's source. */
    static Net graph(long seed, int h, int w, int c, Node... nodes) {
        Random rnd = new Random(seed);
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        java.util.Map<String, FeatureShape> shapes = new java.util.HashMap<>();
        java.util.Map<String, Integer> fps = new java.util.HashMap<>();
        shapes.put(NetworkSpec.INPUT, new FeatureShape(h, w, c));
        fps.put(NetworkSpec.INPUT, 4);
        for (Node n : nodes) {
            LayerSpec spec;
            if (n.shape() == null) {
                spec = new org.jdpu.spec.ConcatSpec(n.inputs().stream().map(shapes::get).toList());
                fps.put(n.name(), fps.get(n.inputs().getFirst()));
                tensors.add(new LayerTensors(null, null));
            } else {
                Shape s = n.shape();
                FeatureShape in = shapes.get(n.inputs().getFirst());
                int fp = fps.get(n.inputs().getFirst());
                ShiftQuant rq = LayerCase.realisticQuant(s.kh(), s.kw(), in.c());
                ShiftQuant q = new ShiftQuant(fp, rq.fpWeights(), rq.fpBias() - rq.fpInput() + fp, rq.fpOutput() - rq.fpInput() + fp);
                Conv2dSpec conv = new Conv2dSpec(in, s.oc(), new Window(s.kh(), s.kw(), s.sh(), s.sw(), s.dil(), s.dil(),
                        new Padding(s.pad(), s.pad(), s.pad(), s.pad())), q, s.act());
                spec = conv;
                fps.put(n.name(), q.fpOutput());
                tensors.add(new LayerTensors(int8(rnd, conv.weightShape()), int32(rnd, s.oc())));
            }
            shapes.put(n.name(), spec.output());
            layers.add(new NetworkSpec.Layer(n.name(), spec, null, null, n.inputs(), n.output()));
        }
        return new Net(new NetworkSpec(null, layers), int8(rnd, 1, h, w, c), tensors);
    }

    /** Input height and width of a random chain and its layers' shapes. */
    record RandomChain(int h, int w, Shape[] shapes) {}

    /** One to four random conv layers (kernels 1..3, strides 1..2, some dilation) that fit their input. */
    static RandomChain randomChain(Random rnd) {
        int layers = 1 + rnd.nextInt(4);
        Shape[] shapes = new Shape[layers];
        int h = 4 + rnd.nextInt(10), w = 4 + rnd.nextInt(12);
        int hh = h, ww = w;
        for (int i = 0; i < layers; i++) {
            int k = 1 + rnd.nextInt(3), stride = 1 + rnd.nextInt(2), pad = rnd.nextInt(k);
            int dil = rnd.nextInt(4) == 0 ? 2 : 1;
            if ((hh + 2 * pad - (k - 1) * dil - 1) / stride + 1 < 1 || (ww + 2 * pad - (k - 1) * dil - 1) / stride + 1 < 1
                    || hh + 2 * pad < (k - 1) * dil + 1 || ww + 2 * pad < (k - 1) * dil + 1) {
                k = 1;
                stride = 1;
                pad = 0;
                dil = 1;
            }
            Activation act = switch (rnd.nextInt(3)) {
                case 0 -> Activation.RELU;
                case 1 -> Activation.NONE;
                default -> Activation.LEAKY_RELU;
            };
            shapes[i] = new Shape(1 + rnd.nextInt(20), k, k, stride, stride, pad, dil, act);
            hh = (hh + 2 * pad - (k - 1) * dil - 1) / stride + 1;
            ww = (ww + 2 * pad - (k - 1) * dil - 1) / stride + 1;
        }
        return new RandomChain(h, w, shapes);
    }

    static Net of(List<NetworkSpec.Layer> layers, long seed) {
        Random rnd = new Random(seed);
        List<LayerTensors> tensors = new ArrayList<>();
        for (NetworkSpec.Layer l : layers) {
            LayerSpec s = l.spec();
            tensors.add(s instanceof org.jdpu.spec.ConvolutionSpec conv ? new LayerTensors(int8(rnd, conv.weightShape()), int32(rnd, conv.outputChannels()))
                    : new LayerTensors(null, null));
        }
        NetworkSpec spec = new NetworkSpec(null, layers);
        return new Net(spec, int8(rnd, spec.input().tensorShape()), tensors);
    }

    static Int8Tensor int8(Random rnd, int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) Math.max(-128, Math.min(127, Math.round(rnd.nextGaussian() * 40)));
        return new Int8Tensor(shape, b);
    }

    static Int32Tensor int32(Random rnd, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextInt(4001) - 2000;
        return new Int32Tensor(new int[] {n}, v);
    }
}
