package org.jdpu.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdpu.io.IoErrors;
import org.jdpu.io.OutputDirectory;
import org.jdpu.io.UserError;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a network held in memory (layers with their tensors) as a network directory:
 * {@value #NETWORK_FILE} with inline layer objects, and {@code <name>_w.npy} / {@code <name>_b.npy}
 * beside it. The directory appears complete or not at all ({@link OutputDirectory}); callers add
 * their own files to the staging directory through {@link #write(Path, List, Map)}'s extras.
 */
public final class NetworkWriter {
    private NetworkWriter() {}

    /** The network file's name inside the directory; it also marks a directory this writer may replace. */
    public static final String NETWORK_FILE = "network.json";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * One layer to write: its spec, its tensors (null where it has none; a null bias means zeros),
     * the names it reads (empty: the layer before it) and whether it is marked as a network output.
     */
    public record Entry(String name, LayerSpec spec, Int8Tensor weights, Int32Tensor bias, List<String> inputs,
                        boolean output) {
        public Entry {
            inputs = List.copyOf(inputs);
        }

        /** A link of a chain: it reads the entry before it. */
        public Entry(String name, LayerSpec spec, Int8Tensor weights, Int32Tensor bias) {
            this(name, spec, weights, bias, List.of(), false);
        }
    }

    /** Writes {@code entries} into {@code dir} (replacing an earlier network directory) and parses the result back. */
    public static NetworkSpec write(Path dir, List<Entry> entries) {
        return write(dir, entries, Map.of());
    }

    /**
     * As {@link #write(Path, List)}, plus {@code extras}: further text files (name to content) of
     * the same directory, e.g. a description of the model's input and output.
     */
    public static NetworkSpec write(Path dir, List<Entry> entries, Map<String, String> extras) {
        try (OutputDirectory out = OutputDirectory.replacing(dir, NETWORK_FILE)) {
            Path staged = out.staging();
            Files.writeString(staged.resolve(NETWORK_FILE), JSON.writeValueAsString(network(entries, staged)) + "\n");
            for (Map.Entry<String, String> e : extras.entrySet()) Files.writeString(staged.resolve(e.getKey()), e.getValue());
            // Parse the staged copy: a writer bug must not leave a directory the parser refuses.
            SpecParser.parseNetwork(staged.resolve(NETWORK_FILE));
            out.commit();
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write the network: " + IoErrors.describe(e));
        }
        return SpecParser.parseNetwork(dir.resolve(NETWORK_FILE));
    }

    private static ArrayNode network(List<Entry> entries, Path dir) {
        ArrayNode root = JSON.createArrayNode();
        Set<String> names = new HashSet<>();
        for (Entry e : entries) {
            if (!names.add(e.name())) throw new IllegalArgumentException("two entries are named \"" + e.name() + "\"");
            ObjectNode o = root.addObject();
            o.put("name", e.name());
            if (!e.inputs().isEmpty()) e.inputs().forEach(o.withArray("inputs")::add);
            if (e.output()) o.put("output", true);
            o.set("layer", LayerJson.of(e.spec()));
            if (e.weights() != null) o.put("weights", tensor(dir, e.name() + "_w.npy", e.weights()));
            if (e.bias() != null) o.put("bias", tensor(dir, e.name() + "_b.npy", e.bias()));
        }
        return root;
    }

    private static String tensor(Path dir, String file, org.jdpu.tensor.Tensor t) {
        Npy.write(dir.resolve(file), t);
        return file;
    }
}
