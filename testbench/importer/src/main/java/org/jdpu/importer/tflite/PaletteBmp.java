package org.jdpu.importer.tflite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pixels of an 8-bit palette BMP as PIL's {@code Image.tobytes()} gives them: the palette
 * indices, rows top to bottom (how TFLite Micro's person_detect example feeds its test images).
 */
public final class PaletteBmp {
    private PaletteBmp() {}

    public static byte[] pixels(Path file) {
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
