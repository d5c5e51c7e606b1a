package org.jdpu.arch.isa;

/**
 * The interfaces of the network engine's top level, by their Verilog port prefixes: what a Zynq
 * UltraScale+ block design connects (the control slave to an HPM master of the PS, the two
 * masters to HP slave ports, the interrupt to {@code pl_ps_irq0}). Clock {@code clk} and
 * synchronous active-high reset {@code rst} drive all of them.
 */
public final class TopInterface {
    private TopInterface() {}

    /** AXI4-Lite slave with the {@link ControlRegister}s. */
    public static final String CONTROL = "s_axi_control";
    /** AXI4 master for LOAD and SAVE. */
    public static final String DATA = "m_axi_data";
    /** AXI4 read master of the instruction fetch. */
    public static final String INSTR = "m_axi_instr";
    /** Level interrupt: high while the program is done and the interrupt not cleared. */
    public static final String IRQ = "irq";
    public static final String CLOCK = "clk", RESET = "rst";
    /**
     * Only with double-rate multipliers ({@code +dsp2x}): the multipliers' clock, twice {@code clk},
     * synchronous and edge-aligned with it (PG338's {@code dpu_2x_clk}); reset by {@code rst}.
     */
    public static final String CLOCK_2X = "clk2x";
}
