package org.jdpu.spec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The network parser's view of the graph built so far: each layer's output shape and encoding, so a
 * new entry's links can be checked as it is read. A link must name an earlier layer (or the
 * network input) whose output has the shape the layer expects at that operand and the fix point or
 * zero point it reads there; a concat's sources must share theirs; a host-run layer is read only by
 * host-run layers. At the end every layer's output must be read by a later layer or be a network output.
 */
final class NetworkLinks {
    /** One operand link: the name it gives, the JSON path an error points at, and whether it is the implicit chain link. */
    record Source(String name, String path, boolean implicit) {}

    private final Map<String, FeatureShape> shapes = new HashMap<>();
    private final Map<String, OutputEncoding> encodings = new HashMap<>();
    private final Map<String, LayerSpec> specs = new HashMap<>();
    private final Set<String> read = new HashSet<>();

    NetworkLinks() {
        encodings.put(NetworkSpec.INPUT, new OutputEncoding.Unknown());
    }

    boolean has(String name) {
        return specs.containsKey(name);
    }

    /** Checks the links of entry {@code at} and records its output. */
    void add(String name, LayerSpec spec, List<Source> sources, String at) {
        if (specs.isEmpty() && !sources.getFirst().name().equals(NetworkSpec.INPUT)) {
            throw new SpecException(sources.getFirst().path(), "the first layer must read the network input (\""
                    + NetworkSpec.INPUT + "\")");
        }
        if (specs.isEmpty()) shapes.put(NetworkSpec.INPUT, spec.input());
        List<FeatureShape> expected = operandShapes(spec);
        OutputEncoding[] written = new OutputEncoding[sources.size()];
        for (int k = 0; k < sources.size(); k++) {
            Source s = sources.get(k);
            FeatureShape shape = shapes.get(s.name());
            if (shape == null) throw new SpecException(s.path(), "names no earlier layer: \"" + s.name() + "\"");
            if (!shape.equals(expected.get(k))) throw new SpecException(s.path(), mismatch(spec, s, k, shape, expected.get(k)));
            if (specs.get(s.name()) instanceof ConvolutionSpec c && c.quant() instanceof Quant.NoQuant) {
                throw new SpecException(at, (s.implicit() ? "the previous layer" : "layer \"" + s.name() + "\"")
                        + " uses quant mode none (int32 output); only the last layer of a network may");
            }
            LayerSpec source = specs.get(s.name());
            if (source != null && source.runsOnHost() && !spec.runsOnHost()) {
                throw new SpecException(s.path(), "layer \"" + s.name() + "\" (" + source.op() + ") runs on the host; "
                        + "only host-run layers may read it, so host-run layers come after every engine layer");
            }
            written[k] = encodings.get(s.name());
            read.add(s.name());
        }
        encodings.put(name, encoding(name, spec, sources, written, at));
        shapes.put(name, spec.output());
        specs.put(name, spec);
    }

    /** Refuses a layer (other than the last) whose output nothing reads and which is not marked as an output. */
    void checkEveryOutputIsUsed(List<NetworkSpec.Layer> layers) {
        for (int i = 0; i < layers.size() - 1; i++) {
            NetworkSpec.Layer l = layers.get(i);
            if (l.spec() instanceof ConvolutionSpec c && c.quant() instanceof Quant.NoQuant) {
                throw new SpecException("$[" + i + "]", "layer \"" + l.name() + "\" uses quant mode none (int32 output); "
                        + "only the last layer of a network may");
            }
            if (!read.contains(l.name()) && !l.output()) {
                throw new SpecException("$[" + i + "]", "no later layer reads the output of layer \"" + l.name()
                        + "\"; mark the entry \"output\": true if it is a network output");
            }
        }
    }

    private static List<FeatureShape> operandShapes(LayerSpec spec) {
        return switch (spec) {
            case ConcatSpec c -> c.inputs();
            case AddSpec a -> List.of(a.input(), a.input());
            default -> List.of(spec.input());
        };
    }

    private static String mismatch(LayerSpec spec, Source s, int k, FeatureShape got, FeatureShape want) {
        if (s.implicit()) return "the previous layer outputs " + got + " but this layer's input is " + want;
        String who = "layer \"" + s.name() + "\" outputs " + got;
        return switch (spec) {
            case AddSpec a -> who + " but the add layer's input is " + want;
            case ConcatSpec c -> who + " but the concat's input " + k + " is " + want;
            default -> who + " but this layer's input is " + want;
        };
    }

    /** Checks what each operand reads against what its source wrote, and gives what the layer writes. */
    private OutputEncoding encoding(String name, LayerSpec spec, List<Source> sources, OutputEncoding[] written, String at) {
        if (spec instanceof ConcatSpec) {
            OutputEncoding common = new OutputEncoding.Unknown();
            for (int k = 0; k < written.length; k++) {
                if (written[k] instanceof OutputEncoding.Unknown) continue;
                if (!(common instanceof OutputEncoding.Unknown) && !common.equals(written[k])) {
                    throw new SpecException(sources.get(k).path(), "concat sources must share one encoding: \""
                            + sources.get(k).name() + "\" was written as " + written[k] + ", an earlier source as " + common);
                }
                common = written[k];
            }
            return common;
        }
        String clash = OutputEncoding.mismatch(written[0], OutputEncoding.expectedInput(spec));
        if (clash != null) {
            String by = sources.getFirst().implicit() ? "the layer before it" : "layer \"" + sources.getFirst().name() + "\"";
            throw new SpecException(at + ".layer" + OutputEncoding.field(spec), "layer \"" + name + "\" " + clash + " by " + by);
        }
        if (spec instanceof AddSpec add) {
            String clashB = OutputEncoding.mismatch(written[1], OutputEncoding.expectedInputB(add));
            if (clashB != null) {
                throw new SpecException(at + ".layer" + OutputEncoding.fieldB(add), "input B (\"" + sources.get(1).name() + "\") "
                        + clashB.replace("reads its input", "is read"));
            }
        }
        return OutputEncoding.output(spec, written[0]);
    }
}
