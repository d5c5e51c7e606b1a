package org.jdpu.flow;

/** One port of the top module as the READMEs list it. */
public record PortDoc(String name, String direction, int width, boolean signed) {

    /** Verilog-style type: {@code [7:0]}, {@code signed [31:0]} or empty for one bit. */
    public String range() {
        String r = width == 1 ? "" : "[" + (width - 1) + ":0]";
        return signed ? ("signed " + r).strip() : r;
    }
}
