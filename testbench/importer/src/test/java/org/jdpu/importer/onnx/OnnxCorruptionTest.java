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
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged model files (a float and a QDQ model) through the whole import: every flipped byte, cut or
 * spliced file either
 * imports or fails with one {@link UserError} line; no other exception escapes and a failed
 * import writes nothing.
 */
class OnnxCorruptionTest {
    @TempDir
    Path dir;

    @Test
    void damagedModelsFailWithOneUserError() throws Exception {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("seed " + seed + " (-Djdpu.seed=" + seed + " repeats it)");
        Random r = new Random(seed);
        byte[] floatModel = TestModels.RESIDUAL.build().apply(seed).bytes();
        byte[] qdqModel = QdqImportTest.model(seed, 0.0123f, 100, 0.0571f, 131, 0.0061f).bytes();
        Path cal = dir.resolve("cal.npy");
        Npy.writeFloat32(cal, new Float32Array(new int[] {2, 3, 12, 12}, new float[2 * 3 * 12 * 12]));
        int imported = 0, refused = 0;
        for (int trial = 0; trial < 200; trial++) {
            boolean qdq = trial % 2 == 1;
            byte[] good = qdq ? qdqModel : floatModel;
            byte[] bad = good.clone();
            switch ((trial / 2) % 3) {
                case 0 -> {
                    for (int k = 0; k <= r.nextInt(3); k++) bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
                }
                case 1 -> bad = Arrays.copyOf(good, r.nextInt(good.length));
                default -> {
                    int at = r.nextInt(good.length), len = 1 + r.nextInt(16);
                    for (int k = at; k < Math.min(bad.length, at + len); k++) bad[k] = (byte) r.nextInt(256);
                }
            }
            Path model = Files.write(dir.resolve("bad.onnx"), bad);
            Path out = dir.resolve("out" + trial);
            try {
                Importer.run(model, qdq ? ImportOptions.none() : new ImportOptions(cal.toString()), out);
                imported++;
            } catch (UserError e) {
                refused++;
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
                assertFalse(Files.exists(out), "nothing written after: " + e.getMessage());
            } catch (RuntimeException e) {
                fail("trial " + trial + " (seed " + seed + "): " + e, e);
            }
        }
        System.out.println("  200 damaged float and QDQ models: " + imported + " still import, " + refused + " refused with one line");
    }
}
