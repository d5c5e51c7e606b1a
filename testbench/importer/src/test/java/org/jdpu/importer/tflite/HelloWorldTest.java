package org.jdpu.importer.tflite;

import org.jdpu.golden.NetworkRunner;
import org.jdpu.importer.edge.EdgeTensor;
import org.jdpu.importer.edge.ImportResult;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hello_world_int8.tflite (three FULLY_CONNECTED layers fitted to sin x) imported and run on TFLite
 * Micro's own int8 test: four int8 inputs, each dequantized output within 0.05 of sin of the input.
 */
@Tag(SharedModels.TAG)
class HelloWorldTest {
    @TempDir
    Path out;

    @Test
    void predictsTheSineAsTfliteMicrosTestRequires() {
        Path model = SharedModels.tfliteMicro().resolve("hello_world_int8.tflite");
        ImportResult r = TfliteImport.run(model, out);
        assertEquals(3, r.network().layers().size());
        EdgeTensor in = r.edge().input();
        EdgeTensor y = r.edge().outputs().getFirst();
        float[] x = {0.77f, 1.57f, 2.3f, 3.14f};
        int[] q = {-96, -63, -34, 0}; // the test's int8 inputs: x / scale + zero point
        for (int i = 0; i < x.length; i++) {
            assertEquals(q[i], in.quant().toInt8(x[i]), 1, "the test's int8 input for " + x[i]);
            Int8Tensor v = (Int8Tensor) NetworkRunner.run(r.network(), Int8Tensor.of(new int[] {1, 1, 1, 1}, q[i]));
            double predicted = y.quant().toReal(v.intAt(0));
            System.out.printf("hello_world: x=%.2f int8 %d -> %d = %.4f, sin x = %.4f%n", x[i], q[i], v.intAt(0), predicted, Math.sin(x[i]));
            assertTrue(Math.abs(Math.sin(x[i]) - predicted) <= 0.05, "x=" + x[i] + ": " + predicted);
        }
    }
}
