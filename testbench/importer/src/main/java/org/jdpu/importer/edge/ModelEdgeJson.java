package org.jdpu.importer.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdpu.io.IoErrors;
import org.jdpu.io.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@value #FILE}: the JSON form of a {@link ModelEdge}, written by the importers beside
 * {@code network.json} and read by {@code dpu golden}.
 *
 * <pre>{@code
 * {"format": "jdpu-model-edge", "version": 1, "model": "m.onnx",
 *  "input":   {"name": "x", "layer": "input", "shape": [1, 1, 28, 28], "layout": "NCHW", "dtype": "float32",
 *              "quant": {"fix_point": 7}},
 *  "outputs": [{"name": "y", "layer": "fc2", "shape": [1, 10], "layout": "NC", "dtype": "float32",
 *              "quant": {"scale": 0.125, "zero_point": 0}}]}
 * }</pre>
 * Every reading error names the file and the JSON path.
 */
public final class ModelEdgeJson {
    private ModelEdgeJson() {}

    /** The file name inside a network directory. */
    public static final String FILE = "model-edge.json";

    static final String FORMAT = "jdpu-model-edge";
    static final int VERSION = 1;
    /** The {@code quant.rounding} of a TFLite float edge ({@link EdgeQuant.TfliteAffine}); absent: round half up. */
    static final String TFLITE_ROUNDING = "half_away_from_zero";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** The JSON text of {@code edge}. */
    public static String format(ModelEdge edge) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("model", edge.model());
        root.set("input", tensor(edge.input()));
        ArrayNode outs = root.putArray("outputs");
        edge.outputs().forEach(o -> outs.add(tensor(o)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode tensor(EdgeTensor t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", t.name());
        o.put("layer", t.layer());
        ArrayNode shape = o.putArray("shape");
        for (int d : t.shape()) shape.add(d);
        o.put("layout", t.layout().json());
        o.put("dtype", t.dtype().json());
        switch (t.quant()) {
            case null -> { }
            case EdgeQuant.FixPoint f -> o.putObject("quant").put("fix_point", f.fixPoint());
            case EdgeQuant.Affine a -> o.putObject("quant").put("scale", a.scale()).put("zero_point", a.zeroPoint());
            case EdgeQuant.TfliteAffine a -> o.putObject("quant").put("scale", a.scale()).put("zero_point", a.zeroPoint())
                    .put("rounding", TFLITE_ROUNDING);
        }
        return o;
    }

    /** The edge stored beside {@code networkFile}, or null when the network was not imported from a model. */
    public static ModelEdge readBeside(Path networkFile) {
        Path parent = networkFile.toAbsolutePath().getParent();
        Path file = parent == null ? Path.of(FILE) : parent.resolve(FILE);
        return Files.exists(file) ? read(file) : null;
    }

    /** Reads {@code file}; any problem is a {@link UserError} naming the file and the field. */
    public static ModelEdge read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + IoErrors.describe(e));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UserError(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        Fields f = new Fields(file, root, "$", Set.of("format", "version", "model", "input", "outputs"));
        if (!FORMAT.equals(f.string("format"))) throw f.error("format", "must be \"" + FORMAT + "\"");
        if (f.integer("version") != VERSION) throw f.error("version", "must be " + VERSION);
        String model = f.string("model");
        EdgeTensor input = tensor(f.object("input"));
        JsonNode outs = f.get("outputs");
        if (!outs.isArray() || outs.isEmpty()) throw f.error("outputs", "must be a non-empty array");
        List<EdgeTensor> outputs = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) outputs.add(tensor(new Fields(file, outs.get(i), "$.outputs[" + i + "]", TENSOR_KEYS)));
        return new ModelEdge(model, input, outputs);
    }

    private static final Set<String> TENSOR_KEYS = Set.of("name", "layer", "shape", "layout", "dtype", "quant");

