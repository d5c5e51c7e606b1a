package org.jdpu.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link LayerJson} writes what {@link SpecParser} reads back as the same spec, for every op and mode. */
class LayerJsonTest {
    static Stream<String> layers() {
        return Stream.of(
                SpecParserTest.CONV, SpecParserTest.MULTIPLIER, SpecParserTest.NONE, SpecParserTest.POOL, SpecParserTest.ADD,
                SpecParserTest.DENSE, SpecParserTest.GLOBAL, SpecParserTest.UPSAMPLE, SpecParserTest.TFLITE_ADD,
                SpecParserTest.SOFTMAX,
                """
                {"op": "maxpool", "input": {"h": 5, "w": 5, "c": 2}, "kernel": [3, 3], "stride": [2, 2],
                 "padding": [1, 1, 1, 1], "quant": {"mode": "multiplier", "zero_point": -128}, "activation": {"type": "relu"}}""",
                """
                {"op": "global_avgpool", "input": {"h": 14, "w": 14, "c": 8}, "activation": {"type": "relu"}}""",
                """
                {"op": "global_avgpool", "input": {"h": 7, "w": 7, "c": 8}, "quant": {"mode": "multiplier", "zero_point": 3}}""",
                """
                {"op": "concat", "inputs": [{"h": 4, "w": 4, "c": 3}, {"h": 4, "w": 4, "c": 5}]}""",
                """
                {"op": "dense", "input": {"h": 3, "w": 3, "c": 128}, "output_channels": 10,
                 "quant": {"mode": "shift", "fp_input": 4, "fp_weights": 7, "fp_bias": 6, "fp_output": 2},
                 "activation": {"type": "leaky_relu"}}""",
                """
                {"op": "dense", "input": {"h": 1, "w": 1, "c": 64}, "output_channels": 2,
                 "quant": {"mode": "multiplier", "input_zero_point": -3, "output_zero_point": 9,
                           "multiplier": [1073741824, 2000000000], "shift": [-7, 1]},
                 "activation": {"type": "clamp", "min": -20, "max": 90}}"""
        );
    }

    @ParameterizedTest
    @MethodSource("layers")
    void roundTrips(String json) {
        LayerSpec spec = SpecParser.parseLayerJson(json);
        LayerSpec again = SpecParser.parseLayerJson(LayerJson.of(spec).toString());
        assertEquals(spec, again);
    }
}
