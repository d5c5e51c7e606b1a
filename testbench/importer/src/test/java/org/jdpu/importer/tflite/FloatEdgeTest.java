package org.jdpu.importer.tflite;

import org.jdpu.golden.NetworkRunner;
import org.jdpu.importer.edge.EdgeConversion;
import org.jdpu.importer.edge.EdgeQuant;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.importer.edge.ModelEdge;
import org.jdpu.importer.edge.ModelEdgeJson;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TFLite model with float edges (QUANTIZE in, DEQUANTIZE out): its edge quantizes as TFLite's
 * QUANTIZE does (float32 division, ties away from zero), so the golden model with the edge
 * conversion gives TensorFlow Lite's float outputs bit for bit, ties included.
 */
class FloatEdgeTest {
    @TempDir
    Path dir;

    @Test
    void tfliteQuantizeRoundsTiesAwayFromZero() {
        // -1.25 / 0.5 = -2.5: TFLite gives -3 (+ zero point 3 = 0), round half up would give -2 (1).
        assertEquals(0, new EdgeQuant.TfliteAffine(0.5, 3).toInt8(-1.25));
        assertEquals(1, new EdgeQuant.Affine(0.5, 3).toInt8(-1.25));
        assertEquals(6, new EdgeQuant.TfliteAffine(0.5, 3).toInt8(1.25));
        assertEquals(127, new EdgeQuant.TfliteAffine(0.5, 3).toInt8(1e9));
        assertEquals(-1.0, new EdgeQuant.TfliteAffine(0.5, 3).toReal(1));
    }

    @Test
    void floatEdgesGiveTensorFlowLitesOutputs() throws IOException {
        long seed = System.nanoTime();
        System.out.println("FloatEdgeTest seed=" + seed);
        Random r = new Random(seed);
        TestModel m = new TestModel();
        int xf = m.float32("xf", new int[] {1, 4, 4, 3});
        int x = m.activation("x", new int[] {1, 4, 4, 3}, 0.05f, -7);
        int p = m.activation("p", new int[] {1, 2, 2, 3}, 0.05f, -7);
        int yf = m.float32("yf", new int[] {1, 2, 2, 3});
        m.simple(BuiltinOperator.QUANTIZE, new int[] {xf}, x);
        m.pool(BuiltinOperator.AVERAGE_POOL_2D, x, p, 1, 2, 2, 0);
        m.simple(BuiltinOperator.DEQUANTIZE, new int[] {p}, yf);
        Path file = dir.resolve("f.tflite");
        Files.write(file, m.build(new int[] {xf}, new int[] {yf}));
        ImportResult imported = TfliteImport.run(file, dir.resolve("net"));
        ModelEdge edge = ModelEdgeJson.read(dir.resolve("net").resolve(ModelEdgeJson.FILE));
        assertEquals(imported.edge(), edge);
        assertTrue(Files.readString(dir.resolve("net").resolve(ModelEdgeJson.FILE)).contains("\"rounding\" : \"half_away_from_zero\""));

        int out = TfliteReader.read(file).subgraph().outputs()[0];
        int values = 0, tieDifferences = 0;
        try (TfliteRuntime tflite = new TfliteRuntime(file)) {
            for (int trial = 0; trial < 50; trial++) {
                float[] v = new float[48];
                for (int i = 0; i < v.length; i++) {
                    // Every other value sits on (or next to) a rounding tie of the input scale.
                    v[i] = i % 2 == 0 ? (r.nextInt(200) - 100 + 0.5f) * 0.05f : (float) (r.nextGaussian() * 3);
                }
                ByteBuffer in = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v) in.putFloat(f);
                java.util.Map<Integer, byte[]> t = tflite.run(in.array(), List.of(x, out));
                byte[] theirs = t.get(x);
                byte[] ours = EdgeConversion.quantize(edge.input(), new Float32Array(new int[] {1, 4, 4, 3}, v)).data();
                for (int i = 0; i < v.length; i++, values++) {
                    if (ours[i] == theirs[i]) continue;
                    // TFLite Micro (and the edge) divide in float32, where this value is an exact tie;
                    // TensorFlow Lite's x86 kernel divides in double, where it is not.
                    float q = v[i] / 0.05f;
                    assertEquals(0.5f, Math.abs(q - (int) q), "seed " + seed + ": " + v[i] + " is not a float32 tie");
                    assertEquals(-7 + Math.round(v[i] / (double) 0.05f), theirs[i], "seed " + seed + ": " + v[i]);
                    tieDifferences++;
                }
                // From TFLite's own int8 input, the network and the output edge give TFLite's floats exactly.
                Int8Tensor y = (Int8Tensor) NetworkRunner.run(imported.network(), new Int8Tensor(new int[] {1, 4, 4, 3}, theirs));
                float[] got = EdgeConversion.dequantize(edge.outputs().getFirst(), y).data();
                ByteBuffer want = ByteBuffer.wrap(t.get(out)).order(ByteOrder.LITTLE_ENDIAN);
                float[] expected = new float[got.length];
                for (int i = 0; i < expected.length; i++) expected[i] = want.getFloat(4 * i);
                assertArrayEquals(expected, got, "seed " + seed + " trial " + trial);
            }
        }
        System.out.println("float edges: " + values + " inputs quantized, " + tieDifferences + " differ from TensorFlow Lite, "
                + "all on float32 ties (TFLite Micro divides in float32, TensorFlow Lite's x86 kernel in double); "
                + "outputs equal from TFLite's own int8 input");
    }
}
