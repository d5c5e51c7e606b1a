package org.jdpu.importer.tflite;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party models beside the repository ({@code ../shared/models} from the repository root,
 * or {@code $JDPU_MODELS}), read in place. Tests that need them are skipped, saying so, when the
 * folder is absent, so a bare clone still passes.
 */
final class SharedModels {
    private SharedModels() {}

    static Path tfliteMicro() {
        String env = System.getenv("JDPU_MODELS");
        // Surefire runs in the module directory, testbench/importer.
        Path dir = (env != null && !env.isBlank() ? Path.of(env) : Path.of("../../../shared/models")).resolve("tflite-micro");
        Assumptions.assumeTrue(Files.isDirectory(dir), "assumes the third-party models in " + dir.toAbsolutePath().normalize()
                + " (set JDPU_MODELS to the models folder); skipped without them");
        return dir;
    }

    /**
     * The pixels of an 8-bit palette BMP as PIL's {@code Image.tobytes()} gives them: the palette
     * indices, rows top to bottom.
     */
    static byte[] bmpPixels(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b[0] != 'B' || b[1] != 'M' || bb.getShort(28) != 8) throw new IllegalArgumentException(file + ": not an 8-bit BMP");
        int offset = bb.getInt(10), w = bb.getInt(18), h = bb.getInt(22);
        boolean bottomUp = h > 0;
        h = Math.abs(h);
        int stride = (w + 3) & ~3;
        byte[] px = new byte[w * h];
        for (int r = 0; r < h; r++) {
            int src = offset + (bottomUp ? h - 1 - r : r) * stride;
            System.arraycopy(b, src, px, r * w, w);
        }
        return px;
    }
}
