package org.jdpu.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdpu.spec.LayerJson;
import org.jdpu.spec.NetworkWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The committed specs under {@code testbench/examples/zoo} are what the generators build at the
 * published size: entry names, links, output marks and layer objects (shapes and fix points do not
 * depend on the seed; the weight files they name are drawn by {@code dpu example}).
 */
class ModelZooSpecFilesTest {
    private static final Path ZOO = Path.of("../examples/zoo");

    @ParameterizedTest
    @EnumSource(ModelZoo.class)
    void committedSpecMatchesTheGenerator(ModelZoo m) throws IOException {
        JsonNode file = new ObjectMapper().readTree(ZOO.resolve(m.id() + ".json").toFile());
        List<NetworkWriter.Entry> entries = m.layers(m.size());
        assertEquals(entries.size(), file.size(), m.id() + ": entries");
        for (int i = 0; i < entries.size(); i++) {
            NetworkWriter.Entry e = entries.get(i);
            JsonNode f = file.get(i);
            assertEquals(e.name(), f.get("name").asText(), m.id() + " $[" + i + "]");
            assertEquals(e.inputs(), f.path("inputs").valueStream().map(JsonNode::asText).toList(), e.name());
            assertEquals(e.output(), f.path("output").asBoolean(false), e.name());
            assertEquals(LayerJson.of(e.spec()), f.get("layer"), e.name());
        }
    }
}
