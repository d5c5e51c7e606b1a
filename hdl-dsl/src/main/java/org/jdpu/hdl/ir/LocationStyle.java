package org.jdpu.hdl.ir;

/**
 * How much of a {@link SourceLoc} a text form shows (CIRCT's {@code locationInfoStyle}). Checked-in
 * output uses {@link #FILE}, so that editing a generator moves no line of it; {@link #FILE_LINE}
 * points at the statement while debugging.
 */
public enum LocationStyle {
    /** {@code File.java:42}. */
    FILE_LINE,
    /** {@code File.java}. */
    FILE,
    /** Nothing. */
    NONE;

    /** {@code loc} in this style, or null when nothing is to be shown (NONE, an unknown or pending location). */
    public String format(SourceLoc loc) {
        if (this == NONE || loc == null || loc == SourceLoc.UNKNOWN || loc.isPending()) {
            return null;
        }
        return this == FILE ? loc.file() : loc.file() + ":" + loc.line();
    }
}
