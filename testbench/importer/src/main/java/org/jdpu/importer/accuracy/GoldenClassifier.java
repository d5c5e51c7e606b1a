package org.jdpu.importer.accuracy;

import org.jdpu.dataset.LabelledImages;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.importer.edge.EdgeConversion;
import org.jdpu.importer.edge.EdgeTensor;
import org.jdpu.importer.edge.ModelEdge;
import org.jdpu.importer.edge.ModelEdgeJson;
import org.jdpu.io.UserError;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.SpecParser;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.NpyFormatException;
import org.jdpu.tensor.Shapes;
import org.jdpu.tensor.Tensor;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * An imported network (network.json with its {@value ModelEdgeJson#FILE}) as an image classifier
 * on the golden model: an image scaled to [0, 1] is quantized at the model's input edge, the
 * network runs, and the class is the largest of the model's first output. The tensors are read
 * once, and images are classified in parallel (each image's run is independent).
 */
public final class GoldenClassifier {
    private final NetworkSpec net;
    private final ModelEdge edge;
    private final Int8Tensor[] weights;
    private final Int32Tensor[] biases;

    private GoldenClassifier(NetworkSpec net, ModelEdge edge, Int8Tensor[] weights, Int32Tensor[] biases) {
        this.net = net;
        this.edge = edge;
        this.weights = weights;
        this.biases = biases;
    }

    /**
     * Reads {@code networkFile} and its tensors; it must have been written by an import (a model
     * edge beside it) and take one grey image of {@code pixels} values.
     */
    public static GoldenClassifier load(Path networkFile, int pixels) {
        ModelEdge edge = ModelEdgeJson.readBeside(networkFile);
        if (edge == null) {
            throw new UserError(networkFile + ": no " + ModelEdgeJson.FILE + " beside it; accuracy needs a network written "
                    + "by 'dpu import' (the model's input and output edges)");
        }
        EdgeTensor in = edge.input();
        if (in.size() != pixels) {
            throw new UserError(networkFile + ": the model input " + in.name() + " " + Shapes.format(in.shape()) + " has "
                    + in.size() + " values, but the dataset's images have " + pixels);
        }
        NetworkSpec net = SpecParser.parseNetwork(networkFile);
        int n = net.layers().size();
        Int8Tensor[] w = new Int8Tensor[n];
        Int32Tensor[] b = new Int32Tensor[n];
        for (int i = 0; i < n; i++) {
            NetworkSpec.Layer l = net.layers().get(i);
            try {
                if (l.weights() != null) w[i] = Npy.readInt8(l.weights());
                if (l.bias() != null) b[i] = Npy.readInt32(l.bias());
            } catch (NpyFormatException e) {
                throw new SpecException(networkFile, "$[" + i + "]", e.getMessage());
            }
        }
        return new GoldenClassifier(net, edge, w, b);
    }

    public NetworkSpec network() {
        return net;
    }

    public ModelEdge edge() {
        return edge;
    }

    /** Layer {@code i}'s weights, or null. */
    public Int8Tensor weights(int i) {
        return weights[i];
    }

    /** Layer {@code i}'s bias, or null. */
    public Int32Tensor bias(int i) {
        return biases[i];
    }

    /** The network input for an image scaled to [0, 1], in the model's layout. */
    public Int8Tensor input(float[] image) {
        return EdgeConversion.quantize(edge.input(), new Float32Array(edge.input().shape(), image));
    }

    /** The class the model's first output names for network output {@code y} of that output's layer. */
    public int classOf(Int8Tensor y) {
        return Top1.argmax(EdgeConversion.dequantize(edge.outputs().getFirst(), y).data());
    }

    /** The name of the layer whose output is the model's first output. */
    public String outputLayer() {
        return edge.outputs().getFirst().layer();
    }

    public int predict(float[] image) {
        Map<String, Tensor> all = NetworkRunner.runAll(net, input(image), i -> weights[i], i -> biases[i]);
        if (!(all.get(outputLayer()) instanceof Int8Tensor y)) {
            throw new UserError(net.file() + ": model output " + edge.outputs().getFirst().name() + " names entry "
                    + outputLayer() + ", which the network does not compute as int8");
        }
        return classOf(y);
    }

    /** The predictions for the first {@code count} images, computed in parallel. */
    public int[] predict(LabelledImages images, int count) {
        return IntStream.range(0, count).parallel().map(i -> predict(images.scaled(i))).toArray();
    }
}
