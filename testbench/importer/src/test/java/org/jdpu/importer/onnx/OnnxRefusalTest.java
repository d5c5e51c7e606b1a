package org.jdpu.importer.onnx;

import org.jdpu.importer.Importer;
import org.jdpu.importer.edge.ImportOptions;
import org.jdpu.io.UserError;
import org.jdpu.tensor.Float32Array;
import org.jdpu.tensor.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.jdpu.importer.onnx.OnnxModelBuilder.floats;
import static org.jdpu.importer.onnx.OnnxModelBuilder.ints;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Models that cannot be imported: one message naming the file and the node, and nothing written. */
class OnnxRefusalTest {
    @TempDir
    Path dir;

    private Path calibration(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        Path f = dir.resolve("cal.npy");
        Npy.writeFloat32(f, new Float32Array(shape, new float[n]));
        return f;
    }

    private String refusal(Path model, Path cal) {
        Path out = dir.resolve("out");
        String m = assertThrows(UserError.class, () -> Importer.run(model, new ImportOptions(cal == null ? null : cal.toString()),
                out)).getMessage();
        assertFalse(Files.exists(out), "nothing written");
        assertTrue(m.startsWith(model.toString()) || cal != null && m.startsWith(cal.toString()) || m.startsWith("a float"), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    private String refusal(OnnxModelBuilder b, int... calShape) throws Exception {
        Path model = b.write(dir.resolve("m.onnx"));
        return refusal(model, calibration(calShape));
    }

    @Test
    void unsupportedOperatorNamesTheNodeAndOp() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(1).input("x", 1, 2, 4, 4);
        String t = b.conv("x", 2, 2, 3, 1, 1, 1);
        b.output(b.node("Sigmoid", new String[] {t}));
        String m = refusal(b, 2, 2, 4, 4);
        assertTrue(m.contains("node \"sigmoid2\" (Sigmoid): operator Sigmoid is not supported"), m);
    }

    @Test
    void dynamicDimensionOtherThanTheBatch() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(1).input("x", -1, 2, -2, 4);
        b.output(b.conv("x", 2, 2, 3, 1, 1, 1));
        String m = refusal(b, 2, 2, 4, 4);
        assertTrue(m.contains("input \"x\": dimension 2 is dynamic ('batch_2'); only the batch may be"), m);
    }

    @Test
    void truncatedAndForeignFiles() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(1).input("x", 1, 2, 4, 4);
        b.output(b.conv("x", 2, 2, 3, 1, 1, 1));
        byte[] bytes = b.bytes();
        Path cut = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(bytes, bytes.length - 7));
        String m = refusal(cut, calibration(1, 2, 4, 4));
        assertTrue(m.contains("cut.onnx: not a valid ONNX model (truncated or corrupt"), m);
        Path text = Files.writeString(dir.resolve("text.onnx"), "this is not a model\n");
        m = refusal(text, calibration(1, 2, 4, 4));
        assertTrue(m.contains("text.onnx: not"), m);
        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        assertTrue(refusal(empty, null).contains("empty file"));
    }

    @Test
    void resizeThatIsNotARepeat() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(1).input("x", 1, 2, 4, 4);
        b.initializer(floats("scales", new int[] {4}, new float[] {1, 1, 2, 2}));
        String t = b.conv("x", 2, 2, 3, 1, 1, 1);
        b.output(b.node("Resize", new String[] {t, "", "scales"}, OnnxModelBuilder.string("mode", "nearest"),
                OnnxModelBuilder.string("coordinate_transformation_mode", "asymmetric"),
                OnnxModelBuilder.string("nearest_mode", "round_prefer_floor")));
        String m = refusal(b, 2, 2, 4, 4);
        assertTrue(m.contains("node \"resize2\" (Resize): coordinate_transformation_mode asymmetric with nearest_mode "
                + "round_prefer_floor is not a plain repeat"), m);
    }

    @Test
    void padBeforeMaxPoolAndGroupedConvAndLeakySlope() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(1).input("x", 1, 2, 4, 4);
        b.initializer(OnnxModelBuilder.longs("pads", 0, 0, 1, 1, 0, 0, 1, 1));
        String t = b.node("Pad", new String[] {"x", "pads"});
        b.output(b.node("MaxPool", new String[] {t}, ints("kernel_shape", 2, 2)));
        assertTrue(refusal(b, 2, 2, 4, 4).contains("(MaxPool): reads node \"pad1\" (Pad): a zero pad before MaxPool"));

        b = new OnnxModelBuilder(1).input("x", 1, 4, 4, 4);
        b.output(b.conv("x", 4, 4, 3, 1, 1, 2));
        assertTrue(refusal(b, 2, 4, 4, 4).contains("group=2"));

        b = new OnnxModelBuilder(1).input("x", 1, 2, 4, 4);
        b.output(b.node("LeakyRelu", new String[] {b.conv("x", 2, 2, 3, 1, 1, 1)}));
        assertTrue(refusal(b, 2, 2, 4, 4).contains("alpha 0.01 is not supported"));
    }

    @Test
    void accumulatorsThatCouldOverflowInt32() throws Exception {
        // 4 x 200 x 200 = 160,000 products of 128 * 128 each: more than 2^31 in the worst case.
        OnnxModelBuilder b = new OnnxModelBuilder(1).input("x", 1, 4, 200, 200);
        String t = b.node("Flatten", new String[] {"x"});
        b.output(b.gemm(t, 4 * 200 * 200, 1));
        String m = refusal(b, 2, 4, 200, 200);
        assertTrue(m.contains("node \"gemm2\" (Gemm): cannot be a network layer") && m.contains("exceeds the int32 maximum"), m);
    }

    @Test
    void calibrationOfTheWrongShapeOrMissing() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(1).input("x", 1, 2, 4, 4);
        b.output(b.conv("x", 2, 2, 3, 1, 1, 1));
        Path model = b.write(dir.resolve("m.onnx"));
        String m = refusal(model, calibration(3, 4, 4, 2));
        assertTrue(m.contains("cal.npy: calibration shape [3, 4, 4, 2] does not match the model input: expected [N, 2, 4, 4]"), m);
        m = refusal(model, null);
        assertTrue(m.contains("--calibration"), m);
        m = assertThrows(UserError.class, () -> Importer.run(model, new ImportOptions(ImportOptions.FASHION_MNIST),
                dir.resolve("out"))).getMessage();
        assertTrue(m.contains("needs a model input of [N, 1, 28, 28]"), m);
    }
}
