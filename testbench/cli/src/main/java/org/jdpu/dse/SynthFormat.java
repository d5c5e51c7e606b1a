package org.jdpu.dse;

import java.util.Locale;

/** Number formats shared by the exploration's tables and files. */
public final class SynthFormat {
    private SynthFormat() {}

    /** Block RAM: whole blocks without a fraction, else one decimal (half blocks are RAMB18s). */
    public static String bram(double b) {
        return b == Math.rint(b) ? Long.toString((long) b) : String.format(Locale.ROOT, "%.1f", b);
    }
}
