package org.jdpu.golden;

import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.SpecException;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.NpyFormatException;
import org.jdpu.tensor.Tensor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** Runs a {@link NetworkSpec} through the golden model, loading each layer's tensors from its files. */
public final class NetworkRunner {
    private NetworkRunner() {}

    /**
     * The output of the last layer for {@code input}.
     *
     * @throws SpecException naming the network file, the layer entry and the tensor file when a
     *         tensor does not fit its layer or cannot be read (then at the entry's {@code weights} or
     *         {@code bias})
     */
    public static Tensor run(NetworkSpec net, Int8Tensor input) {
        return runAll(net, input).get(net.layers().getLast().name());
    }

    /**
     * Every layer's output for {@code input}, by layer name in program order. A layer's inputs are
     * the outputs of the layers it names (or {@code input}), so branches and concats see the same
     * tensors an engine must produce.
     *
     * @throws SpecException as {@link #run}
     */
    public static Map<String, Tensor> runAll(NetworkSpec net, Int8Tensor input) {
        return runAll(net, input, i -> {
            NetworkSpec.Layer layer = net.layers().get(i);
            return layer.weights() == null ? null : tensor(net, i, "weights", () -> Npy.readInt8(layer.weights()));
        }, i -> {
            NetworkSpec.Layer layer = net.layers().get(i);
            return layer.bias() == null ? null : tensor(net, i, "bias", () -> Npy.readInt32(layer.bias()));
        });
    }

    /**
     * {@link #runAll(NetworkSpec, Int8Tensor)} with the tensors already in memory (a network built in
     * code, or read once by the caller): layer {@code i}'s weights and bias are {@code weights(i)} and
     * {@code bias(i)}, null where the layer has none (a null bias is zero).
     */
    public static Map<String, Tensor> runAll(NetworkSpec net, Int8Tensor input, IntFunction<Int8Tensor> weightsOf,
                                             IntFunction<Int32Tensor> biasOf) {
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (int i = 0; i < net.layers().size(); i++) {
            NetworkSpec.Layer layer = net.layers().get(i);
            List<Int8Tensor> in = layer.inputs().stream().map(n -> source(n, input, outputs)).toList();
            Int8Tensor weights = weightsOf.apply(i);
            Int32Tensor bias = biasOf.apply(i);
            try {
                outputs.put(layer.name(), switch (layer.spec()) {
                    case AddSpec add -> Golden.add(add, in.get(0), in.get(1));
                    case ConcatSpec concat -> Golden.concat(concat, in);
                    default -> Golden.run(layer.spec(), in.getFirst(), weights, bias);
                });
            } catch (SpecException e) {
                throw located(net, i, layer, e);
            }
        }
        return outputs;
    }

    private static Int8Tensor source(String name, Int8Tensor input, Map<String, Tensor> outputs) {
        Tensor t = name.equals(NetworkSpec.INPUT) ? input : outputs.get(name);
        if (t instanceof Int8Tensor i8) return i8;
        throw new IllegalStateException("layer \"" + name + "\" has no int8 output; the parser should have refused this");
    }

    /** Reads a tensor file named by entry {@code index}; a bad file is reported at that entry's field. */
    private static <T extends Tensor> T tensor(NetworkSpec net, int index, String field, Supplier<T> read) {
        try {
            return read.get();
        } catch (NpyFormatException e) {
            throw new SpecException(net.file(), "$[" + index + "]." + field, e.getMessage());
        }
    }

    private static SpecException located(NetworkSpec net, int index, NetworkSpec.Layer layer, SpecException e) {
        Path file = switch (e.field()) {
            case "weights" -> layer.weights();
            case "bias" -> layer.bias();
            default -> null;
        };
        String what = file != null ? file + ": " + e.field() : e.field().equals("input")
                ? "the input of layer \"" + layer.name() + "\"" : e.field();
        String spec = layer.spec() instanceof ConvolutionSpec ? "" : " (" + layer.spec().op() + ")";
        return new SpecException(net.file(), "$[" + index + "]", what + spec + ": " + e.problem());
    }
}
