package org.jdpu.importer.tflite;

import org.jdpu.golden.Golden;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.golden.TfliteRequant;
import org.jdpu.spec.Activation;
import org.jdpu.spec.AddSpec;
import org.jdpu.spec.ConcatSpec;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.DenseSpec;
import org.jdpu.spec.DepthwiseConv2dSpec;
import org.jdpu.spec.FeatureShape;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.spec.Quant.NoQuant;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The imported shared models in the golden model against TensorFlow Lite's own interpreter (builtin
 * kernels, no delegate), layer by layer: each layer runs in the golden model on the input tensor
 * TFLite computed for its operator, and its output must equal TFLite's output tensor.
 *
 * <p>One known difference: TensorFlow Lite's GEMM-based kernels (fully connected, and
 * convolutions it lowers to a matrix multiply) end the requantisation with a rounding shift whose
 * ties go toward +infinity, where the reference kernels, TFLite Micro and the golden model's
 * {@code multiplier} mode round ties away from zero; the two differ on negative ties only (a relu
 * clamps them away). Where a convolution or fully connected output differs, the test checks that
 * TFLite's value is exactly that rounding of the same accumulators, and counts it.
 */
class TfliteRuntimeReferenceTest {
    @TempDir
    Path tmp;

    /** Values compared, and those of fully connected layers where TFLite's single rounding differs. */
    private record Tally(long values, long roundingDifferences) {}

    private Tally compare(Path model, Path forTflite, List<byte[]> inputs) {
        NetworkSpec net = TfliteImport.run(model, tmp.resolve("net-" + model.getFileName())).network();
        TfliteModel m = TfliteReader.read(model);
        List<Integer> tensors = new ArrayList<>();
        for (NetworkSpec.Layer l : net.layers()) {
            tensors.addAll(activationInputs(m, operator(m, l)));
            tensors.add(operator(m, l).outputs()[0]);
        }
        long values = 0, differences = 0;
        try (TfliteRuntime tflite = new TfliteRuntime(forTflite)) {
            for (int k = 0; k < inputs.size(); k++) {
                Map<Integer, byte[]> t = tflite.run(inputs.get(k), tensors);
                for (NetworkSpec.Layer l : net.layers()) {
                    TfliteModel.Operator op = operator(m, l);
                    List<Int8Tensor> in = new ArrayList<>();
                    List<FeatureShape> shapes = l.spec() instanceof ConcatSpec c ? c.inputs() : List.of(l.spec().input(), l.spec().input());
                    List<Integer> sources = activationInputs(m, op);
                    for (int i = 0; i < sources.size(); i++) in.add(new Int8Tensor(shapes.get(i).tensorShape(), t.get(sources.get(i))));
                    Int8Tensor x = in.getFirst();
                    Int8Tensor w = l.weights() == null ? null : Npy.readInt8(l.weights());
                    Int32Tensor b = l.bias() == null ? null : Npy.readInt32(l.bias());
                    byte[] golden = (switch (l.spec()) {
                        case AddSpec a -> Golden.add(a, in.get(0), in.get(1));
                        case ConcatSpec c -> Golden.concat(c, in);
                        default -> (Int8Tensor) Golden.run(l.spec(), x, w, b);
                    }).data();
                    byte[] want = t.get(op.outputs()[0]);
                    String where = model.getFileName() + " input " + k + ": " + l.name();
                    if (l.spec() instanceof ConvolutionSpec c) {
                        byte[] tiesUp = tiesUp(c, x, w, b);
                        for (int i = 0; i < want.length; i++) {
                            if (want[i] == golden[i]) continue;
                            assertEquals(tiesUp[i], want[i], where + " value " + i + ": neither the golden " + golden[i]
                                    + " nor the ties-up rounding");
                            differences++;
                        }
                    } else {
                        assertArrayEquals(want, golden, where);
                    }
                    values += want.length;
                }
            }
        }
        System.out.println(model.getFileName() + ": " + net.layers().size() + " layers x " + inputs.size() + " inputs, "
                + values + " values compared with TensorFlow Lite, " + (values - differences) + " bit-exact, " + differences
                + " differ (negative ties of the final rounding shift: TFLite's GEMM kernels round them up, the reference kernels away from zero)");
        return new Tally(values, differences);
    }

    /**
     * The requantisation of TensorFlow Lite's GEMM-based kernels: the same doubling high multiply of
     * the exact accumulators (the golden model's mode {@code none}), then a rounding shift whose ties
     * go toward +infinity ({@code (h + 2^(e-1)) >> e}), the zero point and the activation clamp.
     */
    private static byte[] tiesUp(ConvolutionSpec spec, Int8Tensor x, Int8Tensor w, Int32Tensor b) {
        MultiplierQuant q = (MultiplierQuant) spec.quant();
        NoQuant none = new NoQuant(q.inputZeroPoint(), 0);
        ConvolutionSpec exact = switch (spec) {
            case Conv2dSpec c -> new Conv2dSpec(c.input(), c.outputChannels(), c.window(), none, Activation.NONE);
            case DepthwiseConv2dSpec d -> new DepthwiseConv2dSpec(d.input(), d.depthMultiplier(), d.window(), none, Activation.NONE);
            case DenseSpec d -> new DenseSpec(d.input(), d.outputChannels(), none, Activation.NONE);
        };
        int[] acc = ((Int32Tensor) Golden.run(exact, x, w, b)).data();
        int min = -128, max = 127;
        if (spec.activation() instanceof Activation.Clamp c) {
            min = c.min();
            max = c.max();
        }
        int oc = spec.outputChannels();
        byte[] y = new byte[acc.length];
        for (int i = 0; i < acc.length; i++) {
            int o = i % oc;
            int left = Math.max(q.shift(o), 0), right = Math.max(-q.shift(o), 0);
            long h = TfliteRequant.saturatingRoundingDoublingHighMul(acc[i] << left, q.multiplier(o));
            long v = (right == 0 ? h : (h + (1L << (right - 1))) >> right) + q.outputZeroPoint();
            y[i] = (byte) Math.max(min, Math.min(max, v));
        }
        return y;
    }

