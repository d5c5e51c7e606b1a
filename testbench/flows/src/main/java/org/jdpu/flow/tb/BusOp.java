package org.jdpu.flow.tb;

/**
 * One step of the host's conversation with {@code dpu_top}, as the driver performs it and the
 * Verilog testbench replays it: a register write, a load-port word, a run (start, wait for done,
 * check the cycle counter) or a burst of output-buffer reads.
 */
public sealed interface BusOp {

    /** {@code reg_addr <= address, reg_wdata <= bits, reg_we} for one clock. */
    record RegWrite(int address, long bits) implements BusOp {}

    /** One load-port word: {@code ld_sel}, {@code ld_bank}, {@code ld_addr}, {@code ld_data} (little-endian limbs). */
    record Load(int select, int bank, int address, long[] data) implements BusOp {}

    /** Write CTRL = 1, clock until {@code done}, then read CYCLES; the cycle model predicts {@code expectedCycles}. */
    record Run(long expectedCycles) implements BusOp {}

    /** Read output words 0..words-1 through {@code rd_addr}/{@code rd_data}, one per clock. */
    record Read(int words) implements BusOp {}
}
