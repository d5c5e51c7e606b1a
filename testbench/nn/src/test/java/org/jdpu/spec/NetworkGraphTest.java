package org.jdpu.spec;

import org.jdpu.golden.Golden;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Networks with branches, concats and several outputs: parsing, their checks, and the golden run. */
class NetworkGraphTest {
    @TempDir
    Path tmp;

    private static final String CONCAT = """
            {"op": "concat", "inputs": [{"h": 6, "w": 6, "c": 4}, {"h": 6, "w": 6, "c": 4}]}""";
    private static final String POOL8 = NetworkFixture.POOL.replace("\"c\": 4", "\"c\": 8");

    /** conv and conv2 both read the input; pool reads conv (an extra output); cat joins conv and conv2; last pools cat. */
    private static String graph(String catEntry) {
        return "[" + String.join(",",
                "{\"name\": \"conv\", \"layer\": \"conv.json\", \"weights\": \"conv_w.npy\", \"bias\": \"conv_b.npy\"}",
                "{\"name\": \"conv2\", \"inputs\": [\"input\"], \"layer\": \"conv.json\", \"weights\": \"conv_w.npy\"}",
                "{\"name\": \"pool\", \"inputs\": [\"conv\"], \"output\": true, \"layer\": " + NetworkFixture.POOL + "}",
                catEntry,
                "{\"name\": \"last\", \"layer\": " + POOL8 + "}") + "]";
    }

    private static final String CAT = "{\"name\": \"cat\", \"inputs\": [\"conv\", \"conv2\"], \"layer\": " + CONCAT + "}";

    @Test
    void parsesBranchesConcatAndOutputs() {
        NetworkSpec net = SpecParser.parseNetwork(new NetworkFixture(tmp, graph(CAT)).network);
        assertEquals(List.of("input"), net.layer("conv").inputs());
        assertEquals(List.of("input"), net.layer("conv2").inputs());
        assertEquals(List.of("conv", "conv2"), net.layer("cat").inputs());
        assertEquals(List.of("cat"), net.layer("last").inputs());
        assertEquals(List.of("pool", "last"), net.outputs().stream().map(NetworkSpec.Layer::name).toList());
        assertEquals(List.of("pool", "cat"), net.consumers("conv").stream().map(NetworkSpec.Layer::name).toList());
        assertEquals(new FeatureShape(6, 6, 8), net.layer("cat").spec().output());
        assertFalse(net.isChain());
    }

