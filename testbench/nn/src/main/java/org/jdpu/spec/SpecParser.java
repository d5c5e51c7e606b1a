package org.jdpu.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jdpu.io.IoErrors;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.spec.Quant.NoQuant;
import org.jdpu.spec.Quant.ShiftQuant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads layer and network spec JSON (formats in testbench/README.md) into {@link LayerSpec} and
 * {@link NetworkSpec}. The parser checks presence, JSON type and unknown fields; value ranges and
 * consistency are checked by {@link LayerChecks}. Every error is a {@link SpecException} naming the
 * file, the JSON path and the bad value.
 */
public final class SpecParser {
    private SpecParser() {}

    // A file holds exactly one value: content after it (a second object, stray brackets, text) is an
    // error rather than silently ignored, since it usually means a botched edit.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final List<String> OPS = List.of("conv2d", "depthwise_conv2d", "dense", "maxpool", "avgpool", "global_avgpool", "upsample", "add", "concat", "softmax");
    private static final List<String> ACTIVATIONS = List.of("none", "relu", "relu6", "leaky_relu", "clamp");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Parses and validates one layer file. */
    public static LayerSpec parseLayer(Path file) {
        JsonNode root = readTree(file);
        try {
            return layer(root, "$");
        } catch (SpecException e) {
            throw e.in(file);
        }
    }

    /** Parses and validates one layer given as JSON text (errors carry no file name). */
    public static LayerSpec parseLayerJson(String json) {
        return layer(readTree(json, null), "$");
    }

    /** Parses and validates a network file, the layer files it names, and the chaining of shapes. */
    public static NetworkSpec parseNetwork(Path file) {
        JsonNode root = readTree(file);
        try {
            return network(root, file);
        } catch (SpecException e) {
            throw e.file() == null ? e.in(file) : e;
        }
    }

    static LayerSpec layer(JsonNode node, String path) {
        JsonObjectReader o = JsonObjectReader.of(node, path);
        String op = o.choice("op", OPS);
        if (op.equals("concat")) return concat(o, path);
        FeatureShape input = featureShape(o.object("input"));
        LayerSpec spec = switch (op) {
            case "conv2d" -> {
                int oc = o.integer("output_channels");
                yield new Conv2dSpec(input, oc, window(o, true), quant(o.object("quant")), activation(o));
            }
            case "depthwise_conv2d" -> {
                int m = o.integer("depth_multiplier");
                yield new DepthwiseConv2dSpec(input, m, window(o, true), quant(o.object("quant")), activation(o));
            }
            case "dense" -> {
                int oc = o.integer("output_channels");
                yield new DenseSpec(input, oc, quant(o.object("quant")), activation(o));
            }
            case "maxpool", "avgpool" -> {
                PoolSpec.Kind kind = op.equals("maxpool") ? PoolSpec.Kind.MAX : PoolSpec.Kind.AVG;
                PoolQuant quant = o.has("quant") ? poolQuant(o.object("quant"), false) : PoolQuant.SHIFT;
                yield new PoolSpec(kind, input, window(o, false), quant, activation(o));
            }
            case "global_avgpool" -> new GlobalAvgPoolSpec(input,
                    o.has("quant") ? poolQuant(o.object("quant"), true) : PoolQuant.SHIFT, activation(o));
            case "upsample" -> {
                int[] f = o.integers("factor", 2);
                yield new UpsampleSpec(input, f[0], f[1]);
            }
            case "softmax" -> {
                JsonObjectReader q = o.object("quant");
                q.choice("mode", List.of("multiplier"));
                SoftmaxSpec s = new SoftmaxSpec(input, q.integer("input_multiplier"), q.integer("input_left_shift"));
                q.rejectUnknown();
                yield s;
            }
            case "add" -> new AddSpec(input, addQuant(o.object("quant")), activation(o));
            default -> throw new IllegalStateException(op);
        };
        o.rejectUnknown();
        LayerChecks.validate(spec, path);
        return spec;
    }

