package org.jdpu.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Layer spec parsing: the documented formats, and one test per kind of error on each kind of field. */
class SpecParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String CONV = """
            {
              "op": "conv2d",
              "input": {"h": 56, "w": 56, "c": 64},
              "output_channels": 64,
              "kernel": [3, 3], "stride": [1, 1], "dilation": [1, 1],
              "padding": [1, 1, 1, 1],
              "quant": {"mode": "shift", "fp_input": 4, "fp_weights": 7, "fp_bias": 6, "fp_output": 3},
              "activation": {"type": "relu"}
            }""";
    static final String CONV_VALID = edit(CONV, "padding", "[0, 0, 0, 0]");
    static final String MULTIPLIER = """
            {"op": "conv2d", "input": {"h": 4, "w": 4, "c": 2}, "output_channels": 3, "kernel": [3, 3],
             "padding": [1, 1, 1, 1],
             "quant": {"mode": "multiplier", "input_zero_point": -128, "output_zero_point": 5,
                       "multiplier": [1073741824, 1500000000, 2147483647], "shift": [-8, 0, 1]},
             "activation": {"type": "clamp", "min": -100, "max": 100}}""";
    static final String NONE = """
            {"op": "depthwise_conv2d", "input": {"h": 5, "w": 5, "c": 3}, "depth_multiplier": 2, "kernel": [3, 3],
             "stride": [2, 2], "dilation": [2, 1], "padding": [2, 1, 2, 1],
             "quant": {"mode": "none", "input_zero_point": 1, "weight_zero_point": -2}}""";
    static final String DENSE = """
            {"op": "dense", "input": {"h": 3, "w": 3, "c": 128}, "output_channels": 10,
             "quant": {"mode": "shift", "fp_input": 4, "fp_weights": 7, "fp_bias": 6, "fp_output": 3}}""";
    static final String GLOBAL = """
            {"op": "global_avgpool", "input": {"h": 7, "w": 7, "c": 32},
             "quant": {"mode": "mean", "input_zero_point": -128, "output_zero_point": 4, "multiplier": 1518500250, "shift": -1}}""";
    static final String UPSAMPLE = """
            {"op": "upsample", "input": {"h": 13, "w": 13, "c": 256}, "factor": [2, 2]}""";
    static final String TFLITE_ADD = """
            {"op": "add", "input": {"h": 8, "w": 8, "c": 16},
             "quant": {"mode": "multiplier", "input_zero_point": -3, "input_b_zero_point": 7, "output_zero_point": -1,
                       "input_multiplier": 1073741824, "input_shift": 0, "input_b_multiplier": 1717986918, "input_b_shift": -1,
                       "output_multiplier": 1288490189, "output_shift": -19},
             "activation": {"type": "relu"}}""";
    static final String SOFTMAX = """
            {"op": "softmax", "input": {"h": 1, "w": 1, "c": 10},
             "quant": {"mode": "multiplier", "input_multiplier": 1717986918, "input_left_shift": 23}}""";
    static final String POOL = """
            {"op": "avgpool", "input": {"h": 8, "w": 8, "c": 16}, "kernel": [2, 2], "stride": [2, 2]}""";
    static final String ADD = """
            {"op": "add", "input": {"h": 8, "w": 8, "c": 16},
             "quant": {"mode": "shift", "fp_input": 4, "fp_input_b": 3, "fp_output": 3},
             "activation": {"type": "leaky_relu"}}""";

    @Test
    void parsesTheDesignExample() {
        Conv2dSpec c = assertInstanceOf(Conv2dSpec.class, SpecParser.parseLayerJson(CONV));
        assertEquals(new FeatureShape(56, 56, 64), c.input());
        assertEquals(64, c.outputChannels());
        assertEquals(new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1)), c.window());
        assertEquals(new Quant.ShiftQuant(4, 7, 6, 3), c.quant());
        assertEquals(5, ((Quant.ShiftQuant) c.quant()).shiftBias());
        assertEquals(8, ((Quant.ShiftQuant) c.quant()).shiftCut());
        assertEquals(Activation.RELU, c.activation());
        assertEquals(new FeatureShape(56, 56, 64), c.output());
        assertArrayEquals(new int[] {64, 3, 3, 64}, c.weightShape());
    }

    @Test
    void parsesMultiplierNoneDepthwisePoolAndAdd() {
        Conv2dSpec m = assertInstanceOf(Conv2dSpec.class, SpecParser.parseLayerJson(MULTIPLIER));
        assertEquals(new Quant.MultiplierQuant(-128, 5, new int[] {1073741824, 1500000000, 2147483647}, new int[] {-8, 0, 1}),
                m.quant());
        assertEquals(new Activation.Clamp(-100, 100), m.activation());
        assertEquals(new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1)), m.window());

        DepthwiseConv2dSpec d = assertInstanceOf(DepthwiseConv2dSpec.class, SpecParser.parseLayerJson(NONE));
        assertEquals(6, d.outputChannels());
        assertEquals(new Quant.NoQuant(1, -2), d.quant());
        assertEquals(Activation.NONE, d.activation());
        assertArrayEquals(new int[] {1, 3, 3, 6}, d.weightShape());
        assertEquals(3, d.outputHeight()); // (5 + 4 - 5) / 2 + 1
        assertEquals(3, d.outputWidth());  // (5 + 2 - 3) / 2 + 1

        PoolSpec p = assertInstanceOf(PoolSpec.class, SpecParser.parseLayerJson(POOL));
        assertEquals(PoolSpec.Kind.AVG, p.kind());
        assertEquals(new FeatureShape(4, 4, 16), p.output());
        assertEquals(Padding.NONE, p.window().padding());

        DenseSpec f = assertInstanceOf(DenseSpec.class, SpecParser.parseLayerJson(DENSE));
        assertEquals(new FeatureShape(1, 1, 10), f.output());
        assertArrayEquals(new int[] {10, 3 * 3 * 128}, f.weightShape());
        assertEquals(Activation.NONE, f.activation());

        assertEquals(PoolQuant.SHIFT, p.quant());
        PoolSpec t = assertInstanceOf(PoolSpec.class, SpecParser.parseLayerJson(edit(POOL, "quant",
                "{\"mode\": \"multiplier\", \"zero_point\": -7}")));
        assertEquals(new PoolQuant.TflitePool(-7), t.quant());

        GlobalAvgPoolSpec g = assertInstanceOf(GlobalAvgPoolSpec.class, SpecParser.parseLayerJson(GLOBAL));
        assertEquals(new FeatureShape(1, 1, 32), g.output());
        assertEquals(new PoolQuant.TfliteMean(-128, 4, 1518500250, -1), g.quant());
        assertEquals(PoolQuant.SHIFT, ((GlobalAvgPoolSpec) SpecParser.parseLayerJson(edit(GLOBAL, "quant", null))).quant());

        UpsampleSpec u = assertInstanceOf(UpsampleSpec.class, SpecParser.parseLayerJson(UPSAMPLE));
        assertEquals(new FeatureShape(26, 26, 256), u.output());

        SoftmaxSpec sm = assertInstanceOf(SoftmaxSpec.class, SpecParser.parseLayerJson(SOFTMAX));
        assertEquals(SoftmaxSpec.of(new FeatureShape(1, 1, 10), 1.0, 0.1), sm);
        assertTrue(sm.runsOnHost());
        assertFalse(f.runsOnHost());

        AddSpec a = assertInstanceOf(AddSpec.class, SpecParser.parseLayerJson(ADD));
        assertEquals(new AddSpec.AddQuant(4, 3, 3), a.quant());
        assertEquals(Activation.LEAKY_RELU, a.activation());
        AddSpec ta = assertInstanceOf(AddSpec.class, SpecParser.parseLayerJson(TFLITE_ADD));
        assertEquals(new AddSpec.TfliteAddQuant(-3, 7, -1, 1073741824, 0, 1717986918, -1, 1288490189, -19), ta.quant());
    }

    @Test
    void optionalFieldsDefault() {
        LayerSpec s = SpecParser.parseLayerJson("""
                {"op": "conv2d", "input": {"h": 3, "w": 3, "c": 1}, "output_channels": 1, "kernel": [1, 1],
                 "quant": {"mode": "none"}}""");
        Conv2dSpec c = (Conv2dSpec) s;
        assertEquals(new Window(1, 1, 1, 1, 1, 1, Padding.NONE), c.window());
        assertEquals(Activation.NONE, c.activation());
        assertEquals(new Quant.NoQuant(0, 0), c.quant());
    }

    /** Removes ({@code value} null) or replaces the field at a dotted path of {@code base}. */
    private static String edit(String base, String path, String value) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(base);
            String[] parts = path.split("\\.");
            ObjectNode parent = root;
            for (int i = 0; i < parts.length - 1; i++) parent = (ObjectNode) parent.get(parts[i]);
            String key = parts[parts.length - 1];
            if (value == null) {
                parent.remove(key);
            } else {
                JsonNode v = JSON.readTree(value);
                parent.set(key, v);
            }
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Stream<Arguments> badLayers() {
        return Stream.of(
                // presence
                arguments(CONV, "op", null, "$.op", "is missing"),
                arguments(CONV, "input", null, "$.input", "is missing"),
                arguments(CONV, "input.h", null, "$.input.h", "is missing"),
                arguments(CONV, "output_channels", null, "$.output_channels", "is missing"),
                arguments(CONV, "kernel", null, "$.kernel", "is missing"),
                arguments(CONV, "quant", null, "$.quant", "is missing"),
                arguments(CONV, "quant.fp_input", null, "$.quant.fp_input", "is missing"),
                arguments(MULTIPLIER, "quant.shift", null, "$.quant.shift", "is missing"),
                arguments(NONE, "depth_multiplier", null, "$.depth_multiplier", "is missing"),
                arguments(ADD, "quant.fp_input_b", null, "$.quant.fp_input_b", "is missing"),
                arguments(MULTIPLIER, "activation.max", null, "$.activation.max", "is missing"),
                // JSON type
                arguments(CONV, "op", "3", "$.op", "must be a string, got 3"),
                arguments(CONV, "input", "[56, 56, 64]", "$.input", "must be a JSON object, got [56,56,64]"),
                arguments(CONV, "input.h", "\"56\"", "$.input.h", "must be an integer, got \"56\""),
                arguments(CONV, "input.w", "56.0", "$.input.w", "(write it without a decimal point), got 56.0"),
                arguments(CONV, "input.c", "6.5", "$.input.c", "must be an integer, got 6.5"),
                arguments(CONV, "output_channels", "99999999999", "$.output_channels", "out of the int32 range, got 99999999999"),
                arguments(CONV, "output_channels", "null", "$.output_channels", "must be an integer, got null"),
                arguments(CONV, "kernel", "3", "$.kernel", "must be an array of integers, got 3"),
                arguments(CONV, "kernel", "[3]", "$.kernel", "must have 2 entries, got 1"),
                arguments(CONV, "kernel", "[3, \"3\"]", "$.kernel[1]", "must be an integer, got \"3\""),
                arguments(CONV, "padding", "[1, 1, 1]", "$.padding", "must have 4 entries, got 3"),
                arguments(CONV, "stride", "[1, true]", "$.stride[1]", "must be an integer, got true"),
                arguments(CONV, "activation", "\"relu\"", "$.activation", "must be a JSON object"),
                arguments(MULTIPLIER, "quant.multiplier", "1073741824", "$.quant.multiplier", "must be an array"),
                // enumerations
                arguments(CONV, "op", "\"conv3d\"", "$.op", "must be one of conv2d, depthwise_conv2d, dense, maxpool, avgpool, global_avgpool, upsample, add, concat, softmax, got \"conv3d\""),
                arguments(CONV, "quant.mode", "\"float\"", "$.quant.mode", "must be one of shift, multiplier, none, got \"float\""),
                arguments(CONV, "activation.type", "\"gelu\"", "$.activation.type", "must be one of none, relu, relu6, leaky_relu, clamp"),
                arguments(ADD, "quant.mode", "\"none\"", "$.quant.mode", "must be one of shift, multiplier, got \"none\""),
                arguments(ADD, "quant.mode", "\"multiplier\"", "$.quant.input_zero_point", "is missing"),
                arguments(TFLITE_ADD, "quant.output_shift", null, "$.quant.output_shift", "is missing"),
                arguments(TFLITE_ADD, "quant.fp_input", "3", "$.quant.fp_input", "unknown field"),
                arguments(TFLITE_ADD, "quant.input_b_zero_point", "128", "$.quant.input_b_zero_point",
                        "zero point must be in -128..127, got 128"),
                arguments(TFLITE_ADD, "quant.input_shift", "1", "$.quant.input_shift",
                        "shift must be in -31..0 (TFLite's add scales by multipliers below 1: right shifts only), got 1"),
                arguments(TFLITE_ADD, "quant.output_multiplier", "-5", "$.quant.output_multiplier",
                        "multiplier must be in 0..2147483647 (a Q31 value), got -5"),
                arguments(TFLITE_ADD, "activation", "{\"type\": \"relu6\"}", "$.activation.type",
                        "quant mode multiplier allows none, relu or clamp"),
                // unknown fields
                arguments(CONV, "kernal", "[3, 3]", "$.kernal", "unknown field"),
                arguments(CONV, "input.n", "1", "$.input.n", "unknown field"),
                arguments(CONV, "quant.multiplier", "[1]", "$.quant.multiplier", "unknown field"),
                arguments(CONV, "activation.slope", "0.1", "$.activation.slope", "unknown field"),
                arguments(NONE, "output_channels", "6", "$.output_channels", "unknown field"),
                arguments(POOL, "dilation", "[1, 1]", "$.dilation", "unknown field"),
                arguments(DENSE, "kernel", "[3, 3]", "$.kernel", "unknown field"),
                arguments(DENSE, "output_channels", null, "$.output_channels", "is missing"),
                arguments(DENSE, "output_channels", "4097", "$.output_channels", "must be in 1..4096, got 4097"),
                arguments(DENSE, "input", "{\"h\": 64, \"w\": 64, \"c\": 64}", "$.input",
                        "worst-case accumulator 64x64x64 taps * 128 (max |x - zp_in|) * 128 (max |w - zp_w|) = 4294967296 "
                        + "exceeds the int32 maximum 2147483647; use a smaller input (fewer features)"),
                arguments(POOL, "quant", "{\"mode\": \"mean\"}", "$.quant.mode", "must be one of shift, multiplier, got \"mean\""),
                arguments(POOL, "quant", "{\"mode\": \"multiplier\"}", "$.quant.zero_point", "is missing"),
                arguments(POOL, "quant", "{\"mode\": \"multiplier\", \"zero_point\": 200}", "$.quant.zero_point",
                        "zero point must be in -128..127, got 200"),
                arguments(POOL, "quant", "{\"mode\": \"shift\", \"fp_input\": 3}", "$.quant.fp_input", "unknown field"),
                arguments(GLOBAL, "kernel", "[7, 7]", "$.kernel", "unknown field"),
                arguments(UPSAMPLE, "factor", null, "$.factor", "is missing"),
                arguments(SOFTMAX, "quant", null, "$.quant", "is missing"),
                arguments(SOFTMAX, "quant.mode", "\"shift\"", "$.quant.mode", "must be one of multiplier, got \"shift\""),
                arguments(SOFTMAX, "quant.input_left_shift", "32", "$.quant.input_left_shift", "must be in 0..31, got 32"),
                arguments(SOFTMAX, "quant.input_multiplier", "-1", "$.quant.input_multiplier", "(a Q31 value), got -1"),
                arguments(SOFTMAX, "quant.diff_min", "-248", "$.quant.diff_min", "unknown field"),
                arguments(SOFTMAX, "input.c", "4096", "$.input.c", "softmax channels must be in 1..4095, got 4096"),
                arguments(SOFTMAX, "activation", "{\"type\": \"none\"}", "$.activation", "unknown field"),
                arguments(UPSAMPLE, "factor", "[2]", "$.factor", "must have 2 entries, got 1"),
                arguments(UPSAMPLE, "factor", "[0, 2]", "$.factor[0]", "upsampling factor must be in 1..8, got 0"),
                arguments(UPSAMPLE, "factor", "[2, 9]", "$.factor[1]", "upsampling factor must be in 1..8, got 9"),
                arguments(UPSAMPLE, "activation", "{\"type\": \"relu\"}", "$.activation", "unknown field"),
                arguments(edit(UPSAMPLE, "input", "{\"h\": 16384, \"w\": 4, \"c\": 1}"), "factor", "[2, 2]", "$.factor",
                        "the output 32768x8 has a side longer than 16384"),
                arguments(GLOBAL, "quant.mode", "\"none\"", "$.quant.mode", "must be one of shift, multiplier, mean"),
                arguments(GLOBAL, "quant.multiplier", null, "$.quant.multiplier", "is missing"),
                arguments(GLOBAL, "quant.multiplier", "-1", "$.quant.multiplier", "must be in 0..2147483647 (a Q31 value), got -1"),
                arguments(GLOBAL, "quant.shift", "31", "$.quant.shift", "shift must be in -31..30, got 31"),
                arguments(GLOBAL, "quant.input_zero_point", "-129", "$.quant.input_zero_point", "zero point must be in -128..127"),
                arguments(edit(GLOBAL, "input", "{\"h\": 64, \"w\": 64, \"c\": 8}"), "quant.shift", "30", "$.quant.shift",
                        "the worst-case sum 64x64 * 255 (max |x - zp_in|) = 1044480, shifted left by 18, exceeds int32"),
                arguments(GLOBAL, "activation", "{\"type\": \"leaky_relu\"}", "$.activation.type", "pools allow none, relu or clamp"),
                arguments(edit(GLOBAL, "input", "{\"h\": 4096, \"w\": 4096, \"c\": 1}"), "quant",
                        "{\"mode\": \"multiplier\", \"zero_point\": 0}", "$.input",
                        "the worst-case sum of 4096x4096 int8 values is 2147483648, beyond the int32 that TFLite sums them in"),
                // ranges
                arguments(CONV, "input.h", "0", "$.input.h", "input height must be in 1..16384, got 0"),
                arguments(CONV, "input.c", "4097", "$.input.c", "input channels must be in 1..4096, got 4097"),
                arguments(CONV, "output_channels", "0", "$.output_channels", "must be in 1..4096, got 0"),
                arguments(CONV, "output_channels", "4097", "$.output_channels", "must be in 1..4096, got 4097"),
                arguments(CONV, "kernel", "[0, 3]", "$.kernel[0]", "kernel height must be in 1..16, got 0"),
                arguments(CONV, "kernel", "[3, 17]", "$.kernel[1]", "kernel width must be in 1..16, got 17"),
                arguments(CONV, "stride", "[9, 1]", "$.stride[0]", "stride must be in 1..8, got 9"),
                arguments(CONV, "stride", "[1, 0]", "$.stride[1]", "stride must be in 1..8, got 0"),
                arguments(CONV, "dilation", "[1, 0]", "$.dilation[1]", "dilation must be in 1..8, got 0"),
                arguments(CONV, "dilation", "[9, 1]", "$.dilation[0]", "dilation must be in 1..8, got 9"),
                arguments(CONV, "padding", "[3, 1, 1, 1]", "$.padding[0]", "top padding must be in 0..2 ((kernel - 1) * dilation), got 3"),
                arguments(CONV, "padding", "[1, 1, 1, -1]", "$.padding[3]", "right padding must be in 0..2"),
                arguments(NONE, "padding", "[2, 3, 2, 1]", "$.padding[1]", "left padding must be in 0..2"),
                arguments(NONE, "padding", "[5, 1, 2, 1]", "$.padding[0]", "top padding must be in 0..4"),
                arguments(CONV, "quant.fp_input", "40", "$.quant.fp_input", "fix point must be in -16..31, got 40"),
                arguments(CONV, "quant.fp_weights", "-17", "$.quant.fp_weights", "fix point must be in -16..31, got -17"),
                arguments(CONV, "quant", "{\"mode\": \"shift\", \"fp_input\": 31, \"fp_weights\": 31, \"fp_bias\": 0, \"fp_output\": 31}",
                        "$.quant.fp_bias", "shift_bias = fp_input + fp_weights - fp_bias = 31 + 31 - 0 = 62 is outside -31..30"),
                arguments(CONV, "quant", "{\"mode\": \"shift\", \"fp_input\": 20, \"fp_weights\": 20, \"fp_bias\": 20, \"fp_output\": 0}",
                        "$.quant.fp_output", "shift_cut = fp_input + fp_weights - fp_output = 20 + 20 - 0 = 40 is outside -31..31"),
                arguments(CONV, "quant", "{\"mode\": \"shift\", \"fp_input\": -16, \"fp_weights\": -16, \"fp_bias\": -16, \"fp_output\": 31}",
                        "$.quant.fp_output", "= -63 is outside -31..31"),
                arguments(CONV, "quant", "{\"mode\": \"shift\", \"fp_input\": -1, \"fp_weights\": 0, \"fp_bias\": 31, \"fp_output\": 0}",
                        "$.quant.fp_bias", "-1 + 0 - 31 = -32 is outside"),
                arguments(MULTIPLIER, "quant.multiplier", "[1073741824]", "$.quant.multiplier",
                        "has 1 entries but the layer has 3 output channels"),
                arguments(MULTIPLIER, "quant.shift", "[0, 0, 0, 0]", "$.quant.shift", "has 4 entries but the layer has 3"),
                arguments(MULTIPLIER, "quant.multiplier", "[1, 2, -3]", "$.quant.multiplier[2]", "must be in 0..2147483647 (a Q31 value), got -3"),
                arguments(MULTIPLIER, "quant.multiplier", "[1, 2, 2147483648]", "$.quant.multiplier[2]", "out of the int32 range"),
                arguments(MULTIPLIER, "quant.shift", "[0, 31, 0]", "$.quant.shift[1]", "shift must be in -31..30, got 31"),
                arguments(MULTIPLIER, "quant.shift", "[-32, 0, 0]", "$.quant.shift[0]", "shift must be in -31..30, got -32"),
                arguments(MULTIPLIER, "quant.input_zero_point", "128", "$.quant.input_zero_point", "zero point must be in -128..127, got 128"),
                arguments(MULTIPLIER, "quant.output_zero_point", "-129", "$.quant.output_zero_point", "zero point must be in -128..127"),
                arguments(NONE, "quant.weight_zero_point", "200", "$.quant.weight_zero_point", "zero point must be in -128..127, got 200"),
                arguments(MULTIPLIER, "activation.min", "-129", "$.activation.min", "clamp min must be in -128..127, got -129"),
                arguments(MULTIPLIER, "activation.max", "128", "$.activation.max", "clamp max must be in -128..127, got 128"),
                arguments(MULTIPLIER, "activation.min", "101", "$.activation", "clamp min 101 is greater than max 100"),
                arguments(NONE, "depth_multiplier", "0", "$.depth_multiplier", "must be in 1..4096, got 0"),
                arguments(NONE, "depth_multiplier", "2000", "$.depth_multiplier", "times input.c 3 gives 6000 output channels, more than 4096"),
                arguments(POOL, "kernel", "[2, 17]", "$.kernel[1]", "kernel width must be in 1..16"),
                arguments(POOL, "padding", "[2, 0, 0, 0]", "$.padding[0]", "top padding must be in 0..1"),
                arguments(ADD, "quant", "{\"mode\": \"shift\", \"fp_input\": 31, \"fp_input_b\": 0, \"fp_output\": -16}",
                        "$.quant.fp_output", "right shift of 47, more than 31"),
                arguments(ADD, "quant.fp_input_b", "32", "$.quant.fp_input_b", "fix point must be in -16..31"),
                // activations per mode
                arguments(MULTIPLIER, "activation", "{\"type\": \"relu6\"}", "$.activation.type",
                        "\"relu6\" needs shift-mode fix points; quant mode multiplier allows none, relu or clamp"),
                arguments(MULTIPLIER, "activation", "{\"type\": \"leaky_relu\"}", "$.activation.type", "\"leaky_relu\" needs shift-mode"),
                arguments(NONE, "activation", "{\"type\": \"relu\"}", "$.activation.type", "activation must be none, got \"relu\""),
                arguments(NONE, "activation", "{\"type\": \"clamp\", \"min\": 0, \"max\": 1}", "$.activation.type", "must be none, got \"clamp\""),
                arguments(NONE, "activation", "{\"type\": \"relu6\"}", "$.activation.type", "quant mode none allows only none"),
                arguments(POOL, "activation", "{\"type\": \"relu6\"}", "$.activation.type", "pools allow none, relu or clamp"),
                // geometry and accumulator
                arguments(CONV_VALID, "input", "{\"h\": 2, \"w\": 56, \"c\": 64}", "$.input.h", "the output would be empty"),
                arguments(CONV_VALID, "input", "{\"h\": 56, \"w\": 1, \"c\": 64}", "$.input.w", "the output would be empty"),
                arguments(edit(CONV, "input", "{\"h\": 16, \"w\": 16, \"c\": 4096}"), "kernel", "[16, 16]", "$.kernel",
                        "worst-case accumulator 16x16x4096 taps"),
                arguments(MULTIPLIER, "quant.shift", "[0, 0, 20]", "$.quant.shift[2]", "beyond int32")
        );
    }

    @ParameterizedTest(name = "[{index}] {1} = {2}")
    @MethodSource("badLayers")
    void rejectsWithThePathAndTheBadValue(String base, String field, String value, String path, String problem) {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseLayerJson(edit(base, field, value)));
        assertEquals(path, e.field(), e.getMessage());
        assertTrue(e.problem().contains(problem), "'" + e.problem() + "' lacks '" + problem + "'");
    }

    @Test
    void emptyOutputsNameTheSizes() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecParser.parseLayerJson(edit(CONV_VALID, "input", "{\"h\": 2, \"w\": 56, \"c\": 64}")));
        assertEquals("input height 2 plus padding 0 is smaller than the dilated kernel height 3; the output would be empty",
                e.problem());
        e = assertThrows(SpecException.class, () -> SpecParser.parseLayerJson(edit(edit(edit(CONV, "input",
                "{\"h\": 56, \"w\": 4, \"c\": 64}"), "dilation", "[1, 4]"), "padding", "[1, 2, 1, 2]")));
        assertEquals("$.input.w", e.field());
        assertTrue(e.problem().contains("input width 4 plus padding 4 is smaller than the dilated kernel width 9"), e.problem());
    }

    @Test
    void worstCaseAccumulatorOverflowIsRejectedWithTheNumbers() {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseLayerJson(edit(edit(CONV, "input",
                "{\"h\": 16, \"w\": 16, \"c\": 4096}"), "kernel", "[16, 16]")));
        assertEquals("worst-case accumulator 16x16x4096 taps * 128 (max |x - zp_in|) * 128 (max |w - zp_w|) = 17179869184"
                + " exceeds the int32 maximum 2147483647; use fewer input channels or a smaller kernel", e.problem(), e.getMessage());
        assertEquals("$.kernel", e.field());
        // multiplier mode with zero point -128: |x - zp| reaches 255
        e = assertThrows(SpecException.class, () -> SpecParser.parseLayerJson(edit(edit(MULTIPLIER, "input",
                "{\"h\": 16, \"w\": 16, \"c\": 1024}"), "kernel", "[9, 9]")));
        assertTrue(e.problem().contains("9x9x1024 taps * 255 (max |x - zp_in|) * 128 (max |w - zp_w|) = 2707292160"), e.problem());
        // just below the limit: 3x3x4096 * 255 * 128 = 1203240960 fits
        SpecParser.parseLayerJson(edit(edit(MULTIPLIER, "input", "{\"h\": 16, \"w\": 16, \"c\": 4096}"), "quant.shift",
                "[0, 0, 0]"));
    }

    @Test
    void leftShiftOverflowIsRejectedWithTheNumbers() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecParser.parseLayerJson(edit(MULTIPLIER, "quant.shift", "[0, 0, 20]")));
        // 3x3x2 taps * 255 * 128 = 587520; << 20 overflows
        assertEquals("shift 20 moves the worst-case accumulator 587520 left by 20 to 616059371520, beyond int32", e.problem());
    }

    @Test
    void syntaxErrorsDuplicatesAndEmptyInput() {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseLayerJson("{\"op\": \"conv2d\",\n \"input\": }"));
        assertEquals("$", e.field());
        assertTrue(e.problem().startsWith("not valid JSON at line 2, column"), e.problem());
        SpecException unclosed = assertThrows(SpecException.class, () -> SpecParser.parseLayerJson("{\"op\": \"conv2d\""));
        assertFalse(unclosed.problem().contains("[Source"), unclosed.problem());
        e = assertThrows(SpecException.class, () -> SpecParser.parseLayerJson("{\"op\": \"conv2d\", \"op\": \"add\"}"));
        assertTrue(e.problem().contains("Duplicate field 'op'"), e.problem());
        e = assertThrows(SpecException.class, () -> SpecParser.parseLayerJson("  "));
        assertTrue(e.problem().contains("empty"), e.problem());
        e = assertThrows(SpecException.class, () -> SpecParser.parseLayerJson("[" + CONV + "]"));
        assertEquals("$", e.field());
        assertTrue(e.problem().startsWith("must be a JSON object"), e.problem());
    }

    @Test
    void contentAfterTheTopLevelValueIsAnErrorNamingTheFile(@TempDir Path tmp) throws IOException {
        Path garbage = tmp.resolve("garbage.json");
        Files.writeString(garbage, CONV_VALID + " garbage\n");
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseLayer(garbage));
        assertEquals(garbage, e.file());
        assertTrue(e.getMessage().startsWith(garbage + ": $: not valid JSON at line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains(": Unrecognized token 'garbage'"), e.getMessage());

        Path twice = tmp.resolve("twice.json");
        Files.writeString(twice, CONV_VALID + "\n" + CONV_VALID + "\n");
        e = assertThrows(SpecException.class, () -> SpecParser.parseLayer(twice));
        assertEquals(twice + ": $: not valid JSON at line 2, column 1: unexpected content after the end of the "
                + "top-level value (a file holds exactly one JSON value)", e.getMessage());
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("layer.json");
        Files.writeString(f, edit(CONV, "kernel", "[3, 17]"));
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parseLayer(f));
        assertEquals(f + ": $.kernel[1]: kernel width must be in 1..16, got 17", e.getMessage());
        assertEquals(f, e.file());
        Path missing = tmp.resolve("missing.json");
        e = assertThrows(SpecException.class, () -> SpecParser.parseLayer(missing));
        assertEquals(missing + ": $: no such file", e.getMessage());
    }

    @Test
    void specsBuiltInCodeAreCheckedByTheSameRules() {
        Conv2dSpec bad = new Conv2dSpec(new FeatureShape(8, 8, 8), 8, new Window(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1)),
                new Quant.MultiplierQuant(0, 0, new int[] {1}, new int[] {0}), Activation.NONE);
        SpecException e = assertThrows(SpecException.class, () -> LayerChecks.validate(bad));
        assertEquals("$.quant.multiplier", e.field());
        e = assertThrows(SpecException.class, () -> LayerChecks.validate(bad, "$[3].layer"));
        assertEquals("$[3].layer.quant.multiplier", e.field());
    }
}
