package org.jdpu.importer.tflite;


import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party models beside the repository ({@code ../shared/models} from the repository root,
 * or {@code $JDPU_MODELS}), read in place. Tests that need them carry {@link #TAG}: {@code make test}
 * runs them when the folder is there and leaves the group out, saying so, when it is not (a bare
 * clone); {@code make tflite-models MODELS=...} runs them on any folder. Run without the folder, such a
 * test fails, naming the folder it looked for.
 */
final class SharedModels {
    private SharedModels() {}

    /** The JUnit tag of the tests that read the third-party models. */
    static final String TAG = "third-party-models";

    static Path tfliteMicro() {
        String env = System.getenv("JDPU_MODELS");
        // Surefire runs in the module directory, testbench/importer.
        Path dir = (env != null && !env.isBlank() ? Path.of(env) : Path.of("../../../shared/models")).resolve("tflite-micro");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no third-party models in " + dir.toAbsolutePath().normalize()
                    + " (set JDPU_MODELS to the folder that holds tflite-micro/)");
        }
        return dir;
    }

    /**
     * The pixels of an 8-bit palette BMP ({@link PaletteBmp}): the palette
     * indices, rows top to bottom.
     */
    static byte[] bmpPixels(Path file) {
        return PaletteBmp.pixels(file);
    }
}
