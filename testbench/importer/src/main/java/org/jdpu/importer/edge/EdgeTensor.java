package org.jdpu.importer.edge;

import java.util.Arrays;

/**
 * One input or output tensor of the model as the model file states it: its name, shape (batch
 * first, a dynamic batch written as 1), axis layout and element type, the network entry that
 * produces it ({@code input} for the network input) and, for a float tensor, how it is quantized.
 */
public record EdgeTensor(String name, String layer, int[] shape, EdgeLayout layout, EdgeDType dtype, EdgeQuant quant) {
    public EdgeTensor {
        shape = shape.clone();
        if (dtype == EdgeDType.FLOAT32 && quant == null) {
            throw new IllegalArgumentException("float edge tensor " + name + " needs its quantization");
        }
        int rank = layout == EdgeLayout.NC ? 2 : 4;
        if (shape.length != rank || shape[0] != 1) {
            throw new IllegalArgumentException("edge tensor " + name + ": shape " + Arrays.toString(shape)
                    + " does not fit layout " + layout + " with batch 1");
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The network's NHWC shape {@code [1, H, W, C]} of this tensor. */
    public int[] networkShape() {
        return switch (layout) {
            case NCHW -> new int[] {1, shape[2], shape[3], shape[1]};
            case NHWC -> shape.clone();
            case NC -> new int[] {1, 1, 1, shape[1]};
        };
    }

    /** Number of elements. */
    public int size() {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeTensor t && t.name.equals(name) && t.layer.equals(layer) && Arrays.equals(t.shape, shape)
                && t.layout == layout && t.dtype == dtype && java.util.Objects.equals(t.quant, quant);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, layer, Arrays.hashCode(shape), layout, dtype, quant);
    }

    @Override
    public String toString() {
        return name + " " + dtype.json() + Arrays.toString(shape) + " " + layout + (quant == null ? "" : " " + quant)
                + " (network " + layer + ")";
    }
}
