package org.jdpu.importer.tflite;

import org.jdpu.golden.Golden;
import org.jdpu.golden.NetworkRunner;
import org.jdpu.golden.TfliteRequant;
import org.jdpu.spec.Activation;
import org.jdpu.spec.ConvolutionSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.Quant.MultiplierQuant;
import org.jdpu.tensor.Int32Tensor;
import org.jdpu.tensor.Int8Tensor;
import org.jdpu.tensor.Npy;
import org.jdpu.tensor.Tensor;
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
 * <p>One known difference: TensorFlow Lite's optimized FULLY_CONNECTED kernel ends the
 * requantisation with a rounding shift whose ties go toward +infinity, where the reference kernels,
 * TFLite Micro and the golden model's {@code multiplier} mode round ties away from zero; the two
 * differ on negative ties only. For layers from FULLY_CONNECTED the test checks that TFLite's output
 * is exactly that rounding of the same accumulators, and counts the values where it differs from
 * the golden model's (by one).
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
            tensors.add(operator(m, l).inputs()[0]);
            tensors.add(operator(m, l).outputs()[0]);
        }
        long values = 0, differences = 0;
        try (TfliteRuntime tflite = new TfliteRuntime(forTflite)) {
            for (int k = 0; k < inputs.size(); k++) {
                Map<Integer, byte[]> t = tflite.run(inputs.get(k), tensors);
                for (NetworkSpec.Layer l : net.layers()) {
                    TfliteModel.Operator op = operator(m, l);
                    Int8Tensor x = new Int8Tensor(l.spec().input().tensorShape(), t.get(op.inputs()[0]));
                    Int8Tensor w = l.weights() == null ? null : Npy.readInt8(l.weights());
                    Int32Tensor b = l.bias() == null ? null : Npy.readInt32(l.bias());
                    byte[] golden = ((Int8Tensor) Golden.run(l.spec(), x, w, b)).data();
                    byte[] want = t.get(op.outputs()[0]);
                    String where = model.getFileName() + " input " + k + ": " + l.name();
                    if (op.code().builtinCode() == BuiltinOperator.FULLY_CONNECTED) {
                        assertArrayEquals(want, tiesUp((ConvolutionSpec) l.spec(), x, w, b), where + " (shift ties toward +infinity)");
                        for (int i = 0; i < want.length; i++) {
                            if (golden[i] != want[i]) {
                                differences++;
                                assertEquals(1, Math.abs(golden[i] - want[i]), where);
                            }
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
                + " differ by one (negative ties of the fully connected rounding shift: TFLite's optimized kernel rounds them up, the reference kernels away from zero)");
        return new Tally(values, differences);
    }

    /**
     * TensorFlow Lite's optimized fully connected requantisation: the same doubling high multiply,
     * then a rounding shift whose ties go toward +infinity ({@code (h + 2^(e-1)) >> e}).
     */
    private static byte[] tiesUp(ConvolutionSpec spec, Int8Tensor x, Int8Tensor w, Int32Tensor b) {
        MultiplierQuant q = (MultiplierQuant) spec.quant();
        int n = x.data().length, oc = spec.outputChannels();
        int min = -128, max = 127;
        if (spec.activation() instanceof Activation.Clamp c) {
            min = c.min();
            max = c.max();
        }
        byte[] y = new byte[oc];
        for (int o = 0; o < oc; o++) {
            long acc = b == null ? 0 : b.data()[o];
            for (int i = 0; i < n; i++) acc += (long) (x.data()[i] - q.inputZeroPoint()) * w.data()[o * n + i];
            int left = Math.max(q.shift(o), 0), right = Math.max(-q.shift(o), 0);
            long h = TfliteRequant.saturatingRoundingDoublingHighMul(Math.toIntExact(acc) << left, q.multiplier(o));
            long v = (right == 0 ? h : (h + (1L << (right - 1))) >> right) + q.outputZeroPoint();
            y[o] = (byte) Math.max(min, Math.min(max, v));
        }
        return y;
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

    @Test
    void microSpeechMatchesTfliteOnRandomInputs() {
        Path model = SharedModels.tfliteMicro().resolve("micro_speech_quantized.tflite");
        long seed = System.nanoTime();
        System.out.println("microSpeech seed=" + seed);
        compare(model, model, random(seed, 50, 1960));
    }

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
