package org.jdpu.flow.tb;

import org.jdpu.flow.FlowException;
import org.jdpu.io.IoErrors;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link NetVectors} as the testbench's two {@code $readmemh} files: {@code ddr.hex}, the
 * DDR image one beat per line (byte 0 of the beat in the lowest bits), and {@code expected.hex},
 * one {@code {layer[7:0], beat[31:0], mask, data}} word per checked beat (mask bit i: byte i is
 * compared).
 */
public final class NetVectorFiles {
    private NetVectorFiles() {}

    public static final String DDR = "ddr.hex";
    public static final String EXPECTED = "expected.hex";
    public static final int LAYER_BITS = 8, BEAT_BITS = 32;

    public static void write(Path dir, NetVectors v) {
        int db = v.dataBytes();
        try {
            Files.createDirectories(dir);
            try (Writer out = Files.newBufferedWriter(dir.resolve(DDR))) {
                out.write("// " + v.arch() + ": DDR image of " + v.description() + "; " + v.imageBeats() + " beats of " + db + " bytes\n");
                StringBuilder line = new StringBuilder();
                for (int b = 0; b < v.imageBeats(); b++) {
                    line.setLength(0);
                    for (int i = db - 1; i >= 0; i--) {
                        int at = b * db + i;
                        hexByte(line, at < v.image().length ? v.image()[at] : 0);
                    }
                    out.write(line.append('\n').toString());
                }
            }
            try (Writer out = Files.newBufferedWriter(dir.resolve(EXPECTED))) {
                out.write("// " + v.arch() + ": expected output of every layer of " + v.description() + "; " + v.checks().size()
                        + " beats, " + v.comparedBytes() + " bytes: {layer, beat, mask, data}\n");
                StringBuilder line = new StringBuilder();
                for (NetVectors.Check c : v.checks()) {
                    line.setLength(0);
                    line.append(String.format("%02x%08x", c.layer(), c.beat()));
                    String mask = Long.toHexString(c.mask());
                    line.append("0".repeat(db / 4 - mask.length())).append(mask);
                    for (int i = db - 1; i >= 0; i--) hexByte(line, c.data()[i]);
                    out.write(line.append('\n').toString());
                }
            }
        } catch (IOException e) {
            throw new FlowException("cannot write test vectors to " + dir + ": " + IoErrors.describe(e), e);
        }
    }

    /** Bits of one expected word. */
    public static int expectedBits(int dataBytes) {
        return LAYER_BITS + BEAT_BITS + dataBytes + 8 * dataBytes;
    }

    private static void hexByte(StringBuilder s, byte b) {
        s.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
    }
}
