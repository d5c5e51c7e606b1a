package org.jdpu.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Network spec parsing: the format, chaining checks and the error for each kind of entry defect. */
class NetworkSpecTest {
    @TempDir
    Path tmp;

    @Test
    void parsesTheFixtureNetwork() {
        NetworkFixture f = new NetworkFixture(tmp);
        NetworkSpec net = SpecParser.parseNetwork(f.network);
        assertEquals(4, net.layers().size());
        assertEquals(List.of("conv", "dw", "sum", "layer3"), net.layers().stream().map(NetworkSpec.Layer::name).toList());
        assertInstanceOf(Conv2dSpec.class, net.layers().get(0).spec());
        assertEquals(tmp.resolve("conv_w.npy"), net.layers().get(0).weights());
        assertEquals(tmp.resolve("dw_b.npy"), net.layers().get(1).bias());
        assertEquals("conv", net.layers().get(2).inputB());
        assertNull(net.layers().get(3).weights());
        assertEquals(new FeatureShape(6, 6, 3), net.input());
        assertEquals(new FeatureShape(3, 3, 4), net.last().output());
    }

    private SpecException rejected(String json) {
        new NetworkFixture(tmp, json);
        return assertThrows(SpecException.class, () -> SpecParser.parseNetwork(tmp.resolve("net.json")));
    }

    private static String entries(String... e) {
        return "[" + String.join(",", e) + "]";
    }

    private static final String CONV_ENTRY = "{\"name\": \"conv\", \"layer\": \"conv.json\", \"weights\": \"conv_w.npy\"}";

