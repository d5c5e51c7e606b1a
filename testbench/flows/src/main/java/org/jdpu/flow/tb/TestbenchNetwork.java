package org.jdpu.flow.tb;

import org.jdpu.compiler.net.LayerTensors;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Padding;
import org.jdpu.spec.Quant;
import org.jdpu.spec.Window;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A network for the export bundle's testbench with its tensors: by default a chain of three
 * convolutions (3x3 same, 3x3 stride 2, 1x1) with relu on a small seeded input, so that it
 * exercises padding, strides and a channel count that is not a multiple of every ICP/OCP while
 * simulating in seconds.
 *
 * @param description how the testbench names it (shapes, seed)
 */
public record TestbenchNetwork(String description, NetworkSpec spec, Int8Tensor input, List<LayerTensors> tensors) {

    public TestbenchNetwork {
        tensors = List.copyOf(tensors);
    }

    /** The default chain on a {@code size x size x 8} input: 8 -> 12 (3x3) -> 16 (3x3, stride 2) -> 8 (1x1). */
    public static TestbenchNetwork threeLayers(int size, long seed) {
        return chain(seed, size, size, 8, new int[][] {{12, 3, 1, 1}, {16, 3, 2, 1}, {8, 1, 1, 0}});
    }

    /**
     * A chain of relu convolutions with seeded tensors.
     *
     * @param layers per layer {output channels, kernel, stride, padding}
     */
    public static TestbenchNetwork chain(long seed, int h, int w, int c, int[][] layers) {
        Random rnd = new Random(seed);
        List<NetworkSpec.Layer> specs = new ArrayList<>();
        List<LayerTensors> tensors = new ArrayList<>();
        FeatureShape in = new FeatureShape(h, w, c);
        StringBuilder d = new StringBuilder(h + "x" + w + "x" + c);
        int fp = 4;
        for (int i = 0; i < layers.length; i++) {
            int oc = layers[i][0], k = layers[i][1], stride = layers[i][2], pad = layers[i][3];
            // Keeps the outputs in range: the product's fraction bits minus the shift land on the output's.
            Quant.ShiftQuant q = new Quant.ShiftQuant(fp, 7, fp + 7 - 2, fp + 3);
            Conv2dSpec s = new Conv2dSpec(in, oc, new Window(k, k, stride, stride, 1, 1, new Padding(pad, pad, pad, pad)), q,
                    Activation.RELU);
            specs.add(new NetworkSpec.Layer("conv" + (i + 1), s, null, null, null));
            tensors.add(new LayerTensors(randomInt8(rnd, s.weightShape()), randomInt32(rnd, oc)));
            in = s.output();
            fp = q.fpOutput();
            d.append(" -> ").append(k).append('x').append(k).append(stride > 1 ? "/" + stride : "").append(" -> ")
                    .append(in.h()).append('x').append(in.w()).append('x').append(in.c());
        }
        return new TestbenchNetwork(layers.length + " conv layers " + d + ", seed " + seed, new NetworkSpec(null, specs),
                randomInt8(rnd, 1, h, w, c), tensors);
    }

    /** Seeded int8 values in -30..30. */
    public static Int8Tensor randomInt8(Random rnd, int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (rnd.nextInt(61) - 30);
        return new Int8Tensor(shape, b);
    }

    /** Seeded biases in -200..200. */
    public static Int32Tensor randomInt32(Random rnd, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = rnd.nextInt(401) - 200;
        return new Int32Tensor(new int[] {n}, v);
    }
}
