package org.jdpu.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * A chain of layers read from a network file: each layer consumes the previous layer's output (the
 * first one the network input); an {@code add} layer also takes the output of an earlier, named layer
 * (or the network input) as its second operand. Tensor paths are resolved against the network file.
 */
public record NetworkSpec(Path file, List<Layer> layers) {
    /** Reserved name of the network input, usable as an {@code add} layer's {@code input_b}. */
    public static final String INPUT = "input";

    public NetworkSpec {
        layers = List.copyOf(layers);
    }

    /**
     * One entry: its name, its spec, its weight and bias files (null where the layer has none or the
     * bias is zero), and for {@code add} the name of the layer whose output is input B.
     */
    public record Layer(String name, LayerSpec spec, Path weights, Path bias, String inputB) {}

    public FeatureShape input() {
        return layers.getFirst().spec().input();
    }

    public LayerSpec last() {
        return layers.getLast().spec();
    }
}