    private void assertRejected(String json, String field, String problem) {
        SpecException e = rejected(json);
        assertEquals(tmp.resolve("net.json"), e.file());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.problem().contains(problem), "'" + e.problem() + "' lacks '" + problem + "'");
    }

    @Test
    void rejectsBadNetworkShapes() {
        assertRejected("{}", "$", "a network file is a JSON array of layer entries, got {}");
        assertRejected("[]", "$", "the network has no layers");
        assertRejected("[3]", "$[0]", "must be a JSON object, got 3");
    }

    @Test
    void rejectsContentAfterTheNetwork() {
        SpecException e = rejected(NetworkFixture.NETWORK + "]] trailing");
        assertEquals(tmp.resolve("net.json"), e.file());
        assertEquals("$", e.field());
        assertTrue(e.getMessage().matches(Pattern.quote(tmp.resolve("net.json") + ": $: not valid JSON at line ")
                + "9, column 2: Unexpected close marker ']'.*"), e.getMessage());
    }

    @Test
    void rejectsBadEntries() {
        assertRejected(entries("{\"weights\": \"conv_w.npy\"}"), "$[0].layer", "is missing");
        assertRejected(entries("{\"layer\": 7}"), "$[0].layer", "must be a layer object or the name of a layer file, got 7");
        assertRejected(entries("{\"layer\": \"nope.json\"}"), "$[0].layer", "file not found: " + tmp.resolve("nope.json"));
        assertRejected(entries(CONV_ENTRY.replace("conv_w.npy", "w.npy")), "$[0].weights", "file not found");
        assertRejected(entries("{\"layer\": \"conv.json\"}"), "$[0].weights", "is missing: conv2d needs a weights .npy file");
        assertRejected(entries(CONV_ENTRY.replace("}", ", \"wieghts\": 1}")), "$[0].wieghts", "unknown field");
        assertRejected(entries(CONV_ENTRY.replace("\"conv\"", "\"input\"")), "$[0].name", "not \"input\"");
        assertRejected(entries(CONV_ENTRY.replace("\"conv\"", "\"a b\"")), "$[0].name", "got \"a b\"");
        assertRejected(entries(CONV_ENTRY, "{\"name\": \"conv\", \"layer\": " + NetworkFixture.POOL.replace("\"c\": 4", "\"c\": 4")
                + "}"), "$[1].name", "repeats the name \"conv\"");
        assertRejected(entries(CONV_ENTRY, "{\"layer\": " + NetworkFixture.POOL + ", \"weights\": \"conv_w.npy\"}"),
                "$[1].weights", "maxpool takes no weights");
        assertRejected(entries(CONV_ENTRY, "{\"layer\": " + NetworkFixture.POOL + ", \"bias\": \"conv_b.npy\"}"),
                "$[1].bias", "maxpool takes no bias");
        assertRejected(entries(CONV_ENTRY, "{\"layer\": " + NetworkFixture.POOL + ", \"input_b\": \"conv\"}"),
                "$[1].input_b", "only add layers take a second input");
    }

    @Test
    void rejectsBrokenChains() {
        assertRejected(entries(CONV_ENTRY, "{\"layer\": " + NetworkFixture.POOL.replace("\"c\": 4", "\"c\": 5") + "}"),
                "$[1].layer.input", "the previous layer outputs 6x6x4 but this layer's input is 6x6x5");
        String addNoB = "{\"layer\": " + NetworkFixture.ADD + "}";
        assertRejected(entries(CONV_ENTRY, addNoB), "$[1].input_b", "is missing: add needs the name of an earlier layer");
        String add = "{\"layer\": " + NetworkFixture.ADD.replace("\"fp_input\": 4", "\"fp_input\": 3") + ", \"input_b\": \"%s\"}";
        assertRejected(entries(CONV_ENTRY, add.formatted("later")), "$[1].input_b", "names no earlier layer: \"later\"");
        assertRejected(entries(CONV_ENTRY, add.formatted("input")), "$[1].input_b",
                "layer \"input\" outputs 6x6x3 but the add layer's input is 6x6x4");
        // conv writes fix point 3; the add reads input A at fix point 4
        assertRejected(entries(CONV_ENTRY, "{\"layer\": " + NetworkFixture.ADD + ", \"input_b\": \"conv\"}"),
                "$[1].layer.quant.fp_input", "reads its input as fix point 4 (shift mode) but it was written as fix point 3");
        // the add reads B at fix point 3 = what conv wrote; make it 2
        assertRejected(entries(CONV_ENTRY, "{\"layer\": " + NetworkFixture.ADD.replace("\"fp_input\": 4", "\"fp_input\": 3")
                        .replace("\"fp_input_b\": 3", "\"fp_input_b\": 2") + ", \"input_b\": \"conv\"}"),
                "$[1].layer.quant.fp_input_b", "input B (\"conv\") is read as fix point 2");
        // a pool passes the fix point through
        assertRejected(entries(CONV_ENTRY, "{\"layer\": " + NetworkFixture.POOL + "}", "{\"layer\": "
                        + NetworkFixture.DEPTHWISE.replace("\"h\": 6, \"w\": 6", "\"h\": 3, \"w\": 3").replace("\"fp_input\": 3", "\"fp_input\": 5")
                        + ", \"weights\": \"dw_w.npy\"}"),
                "$[2].layer.quant.fp_input", "fix point 5 (shift mode) but it was written as fix point 3");
        String none = NetworkFixture.CONV.replace("{\"mode\": \"shift\", \"fp_input\": 4, \"fp_weights\": 7, \"fp_bias\": 6, \"fp_output\": 3}",
                "{\"mode\": \"none\"}").replace("{\"type\": \"relu\"}", "{\"type\": \"none\"}");
        assertRejected(entries("{\"layer\": " + none + ", \"weights\": \"conv_w.npy\"}", "{\"layer\": " + NetworkFixture.POOL + "}"),
                "$[1]", "the previous layer uses quant mode none (int32 output); only the last layer of a network may");
    }

    @Test
    void errorsInsideLayersNameTheirPath() {
        assertRejected(entries(CONV_ENTRY, "{\"layer\": " + NetworkFixture.POOL.replace("[2, 2]", "[2, 20]") + "}"),
                "$[1].layer.kernel[1]", "kernel width must be in 1..16, got 20");
    }

    @Test
    void errorsInsideLayerFilesNameThatFile() throws Exception {
        new NetworkFixture(tmp);
        java.nio.file.Files.writeString(tmp.resolve("conv.json"), NetworkFixture.CONV.replace("\"kernel\": [3, 3]", "\"kernel\": [3, 0]"));
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseNetwork(tmp.resolve("net.json")));
        assertEquals(tmp.resolve("conv.json"), e.file());
        assertEquals("$.kernel[1]", e.field());
        assertTrue(e.problem().endsWith("(layer file named at $[0].layer)"), e.problem());
    }
}
