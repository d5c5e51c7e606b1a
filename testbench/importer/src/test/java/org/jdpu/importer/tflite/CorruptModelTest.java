package org.jdpu.importer.tflite;

import org.jdpu.io.UserError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Corrupted models through the whole import (reader and mapping): each either imports or fails
 * with one user error; no other exception, which the command line would print as a stack trace.
 */
class CorruptModelTest {
    @TempDir
    Path dir;

    @Test
    void corruptedBuiltModelsImportOrFailWithOneUserError() throws IOException {
        long seed = Long.getLong("jdpu.seed", System.nanoTime()); // -Djdpu.seed=N repeats a run
        System.out.println("CorruptModelTest seed=" + seed);
        corrupt(seed, TfliteReaderTest.smallModel(), TestModel.everyOperator(new Random(seed)));
    }

    @Tag(SharedModels.TAG)
    @Test
    void corruptedRealModelsImportOrFailWithOneUserError() throws IOException {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("CorruptModelTest seed=" + seed);
        corrupt(seed, Files.readAllBytes(SharedModels.tfliteMicro().resolve("hello_world_int8.tflite")));
    }

    private void corrupt(long seed, byte[]... models) throws IOException {
        Random r = new Random(seed);
        int imported = 0, refused = 0;
        for (int trial = 0; trial < 1000; trial++) {
            byte[] bad = models[trial % models.length].clone();
            for (int k = 0; k < 1 + r.nextInt(3); k++) bad[8 + r.nextInt(bad.length - 8)] = (byte) r.nextInt(256);
            Path file = dir.resolve("bad.tflite");
            Files.write(file, bad);
            try {
                TfliteImport.map(file);
                imported++;
            } catch (UserError e) {
                refused++;
            } catch (RuntimeException e) {
                fail("seed " + seed + " trial " + trial + ": " + e, e);
            }
        }
        System.out.println("corrupted models: " + imported + " imported, " + refused + " refused with one message");
    }
}
