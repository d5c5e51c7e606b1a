package org.jdpu.spec;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Shapes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small residual network on disk for tests: conv2d (layer file) -> depthwise (inline) -> add of
 * the depthwise output and the conv output -> maxpool, with random tensors from a fixed seed.
 */
public final class NetworkFixture {
    public static final String CONV = """
            {"op": "conv2d", "input": {"h": 6, "w": 6, "c": 3}, "output_channels": 4, "kernel": [3, 3],
             "padding": [1, 1, 1, 1], "quant": {"mode": "shift", "fp_input": 4, "fp_weights": 7, "fp_bias": 6, "fp_output": 3},
             "activation": {"type": "relu"}}""";
    public static final String DEPTHWISE = """
            {"op": "depthwise_conv2d", "input": {"h": 6, "w": 6, "c": 4}, "depth_multiplier": 1, "kernel": [3, 3],
             "padding": [1, 1, 1, 1], "quant": {"mode": "shift", "fp_input": 3, "fp_weights": 7, "fp_bias": 8, "fp_output": 4},
             "activation": {"type": "leaky_relu"}}""";
    public static final String ADD = """
            {"op": "add", "input": {"h": 6, "w": 6, "c": 4},
             "quant": {"mode": "shift", "fp_input": 4, "fp_input_b": 3, "fp_output": 3}}""";
    public static final String POOL = """
            {"op": "maxpool", "input": {"h": 6, "w": 6, "c": 4}, "kernel": [2, 2], "stride": [2, 2]}""";
    public static final String NETWORK = """
            [
              {"name": "conv", "layer": "conv.json", "weights": "conv_w.npy", "bias": "conv_b.npy"},
              {"name": "dw", "layer": %s, "weights": "dw_w.npy", "bias": "dw_b.npy"},
              {"name": "sum", "layer": %s, "input_b": "conv"},
              {"layer": %s}
            ]""".formatted(DEPTHWISE, ADD, POOL);

    public final Path dir;
    public final Path network;
    public final Int8Tensor input;
    public final Int8Tensor convWeights;
    public final Int32Tensor convBias;
    public final Int8Tensor dwWeights;
    public final Int32Tensor dwBias;

    public NetworkFixture(Path dir) {
        this(dir, NETWORK);
    }

    public NetworkFixture(Path dir, String networkJson) {
        this.dir = dir;
        RandomDataGenerator rnd = new RandomDataGenerator(new Well19937c(42));
        input = int8(rnd, 1, 6, 6, 3);
        convWeights = int8(rnd, 4, 3, 3, 3);
        convBias = int32(rnd, 4);
        dwWeights = int8(rnd, 1, 3, 3, 4);
        dwBias = int32(rnd, 4);
        try {
            Files.writeString(dir.resolve("conv.json"), CONV);
            network = dir.resolve("net.json");
            Files.writeString(network, networkJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Npy.write(dir.resolve("x.npy"), input);
        Npy.write(dir.resolve("conv_w.npy"), convWeights);
        Npy.write(dir.resolve("conv_b.npy"), convBias);
        Npy.write(dir.resolve("dw_w.npy"), dwWeights);
        Npy.write(dir.resolve("dw_b.npy"), dwBias);
    }

    private static Int8Tensor int8(RandomDataGenerator rnd, int... shape) {
        byte[] d = new byte[Shapes.elementCount(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (byte) rnd.nextInt(-128, 127);
        return new Int8Tensor(shape, d);
    }

    private static Int32Tensor int32(RandomDataGenerator rnd, int n) {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) d[i] = rnd.nextInt(-3000, 3000);
        return new Int32Tensor(new int[] {n}, d);
    }
}
