package org.jdpu.golden;

import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.SpecException;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.NpyFormatException;
import org.jdpu.tensor.Tensor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Runs a {@link NetworkSpec} through the golden model, loading each layer's tensors from its files. */
public final class NetworkRunner {
    private NetworkRunner() {}

    /**
     * The output of the last layer for {@code input}.
     *
     * @throws SpecException naming the network file, the layer entry and the tensor file when a
     *         tensor does not fit its layer
     *         or cannot be read (then at the entry's {@code weights} or {@code bias})
     */
    public static Tensor run(NetworkSpec net, Int8Tensor input) {
        Map<String, Int8Tensor> outputs = new HashMap<>();
        outputs.put(NetworkSpec.INPUT, input);
        Int8Tensor current = input;
        Tensor last = input;
        for (int i = 0; i < net.layers().size(); i++) {
            NetworkSpec.Layer layer = net.layers().get(i);
            Int8Tensor weights = layer.weights() == null ? null : tensor(net, i, "weights", () -> Npy.readInt8(layer.weights()));
            Int32Tensor bias = layer.bias() == null ? null : tensor(net, i, "bias", () -> Npy.readInt32(layer.bias()));
            try {
                last = layer.spec() instanceof AddSpec add
                        ? Golden.add(add, current, outputs.get(layer.inputB()))
                        : Golden.run(layer.spec(), current, weights, bias);
            } catch (SpecException e) {
                throw located(net, i, layer, e);
            }
            if (last instanceof Int8Tensor t) {
                current = t;
                outputs.put(layer.name(), t);
            } else if (i != net.layers().size() - 1) {
                throw new IllegalStateException("int32 output before the last layer passed the parser");
            }
        }
        return last;
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