    private static EdgeTensor tensor(Fields f) {
        String name = f.string("name");
        String layer = f.string("layer");
        JsonNode s = f.get("shape");
        if (!s.isArray() || s.isEmpty()) throw f.error("shape", "must be a non-empty array of dimensions");
        int[] shape = new int[s.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!s.get(i).canConvertToInt() || !s.get(i).isIntegralNumber() || s.get(i).intValue() < 1) {
                throw f.error("shape[" + i + "]", "must be a positive integer, got " + s.get(i));
            }
            shape[i] = s.get(i).intValue();
        }
        String layoutName = f.string("layout");
        EdgeLayout layout;
        try {
            layout = EdgeLayout.valueOf(layoutName);
        } catch (IllegalArgumentException e) {
            throw f.error("layout", "must be NCHW, NHWC or NC, got \"" + layoutName + "\"");
        }
        String typeName = f.string("dtype");
        EdgeDType dtype = EdgeDType.ofJson(typeName);
        if (dtype == null) throw f.error("dtype", "must be float32, int8 or uint8, got \"" + typeName + "\"");
        EdgeQuant quant = null;
        if (f.has("quant")) {
            JsonNode q = f.get("quant");
            if (q.has("fix_point")) {
                Fields qf = new Fields(f.file, q, f.path + ".quant", Set.of("fix_point"));
                quant = new EdgeQuant.FixPoint(qf.integer("fix_point"));
            } else {
                boolean tflite = q.has("rounding");
                Fields qf = new Fields(f.file, q, f.path + ".quant",
                        tflite ? Set.of("scale", "zero_point", "rounding") : Set.of("scale", "zero_point"));
                JsonNode scale = qf.get("scale");
                if (!scale.isNumber() || !(scale.doubleValue() > 0)) throw qf.error("scale", "must be a positive number, got " + scale);
                if (tflite && !TFLITE_ROUNDING.equals(qf.string("rounding"))) {
                    throw qf.error("rounding", "must be \"" + TFLITE_ROUNDING + "\" (TFLite's QUANTIZE) or absent, got \""
                            + qf.string("rounding") + "\"");
                }
                quant = tflite ? new EdgeQuant.TfliteAffine(scale.doubleValue(), qf.integer("zero_point"))
                        : new EdgeQuant.Affine(scale.doubleValue(), qf.integer("zero_point"));
            }
        } else if (dtype == EdgeDType.FLOAT32) {
            throw f.error("quant", "is missing; a float32 tensor needs its fix_point or scale and zero_point");
        }
        try {
            return new EdgeTensor(name, layer, shape, layout, dtype, quant);
        } catch (IllegalArgumentException e) {
            throw f.error("shape", e.getMessage());
        }
    }

    /** Typed fields of one JSON object, with unknown keys refused. */
    private static final class Fields {
        final Path file;
        final JsonNode node;
        final String path;

        Fields(Path file, JsonNode node, String path, Set<String> known) {
            this.file = file;
            this.node = node;
            this.path = path;
            if (node == null || !node.isObject()) throw new UserError(file + ": " + path + ": must be a JSON object");
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!known.contains(k)) throw error(k, "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }

        UserError error(String key, String problem) {
            return new UserError(file + ": " + path + "." + key + ": " + problem);
        }

        boolean has(String key) {
            return node.has(key);
        }

        JsonNode get(String key) {
            JsonNode v = node.get(key);
            if (v == null) throw error(key, "is missing");
            return v;
        }

        Fields object(String key) {
            return new Fields(file, get(key), path + "." + key, TENSOR_KEYS);
        }

        String string(String key) {
            JsonNode v = get(key);
            if (!v.isTextual()) throw error(key, "must be a string, got " + v);
            return v.textValue();
        }

        int integer(String key) {
            JsonNode v = get(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) throw error(key, "must be an integer, got " + v);
            return v.intValue();
        }
    }

    /** Writes {@code edge} to {@code file} (used by tests; importers pass {@link #format} to the network writer). */
    static void write(Path file, ModelEdge edge) throws IOException {
        Files.writeString(file, format(edge));
    }
}
