package org.jdpu.hdl.ir;

/**
 * Where in the user's Java code a node or statement was created: file name and line. During
 * the fast first elaboration pass a location is only pending, a numbered token that a second,
 * selective pass resolves (see {@code Design.elaborate}); pending locations never reach output.
 */
public record SourceLoc(String file, int line) {

    public static final SourceLoc UNKNOWN = new SourceLoc("?", 0);

    private static final String PENDING = "\u0000pending";

    /** The token for the {@code ordinal}-th location request of an elaboration. */
    public static SourceLoc pending(int ordinal) {
        return new SourceLoc(PENDING, ordinal);
    }

    public boolean isPending() {
        return PENDING.equals(file);
    }

    @Override
    public String toString() {
        return isPending() ? "?" : file + ":" + line;
    }
}
