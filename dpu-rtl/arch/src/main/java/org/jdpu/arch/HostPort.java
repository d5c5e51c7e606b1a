package org.jdpu.arch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * The ports of {@code dpu_top}, the engine's host contract: name, direction, width for a
 * configuration and meaning. The generator declares the top's ports from this list, the driver
 * finds them by it, and the export testbench and the READMEs print it; no other place spells a
 * host-port name. Clock and reset ({@code clk}, {@code rst}) are the design's one clock domain and
 * are not listed.
 */
public enum HostPort {
    REG_WE(Group.REGISTERS, Direction.IN, c -> 1, "write strobe: reg_wdata -> register reg_addr at the rising edge"),
    REG_ADDR(Group.REGISTERS, Direction.IN, c -> Register.ADDRESS_BITS, "register address (word index, see the register map)"),
    REG_WDATA(Group.REGISTERS, Direction.IN, c -> Register.dataWidth(EngineWidths.of(c)), "register write data"),
    REG_RDATA(Group.REGISTERS, Direction.OUT, c -> 32, "register read data: the register at reg_addr, combinational"),
    LD_WE(Group.LOAD, Direction.IN, c -> 1, "load strobe: ld_data -> buffer ld_sel, bank ld_bank, address ld_addr"),
    LD_SEL(Group.LOAD, Direction.IN, c -> LoadTarget.BITS, "target buffer (see LoadTarget: 0 activations, 1 weights, 2 bias)"),
    LD_BANK(Group.LOAD, Direction.IN, c -> EngineWidths.of(c).bankSelect(), "bank of the target buffer"),
    LD_ADDR(Group.LOAD, Direction.IN, HostPort::loadAddressWidth, "address inside the bank"),
    LD_DATA(Group.LOAD, Direction.IN, HostPort::loadDataWidth, "an ICP-byte word (activations, weights) or a 32-bit bias"),
    RD_ADDR(Group.READ, Direction.IN, c -> EngineWidths.of(c).outputAddr(), "output buffer address"),
    RD_DATA(Group.READ, Direction.OUT, c -> 8 * c.ocp(), "OCP output bytes at rd_addr, one cycle after the address"),
    BUSY(Group.STATUS, Direction.OUT, c -> 1, "a run is in progress"),
    DONE(Group.STATUS, Direction.OUT, c -> 1, "the last run finished (cleared by the next start)");

    /** Which part of the host interface a port belongs to. */
    public enum Group { REGISTERS, LOAD, READ, STATUS }

    /** Seen from the engine. */
    public enum Direction { IN, OUT }

    private final Group group;
    private final Direction direction;
    private final ToIntFunction<DpuConfig> width;
    private final String description;

    HostPort(Group group, Direction direction, ToIntFunction<DpuConfig> width, String description) {
        this.group = group;
        this.direction = direction;
        this.width = width;
        this.description = description;
    }

    /** The Verilog port name, e.g. {@code ld_data}. */
    public String portName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Group group() {
        return group;
    }

    public Direction direction() {
        return direction;
    }

    public int width(DpuConfig c) {
        return width.applyAsInt(c);
    }

    public String description() {
        return description;
    }

    /** The ports of one group, in declaration order. */
    public static List<HostPort> of(Group g) {
        return Arrays.stream(values()).filter(p -> p.group == g).toList();
    }

    /** Width of {@code ld_addr}: the deepest of the activation, weight and bias banks. */
    public static int loadAddressWidth(DpuConfig c) {
        EngineWidths wd = EngineWidths.of(c);
        // +tflite: the multipliers and shifts sit above the biases, in the upper quarters (DpuConfig.biasLoadDepth)
        int bias = Integer.numberOfTrailingZeros(c.biasLoadDepth());
        return Math.max(wd.actAddr(), Math.max(wd.weightAddr(), Math.max(wd.biasAddr(), bias)));
    }

    /** Width of {@code ld_data}: an ICP-byte word or a 32-bit bias, whichever is wider. */
    public static int loadDataWidth(DpuConfig c) {
        return Math.max(8 * c.icp(), EngineWidths.BIAS);
    }
}
