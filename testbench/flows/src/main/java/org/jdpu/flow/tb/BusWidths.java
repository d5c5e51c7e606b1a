package org.jdpu.flow.tb;

import org.jdpu.arch.HostPort;

import org.jdpu.flow.FlowException;
import org.jdpu.flow.PortDoc;

import java.util.List;

/**
 * Port widths of {@code dpu_top}'s host interface, and the layout of one operation word in
 * {@code ops.hex}: {@code {opcode[3:0], sel, bank, addr, data}} from the most significant bit down.
 */
public record BusWidths(int regAddr, int regWdata, int regRdata, int ldSel, int ldBank, int ldAddr, int ldData,
                        int rdAddr, int rdData) {

    public static final int OPCODE_BITS = 4;
    /** {@code data} also carries READ's word count and RUN's predicted cycles (32 bits, as CYCLES). */
    private static final int MIN_DATA = 32;

    /** Reads the widths from the top module's ports; a missing host-interface port is an error. */
    public static BusWidths of(List<PortDoc> ports) {
        return new BusWidths(width(ports, HostPort.REG_ADDR), width(ports, HostPort.REG_WDATA),
                width(ports, HostPort.REG_RDATA), width(ports, HostPort.LD_SEL), width(ports, HostPort.LD_BANK),
                width(ports, HostPort.LD_ADDR), width(ports, HostPort.LD_DATA), width(ports, HostPort.RD_ADDR),
                width(ports, HostPort.RD_DATA));
    }

    private static int width(List<PortDoc> ports, HostPort port) {
        String name = port.portName();
        return ports.stream().filter(p -> p.name().equals(name)).mapToInt(PortDoc::width).findFirst()
                .orElseThrow(() -> new FlowException("dpu_top has no port " + name + "; the Verilog testbench needs the host interface"));
    }

    public int addrField() {
        return Math.max(regAddr, ldAddr);
    }

    public int dataField() {
        return Math.max(MIN_DATA, Math.max(regWdata, ldData));
    }

    public int opWord() {
        return OPCODE_BITS + ldSel + ldBank + addrField() + dataField();
    }

    /** Output lanes: bytes of {@code rd_data}. */
    public int lanes() {
        return rdData / 8;
    }

    /** {@code {compare flags, lanes}} of one expected word. */
    public int expectedWord() {
        return lanes() + rdData;
    }
}