    /**
     * The feature-map tensors an operator reads, in order (constants left out), each taken before any
     * PAD that the import merged into the layer: the layer's own input as the spec describes it.
     */
    private static List<Integer> activationInputs(TfliteModel m, TfliteModel.Operator op) {
        List<Integer> v = new ArrayList<>();
        for (int t : op.inputs()) {
            if (t < 0 || m.buffer(m.tensor(t).buffer()).length > 0) continue;
            int source = t;
            for (TfliteModel.Operator p = producer(m, source); p != null && isPad(p); p = producer(m, source)) source = p.inputs()[0];
            v.add(source);
        }
        return v;
    }

    private static boolean isPad(TfliteModel.Operator op) {
        int code = op.code().builtinCode();
        return code == BuiltinOperator.PAD || code == BuiltinOperator.PADV2;
    }

    private static TfliteModel.Operator producer(TfliteModel m, int tensor) {
        return m.subgraph().operators().stream().filter(o -> o.outputs()[0] == tensor).findFirst().orElse(null);
    }

    private static TfliteModel.Operator operator(TfliteModel m, NetworkSpec.Layer l) {
        return m.subgraph().operators().get(Integer.parseInt(l.name().substring(2, l.name().indexOf('_'))));
    }

    private static List<byte[]> random(long seed, int count, int size) {
        Random r = new Random(seed);
        List<byte[]> v = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[size];
            r.nextBytes(b);
            v.add(b);
        }
        return v;
    }

    @Tag(SharedModels.TAG)

    @Test
    void personDetectIsBitExactWithTfliteOnItsImagesAndRandomInputs() {
        Path dir = SharedModels.tfliteMicro();
        Path model = dir.resolve("person_detect.tflite");
        long seed = System.nanoTime();
        System.out.println("personDetect seed=" + seed);
        List<byte[]> inputs = new ArrayList<>(List.of(SharedModels.bmpPixels(dir.resolve("person.bmp")),
                SharedModels.bmpPixels(dir.resolve("no_person.bmp"))));
        inputs.addAll(random(seed, 2, 96 * 96));
        Tally t = compare(model, TfliteRuntime.withQuirkCleared(model, tmp), inputs);
        assertEquals(0, t.roundingDifferences());
        // The whole chain too, each layer on the golden model's own previous output.
        NetworkSpec net = TfliteImport.run(model, tmp.resolve("chain")).network();
        TfliteModel m = TfliteReader.read(model);
        try (TfliteRuntime tflite = new TfliteRuntime(TfliteRuntime.withQuirkCleared(model, tmp))) {
            int out = m.subgraph().outputs()[0];
            for (byte[] x : inputs) {
                Tensor y = NetworkRunner.run(net, new Int8Tensor(new int[] {1, 96, 96, 1}, x));
                assertArrayEquals(tflite.run(x, List.of(out)).get(out), ((Int8Tensor) y).data(), "seed " + seed);
            }
        }
    }

    @Tag(SharedModels.TAG)

    @Test
    void microSpeechMatchesTfliteOnRandomInputs() {
        Path model = SharedModels.tfliteMicro().resolve("micro_speech_quantized.tflite");
        long seed = System.nanoTime();
        System.out.println("microSpeech seed=" + seed);
        compare(model, model, random(seed, 50, 1960));
    }

    @Test
    void aModelWithEveryMappedOperatorMatchesTfliteLayerByLayer() throws java.io.IOException {
        long seed = System.nanoTime();
        System.out.println("everyOperator seed=" + seed);
        Path model = tmp.resolve("every.tflite");
        java.nio.file.Files.write(model, TestModel.everyOperator(new Random(seed)));
        Tally t = compare(model, model, random(seed, 20, 8 * 8 * 3));
        assertEquals(20 * (8 * 8 * 4 + 4 * 4 * 4 * 3 + 4 * 4 * 8 * 2 + 8 + 3 + 3), t.values());
    }

    @Tag(SharedModels.TAG)

    @Test
    void helloWorldMatchesTfliteOnEveryInt8Input() {
        Path model = SharedModels.tfliteMicro().resolve("hello_world_int8.tflite");
        List<byte[]> inputs = new ArrayList<>();
        for (int v = -128; v < 128; v++) inputs.add(new byte[] {(byte) v});
        Tally t = compare(model, model, inputs);
        assertEquals(256 * (16 + 16 + 1), t.values());
        assertTrue(t.roundingDifferences() < t.values() / 20, t.toString());
    }
}
