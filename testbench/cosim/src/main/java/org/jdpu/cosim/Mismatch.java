package org.jdpu.cosim;

/** The first output element where the engine and the golden model disagree. */
public record Mismatch(int y, int x, int c, int expected, int actual) {
    @Override
    public String toString() {
        return "first mismatch at (y=" + y + ", x=" + x + ", c=" + c + "): expected " + expected + ", got " + actual;
    }
}
