package org.jdpu.cli;

import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.io.UserError;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.SpecException;
import org.jdpu.spec.SpecParser;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.NpyFormatException;
import org.jdpu.tensor.Shapes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A network file with everything it names read and checked: the spec, each layer's weights and
 * bias, and the input (from a file, or drawn from a seed when none is given, which the
 * {@code origin} says). What {@code dpu compile} and {@code dpu cosim --network} start from.
 */
record NetworkInputs(NetworkSpec spec, Int8Tensor input, String origin, List<LayerTensors> tensors) {

    static NetworkInputs read(Path network, Path input, long seed) {
        NetworkSpec net = SpecParser.parseNetwork(network);
        int[] shape = net.input().tensorShape();
        Int8Tensor x;
        String origin;
        if (input != null) {
            x = Npy.readInt8(input);
            if (!Arrays.equals(x.shape(), shape)) {
                throw new UserError(input + ": shape " + Shapes.format(x.shape()) + " does not match the network input "
                        + Shapes.format(shape) + " = [1, input.h, input.w, input.c] of " + network + " $[0]");
            }
            origin = input.toString();
        } else {
            x = randomInput(shape, seed);
            origin = "random, seed " + seed;
        }
        List<LayerTensors> tensors = new ArrayList<>();
        for (int i = 0; i < net.layers().size(); i++) {
            NetworkSpec.Layer l = net.layers().get(i);
            Int8Tensor w = l.weights() == null ? null : readInt8(network, i, "weights", l.weights());
            Int32Tensor b = l.bias() == null ? null : readInt32(network, i, "bias", l.bias());
            tensors.add(new LayerTensors(w, b));
        }
        return new NetworkInputs(net, x, origin, tensors);
    }

    /**
     * The layers an engine runs, with their tensors: the network without its host-run tail (softmax,
     * see {@link NetworkSpec#engineLayers}); itself when it has none.
     */
    NetworkInputs engine() {
        if (spec.hostLayers().isEmpty()) return this;
        NetworkSpec e = spec.engineLayers();
        return new NetworkInputs(e, input, origin, tensors.subList(0, e.layers().size()));
    }

    private static Int8Tensor readInt8(Path network, int i, String field, Path file) {
        try {
            return Npy.readInt8(file);
        } catch (NpyFormatException e) {
            throw new SpecException(network, "$[" + i + "]." + field, e.getMessage());
        }
    }

    private static Int32Tensor readInt32(Path network, int i, String field, Path file) {
        try {
            return Npy.readInt32(file);
        } catch (NpyFormatException e) {
            throw new SpecException(network, "$[" + i + "]." + field, e.getMessage());
        }
    }

    /** A Gaussian int8 input (sigma 40, clipped), the same for the same seed. */
    static Int8Tensor randomInput(int[] shape, long seed) {
        Random rnd = new Random(seed);
        byte[] d = new byte[Shapes.elementCount(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (byte) Math.max(-128, Math.min(127, Math.round(rnd.nextGaussian() * 40)));
        return new Int8Tensor(shape, d);
    }
}
