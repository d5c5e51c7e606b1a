package org.jdpu.sim;

/** A top-level port of a Verilated model: its Verilog name, bit width, direction and signedness. */
public record PortInfo(String name, int width, Direction direction, boolean signed) {
    public PortInfo {
        if (width < 1) throw new IllegalArgumentException("port " + name + " has width " + width);
    }

    @Override
    public String toString() {
        return (direction == Direction.INPUT ? "input" : direction == Direction.OUTPUT ? "output" : "inout")
                + (signed ? " signed" : "") + (width > 1 ? " [" + (width - 1) + ":0]" : "") + " " + name;
    }
}
