package org.jdpu.hdl.ir;

/**
 * A clock and its synchronous, active-high reset, named by the ports that carry them. Every
 * register and memory port refers to its domain; today designs use {@link #DEFAULT} only, whose
 * ports are {@code clk} and {@code rst} (the names the simulation bridge drives).
 */
public record ClockDomain(String clock, String reset) {

    public static final ClockDomain DEFAULT = new ClockDomain("clk", "rst");
}
