package org.jdpu.flow.tb;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.HostPort;

/**
 * Port widths of {@code dpu_top}'s host interface, and the layout of one operation word in
 * {@code ops.hex}: {@code {opcode[3:0], sel, bank, addr, data}} from the most significant bit down.
 */
public record BusWidths(int regAddr, int regWdata, int regRdata, int ldSel, int ldBank, int ldAddr, int ldData,
                        int rdAddr, int rdData) {

    public static final int OPCODE_BITS = 4;
    /** {@code data} also carries READ's word count and RUN's predicted cycles (32 bits, as CYCLES). */
    private static final int MIN_DATA = 32;

    /**
     * The widths for {@code c}, from the host contract ({@link HostPort}); GeneratedDesign checks
     * that every emitted top has exactly these ports.
     */
    public static BusWidths of(DpuConfig c) {
        return new BusWidths(HostPort.REG_ADDR.width(c), HostPort.REG_WDATA.width(c), HostPort.REG_RDATA.width(c),
                HostPort.LD_SEL.width(c), HostPort.LD_BANK.width(c), HostPort.LD_ADDR.width(c),
                HostPort.LD_DATA.width(c), HostPort.RD_ADDR.width(c), HostPort.RD_DATA.width(c));
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