    @Test
    void goldenRunGivesEveryLayerItsSources() {
        NetworkFixture f = new NetworkFixture(tmp, graph(CAT));
        NetworkSpec net = SpecParser.parseNetwork(f.network);
        Map<String, Tensor> out = NetworkRunner.runAll(net, f.input);
        Int8Tensor conv = (Int8Tensor) Golden.run(net.layer("conv").spec(), f.input, f.convWeights, f.convBias);
        Int8Tensor conv2 = (Int8Tensor) Golden.run(net.layer("conv2").spec(), f.input, f.convWeights, null);
        assertArrayEquals(conv.data(), ((Int8Tensor) out.get("conv")).data());
        assertArrayEquals(conv2.data(), ((Int8Tensor) out.get("conv2")).data());
        byte[] cat = ((Int8Tensor) out.get("cat")).data();
        for (int p = 0; p < 36; p++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(conv.data()[p * 4 + c], cat[p * 8 + c], "pixel " + p + " channel " + c);
                assertEquals(conv2.data()[p * 4 + c], cat[p * 8 + 4 + c], "pixel " + p + " channel " + (4 + c));
            }
        }
        assertArrayEquals(((Int8Tensor) Golden.run(net.last(), (Int8Tensor) out.get("cat"), null, null)).data(),
                ((Int8Tensor) NetworkRunner.run(net, f.input)).data());
        assertEquals(List.of("conv", "conv2", "pool", "cat", "last"), List.copyOf(out.keySet()));
    }

    private void assertRejected(String json, String field, String problem) {
        new NetworkFixture(tmp, json);
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseNetwork(tmp.resolve("net.json")));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.problem().contains(problem), "'" + e.problem() + "' lacks '" + problem + "'");
    }

    @Test
    void rejectsBadLinks() {
        assertRejected(graph(CAT.replace("\"conv2\"]", "\"nope\"]")), "$[3].inputs[1]", "names no earlier layer: \"nope\"");
        assertRejected(graph(CAT.replace("\"conv2\"]", "\"last\"]")), "$[3].inputs[1]", "names no earlier layer: \"last\"");
        assertRejected(graph(CAT.replace("[\"conv\", \"conv2\"]", "[\"conv\"]")), "$[3].inputs",
                "concat lists 2 input shapes but the entry names 1");
        assertRejected(graph(CAT.replace("\"inputs\": [\"conv\", \"conv2\"], ", "")), "$[3].inputs",
                "is missing: concat needs the names of the layers it joins");
        assertRejected(graph(CAT.replace("\"conv2\"]", "\"pool\"]")), "$[3].inputs[1]",
                "layer \"pool\" outputs 3x3x4 but the concat's input 1 is 6x6x4");
        assertRejected(graph(CAT).replace("\"inputs\": [\"input\"], \"layer\": \"conv.json\"",
                        "\"inputs\": [\"input\", \"conv\"], \"layer\": \"conv.json\""), "$[1].inputs",
                "conv2d reads 1 input but the entry names 2");
        assertRejected(graph(CAT).replace("\"output\": true, ", ""), "$[2]",
                "no later layer reads the output of layer \"pool\"; mark the entry \"output\": true");
        assertRejected(graph(CAT).replace("\"output\": true", "\"output\": 1"), "$[2].output", "must be true or false, got 1");
        assertRejected(graph(CAT).replace("\"inputs\": [\"conv\"], \"output\"", "\"inputs\": [\"conv\"], \"input_b\": \"conv\", \"output\""),
                "$[2].input_b", "give inputs or input_b, not both");
        assertRejected("[{\"name\": \"conv\", \"inputs\": [\"conv\"], \"layer\": \"conv.json\", \"weights\": \"conv_w.npy\"}]",
                "$[0].inputs[0]", "the first layer must read the network input");
    }

    @Test
    void rejectsConcatsOfDifferentEncodingsOrSizes() {
        // dw writes fix point 4, conv fix point 3: a concat cannot join them without rescaling
        String dw = "{\"name\": \"dw\", \"inputs\": [\"conv\"], \"layer\": " + NetworkFixture.DEPTHWISE + ", \"weights\": \"dw_w.npy\"}";
        String json = "[" + String.join(",",
                "{\"name\": \"conv\", \"layer\": \"conv.json\", \"weights\": \"conv_w.npy\"}", dw,
                "{\"name\": \"cat\", \"inputs\": [\"conv\", \"dw\"], \"layer\": " + CONCAT + "}") + "]";
        assertRejected(json, "$[2].inputs[1]", "concat sources must share one encoding: \"dw\" was written as fix point 4");
        assertRejected(graph(CAT.replace(CONCAT, CONCAT.replace("{\"h\": 6, \"w\": 6, \"c\": 4}]", "{\"h\": 5, \"w\": 6, \"c\": 4}]"))),
                "$[3].layer.inputs[1]", "height and width must match");
        assertRejected(graph(CAT.replace(CONCAT, "{\"op\": \"concat\", \"inputs\": [{\"h\": 6, \"w\": 6, \"c\": 4}]}")),
                "$[3].layer.inputs", "concat joins at least 2 inputs, got 1");
    }

    @Test
    void writerRoundTripsEveryOpAndTheLinks() {
        NetworkFixture f = new NetworkFixture(tmp, graph(CAT));
        NetworkSpec net = SpecParser.parseNetwork(f.network);
        Map<String, Tensor> expected = NetworkRunner.runAll(net, f.input);
        List<NetworkWriter.Entry> entries = net.layers().stream().map(l -> new NetworkWriter.Entry(l.name(), l.spec(),
                l.weights() == null ? null : f.convWeights, l.bias() == null ? null : f.convBias, l.inputs(), l.output())).toList();
        NetworkSpec back = NetworkWriter.write(tmp.resolve("out"), entries);
        assertEquals(net.layers().stream().map(NetworkSpec.Layer::spec).toList(), back.layers().stream().map(NetworkSpec.Layer::spec).toList());
        assertEquals(net.layers().stream().map(NetworkSpec.Layer::inputs).toList(), back.layers().stream().map(NetworkSpec.Layer::inputs).toList());
        assertEquals(net.outputs().stream().map(NetworkSpec.Layer::name).toList(), back.outputs().stream().map(NetworkSpec.Layer::name).toList());
        Map<String, Tensor> again = NetworkRunner.runAll(back, f.input);
        for (String name : expected.keySet()) {
            assertArrayEquals(((Int8Tensor) expected.get(name)).data(), ((Int8Tensor) again.get(name)).data(), name);
        }
        // The fixture's chain network (conv file, depthwise, add, pool) round-trips too.
        NetworkFixture chain = new NetworkFixture(tmp.resolve("chain").toFile().mkdirs() ? tmp.resolve("chain") : tmp.resolve("chain"));
        NetworkSpec c = SpecParser.parseNetwork(chain.network);
        List<NetworkWriter.Entry> ce = c.layers().stream().map(l -> new NetworkWriter.Entry(l.name(), l.spec(),
                l.name().equals("conv") ? chain.convWeights : l.name().equals("dw") ? chain.dwWeights : null,
                l.name().equals("conv") ? chain.convBias : l.name().equals("dw") ? chain.dwBias : null, l.inputs(), l.output())).toList();
        NetworkSpec cb = NetworkWriter.write(tmp.resolve("chain-out"), ce);
        assertArrayEquals(((Int8Tensor) NetworkRunner.run(c, chain.input)).data(), ((Int8Tensor) NetworkRunner.run(cb, chain.input)).data());
        assertEquals(c.layers().stream().map(NetworkSpec.Layer::spec).toList(), cb.layers().stream().map(NetworkSpec.Layer::spec).toList());
    }
}
