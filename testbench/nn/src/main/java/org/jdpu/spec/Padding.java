package org.jdpu.spec;

/** Implicit padding of a sliding window, in input pixels: top, left, bottom, right. */
public record Padding(int top, int left, int bottom, int right) {
    public static final Padding NONE = new Padding(0, 0, 0, 0);
}
