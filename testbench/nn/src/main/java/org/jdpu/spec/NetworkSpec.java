package org.jdpu.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A network read from a network file: a directed acyclic graph of layers in program order. Each
 * layer names the earlier layers (or the network {@link #INPUT}) it reads; {@code add} reads two,
 * {@code concat} two or more, every other layer one. The last layer is a network output; other
 * layers whose output no later layer reads are outputs too and are marked so. Tensor paths are
 * resolved against the network file.
 */
public record NetworkSpec(Path file, List<Layer> layers) {
    /** Reserved name of the network input. */
    public static final String INPUT = "input";

    /**
     * Resolves the links of a network built in code: a layer without inputs reads the layer before
     * it, and an empty name in its inputs stands for that layer too.
     */
    public NetworkSpec {
        List<Layer> resolved = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            String previous = resolved.isEmpty() ? INPUT : resolved.getLast().name();
            List<String> in = l.inputs().isEmpty() ? List.of(previous)
                    : l.inputs().stream().map(n -> n.isEmpty() ? previous : n).toList();
            resolved.add(l.withInputs(in));
        }
        layers = List.copyOf(resolved);
    }

    /**
     * One entry: its name, its spec, its weight and bias files (null where the layer has none or the
     * bias is zero), the names of the layers it reads in operand order (empty: the layer before it,
     * resolved by {@link NetworkSpec}), and whether it is marked as a network output.
     */
    public record Layer(String name, LayerSpec spec, Path weights, Path bias, List<String> inputs, boolean output) {
        public Layer {
            inputs = List.copyOf(inputs);
        }

        /** A link of a chain, or with {@code inputB} non-null an {@code add} of the previous layer and {@code inputB}. */
        public Layer(String name, LayerSpec spec, Path weights, Path bias, String inputB) {
            this(name, spec, weights, bias, inputB == null ? List.of() : List.of("", inputB), false);
        }

        /** The layer whose output is operand B of an {@code add}, else null. */
        public String inputB() {
            return inputs.size() == 2 && spec instanceof AddSpec ? inputs.get(1) : null;
        }

        /** The layer whose output is the first operand. */
        public String inputA() {
            return inputs.getFirst();
        }

        Layer withInputs(List<String> in) {
            return new Layer(name, spec, weights, bias, in, output);
        }
    }

    /** The network input's shape: the first layer reads it. */
    public FeatureShape input() {
        return layers.getFirst().spec().input();
    }

    public LayerSpec last() {
        return layers.getLast().spec();
    }

    /** The layer named {@code name}, or null. */
    public Layer layer(String name) {
        for (Layer l : layers) {
            if (l.name().equals(name)) return l;
        }
        return null;
    }

    /** The network outputs in program order: every marked layer and the last one. */
    public List<Layer> outputs() {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).output() || i == layers.size() - 1) out.add(layers.get(i));
        }
        return out;
    }

    /**
     * The layers an engine runs: the network without its host-run layers (softmax), which the parser
     * keeps after every engine layer. An engine layer that a host-run layer reads is marked as an
     * output, so the host gets what it needs.
     *
     * @throws SpecException if every layer runs on the host
     */
    public NetworkSpec engineLayers() {
        Set<String> readByHost = new HashSet<>();
        for (Layer l : layers) {
            if (l.spec().runsOnHost()) readByHost.addAll(l.inputs());
        }
        List<Layer> kept = new ArrayList<>();
        for (Layer l : layers) {
            if (l.spec().runsOnHost()) continue;
            kept.add(readByHost.contains(l.name()) && !l.output()
                    ? new Layer(l.name(), l.spec(), l.weights(), l.bias(), l.inputs(), true) : l);
        }
        if (kept.isEmpty()) throw new SpecException(file, "$", "every layer runs on the host; there is nothing for an engine");
        return new NetworkSpec(file, kept);
    }

    /** The host-run layers (softmax), in program order; they come after every engine layer. */
    public List<Layer> hostLayers() {
        return layers.stream().filter(l -> l.spec().runsOnHost()).toList();
    }

    /** The layers that read {@code name}'s output, in program order. */
    public List<Layer> consumers(String name) {
        return layers.stream().filter(l -> l.inputs().contains(name)).toList();
    }

    /** True when every layer reads only the layer before it (and an add also any earlier one as B). */
    public boolean isChain() {
        for (int i = 0; i < layers.size(); i++) {
            String previous = i == 0 ? INPUT : layers.get(i - 1).name();
            Layer l = layers.get(i);
            if (!l.inputA().equals(previous) || l.spec() instanceof ConcatSpec) return false;
        }
        return true;
    }
}
