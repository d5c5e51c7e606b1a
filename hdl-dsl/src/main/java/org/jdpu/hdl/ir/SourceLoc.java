package org.jdpu.hdl.ir;

/** Where in the user's Java code a node or statement was created: file name and line. */
public record SourceLoc(String file, int line) {

    public static final SourceLoc UNKNOWN = new SourceLoc("?", 0);

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
