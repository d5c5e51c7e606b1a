package org.jdpu.cosim.net;

/**
 * The first byte of a layer's output that differs: where it is, what was expected and what the
 * engine wrote, against which reference, and the SAVE instruction that wrote it.
 *
 * @param reference   "golden" or "iss"
 * @param instruction index of the SAVE that wrote the byte, -1 if no SAVE covers it
 */
public record NetMismatch(String layer, String reference, int y, int x, int c, int expected, int actual,
                          int instruction, long count) {
    @Override
    public String toString() {
        return String.format("layer %s: %d mismatches against the %s; first at (y=%d, x=%d, c=%d): expected %d, got %d"
                + " (written by instruction %d)", layer, count, reference, y, x, c, expected, actual, instruction);
    }
}