    private static LayerSpec concat(JsonObjectReader o, String path) {
        JsonNode list = o.raw("inputs");
        if (!list.isArray()) {
            throw new SpecException(o.pathOf("inputs"), "must be an array of input shapes, got " + JsonObjectReader.show(list));
        }
        List<FeatureShape> inputs = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            inputs.add(featureShape(JsonObjectReader.of(list.get(k), o.pathOf("inputs") + "[" + k + "]")));
        }
        o.rejectUnknown();
        LayerSpec spec = new ConcatSpec(inputs);
        LayerChecks.validate(spec, path);
        return spec;
    }

    private static FeatureShape featureShape(JsonObjectReader o) {
        FeatureShape s = new FeatureShape(o.integer("h"), o.integer("w"), o.integer("c"));
        o.rejectUnknown();
        return s;
    }

    private static Window window(JsonObjectReader o, boolean dilation) {
        int[] k = o.integers("kernel", 2);
        int[] s = o.optionalIntegers("stride", 2, new int[] {1, 1});
        int[] d = dilation ? o.optionalIntegers("dilation", 2, new int[] {1, 1}) : new int[] {1, 1};
        int[] p = o.optionalIntegers("padding", 4, new int[] {0, 0, 0, 0});
        return new Window(k[0], k[1], s[0], s[1], d[0], d[1], new Padding(p[0], p[1], p[2], p[3]));
    }

    private static Quant quant(JsonObjectReader q) {
        String mode = q.choice("mode", List.of("shift", "multiplier", "none"));
        Quant quant = switch (mode) {
            case "shift" -> new ShiftQuant(q.integer("fp_input"), q.integer("fp_weights"), q.integer("fp_bias"),
                    q.integer("fp_output"));
            case "multiplier" -> new MultiplierQuant(q.integer("input_zero_point"), q.integer("output_zero_point"),
                    q.integers("multiplier"), q.integers("shift"));
            case "none" -> new NoQuant(q.optionalInteger("input_zero_point", 0), q.optionalInteger("weight_zero_point", 0));
            default -> throw new IllegalStateException(mode);
        };
        q.rejectUnknown();
        return quant;
    }

    /** A pool's optional quant: which rounding it follows; {@code mean} only for global average pooling. */
    private static PoolQuant poolQuant(JsonObjectReader q, boolean global) {
        String mode = q.choice("mode", global ? List.of("shift", "multiplier", "mean") : List.of("shift", "multiplier"));
        PoolQuant quant = switch (mode) {
            case "shift" -> PoolQuant.SHIFT;
            case "multiplier" -> new PoolQuant.TflitePool(q.integer("zero_point"));
            case "mean" -> new PoolQuant.TfliteMean(q.integer("input_zero_point"), q.integer("output_zero_point"),
                    q.integer("multiplier"), q.integer("shift"));
            default -> throw new IllegalStateException(mode);
        };
        q.rejectUnknown();
        return quant;
    }

    private static AddSpec.Rescaling addQuant(JsonObjectReader q) {
        AddSpec.Rescaling quant = switch (q.choice("mode", List.of("shift", "multiplier"))) {
            case "shift" -> new AddSpec.AddQuant(q.integer("fp_input"), q.integer("fp_input_b"), q.integer("fp_output"));
            case "multiplier" -> new AddSpec.TfliteAddQuant(q.integer("input_zero_point"), q.integer("input_b_zero_point"),
                    q.integer("output_zero_point"), q.integer("input_multiplier"), q.integer("input_shift"),
                    q.integer("input_b_multiplier"), q.integer("input_b_shift"), q.integer("output_multiplier"),
                    q.integer("output_shift"));
            default -> throw new IllegalStateException();
        };
        q.rejectUnknown();
        return quant;
    }

    private static Activation activation(JsonObjectReader layer) {
        if (!layer.has("activation")) return Activation.NONE;
        JsonObjectReader a = layer.object("activation");
        Activation act = switch (a.choice("type", ACTIVATIONS)) {
            case "none" -> Activation.NONE;
            case "relu" -> Activation.RELU;
            case "relu6" -> Activation.RELU6;
            case "leaky_relu" -> Activation.LEAKY_RELU;
            case "clamp" -> new Activation.Clamp(a.integer("min"), a.integer("max"));
            default -> throw new IllegalStateException();
        };
        a.rejectUnknown();
        return act;
    }

    private static NetworkSpec network(JsonNode root, Path file) {
        if (!root.isArray()) {
            throw new SpecException("$", "a network file is a JSON array of layer entries, got " + JsonObjectReader.show(root));
        }
        if (root.isEmpty()) throw new SpecException("$", "the network has no layers");
        Path dir = file.toAbsolutePath().getParent();
        NetworkLinks links = new NetworkLinks();
        List<NetworkSpec.Layer> layers = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonObjectReader e = JsonObjectReader.of(root.get(i), "$[" + i + "]");
            String name = e.has("name") ? e.string("name") : "layer" + i;
            if (!NAME.matcher(name).matches() || name.equals(NetworkSpec.INPUT)) {
                throw new SpecException(e.pathOf("name"), "must be 1-64 letters, digits, '_', '.' or '-' and not \""
                        + NetworkSpec.INPUT + "\", got \"" + name + "\"");
            }
            if (links.has(name)) {
                throw new SpecException(e.pathOf("name"), "repeats the name \"" + name + "\" of an earlier layer");
            }
            LayerSpec spec = entryLayer(e, dir);
            Path weights = tensorFile(e, "weights", dir, spec instanceof ConvolutionSpec, spec.op());
            Path bias = tensorFile(e, "bias", dir, false, spec.op());
            if (bias != null && !(spec instanceof ConvolutionSpec)) {
                throw new SpecException(e.pathOf("bias"), spec.op() + " takes no bias");
            }
            List<NetworkLinks.Source> sources = sources(e, spec, i == 0 ? NetworkSpec.INPUT : layers.getLast().name());
            boolean output = e.optionalBoolean("output", false);
            e.rejectUnknown();
            links.add(name, spec, sources, e.path());
            layers.add(new NetworkSpec.Layer(name, spec, weights, bias,
                    sources.stream().map(NetworkLinks.Source::name).toList(), output));
        }
        links.checkEveryOutputIsUsed(layers);
        return new NetworkSpec(file, layers);
    }

    /**
     * The layers an entry reads, each with the JSON path an error about it points at: the entry's
     * {@code inputs}, the {@code input_b} shorthand of an add, or by default the layer before it.
     */
    private static List<NetworkLinks.Source> sources(JsonObjectReader e, LayerSpec spec, String previous) {
        boolean add = spec instanceof AddSpec, concat = spec instanceof ConcatSpec;
        if (e.has("inputs")) {
            if (e.has("input_b")) throw new SpecException(e.pathOf("input_b"), "give inputs or input_b, not both");
            List<String> names = e.strings("inputs");
            int wanted = concat ? ((ConcatSpec) spec).inputs().size() : add ? 2 : 1;
            if (names.size() != wanted) {
                throw new SpecException(e.pathOf("inputs"), spec.op() + (concat ? " lists " + wanted + " input shapes" : " reads "
                        + wanted + (wanted == 1 ? " input" : " inputs")) + " but the entry names " + names.size());
            }
            List<NetworkLinks.Source> out = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                out.add(new NetworkLinks.Source(names.get(k), e.pathOf("inputs") + "[" + k + "]", false));
            }
            return out;
        }
        if (concat) {
            throw new SpecException(e.pathOf("inputs"), "is missing: concat needs the names of the layers it joins");
        }
        String inputB = e.optionalString("input_b");
        NetworkLinks.Source a = new NetworkLinks.Source(previous, e.pathOf("layer") + ".input", true);
        if (add) {
            if (inputB == null) {
                throw new SpecException(e.pathOf("input_b"), "is missing: add needs the name of an earlier layer "
                        + "(or \"" + NetworkSpec.INPUT + "\") whose output is its second operand");
            }
            return List.of(a, new NetworkLinks.Source(inputB, e.pathOf("input_b"), false));
        }
        if (inputB != null) throw new SpecException(e.pathOf("input_b"), "only add layers take a second input");
        return List.of(a);
    }

    private static LayerSpec entryLayer(JsonObjectReader e, Path dir) {
        JsonNode node = e.raw("layer");
        if (node.isObject()) return layer(node, e.pathOf("layer"));
        if (!node.isTextual()) {
            throw new SpecException(e.pathOf("layer"), "must be a layer object or the name of a layer file, got "
                    + JsonObjectReader.show(node));
        }
        Path layerFile = existing(dir, node.textValue(), e.pathOf("layer"));
        try {
            return parseLayer(layerFile);
        } catch (SpecException ex) {
            throw new SpecException(ex.file(), ex.field(), ex.problem() + " (layer file named at " + e.pathOf("layer") + ")");
        }
    }

    private static Path tensorFile(JsonObjectReader e, String key, Path dir, boolean required, String op) {
        if (!e.has(key)) {
            if (required) throw new SpecException(e.pathOf(key), "is missing: " + op + " needs a " + key + " .npy file");
            return null;
        }
        String name = e.string(key);
        if (!required && key.equals("weights")) throw new SpecException(e.pathOf(key), op + " takes no weights");
        return existing(dir, name, e.pathOf(key));
    }

    private static Path existing(Path dir, String name, String path) {
        Path p = dir.resolve(name).normalize();
        if (!Files.isRegularFile(p)) throw new SpecException(path, "file not found: " + p);
        return p;
    }

    private static JsonNode readTree(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(file, "$", "no such file");
        } catch (IOException e) {
            throw new SpecException(file, "$", "cannot read: " + IoErrors.describe(e));
        }
        return readTree(text, file);
    }

    private static JsonNode readTree(String text, Path file) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || n.isMissingNode()) throw new SpecException(file, "$", "the file is empty");
            return n;
        } catch (MismatchedInputException e) {
            // The only mismatch a tree read reports: a complete value followed by more content.
            throw new SpecException(file, "$", "not valid JSON" + where(e) + ": unexpected content after the end of "
                    + "the top-level value (a file holds exactly one JSON value)");
        } catch (JsonProcessingException e) {
            throw new SpecException(file, "$", "not valid JSON" + where(e) + ": " + parserProblem(e));
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Jackson's own first line, without the parser-internal source reference it appends. */
    private static String parserProblem(JsonProcessingException e) {
        String line = e.getOriginalMessage().lines().findFirst().orElse("");
        int internal = line.indexOf(" (start marker at [Source");
        return internal < 0 ? line : line.substring(0, internal);
    }
}
