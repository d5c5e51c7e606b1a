package org.jdpu.arch.isa;

/**
 * The AXI4 masters of {@code dpu_top}: data width, longest burst and how many bursts each
 * direction keeps in flight. The instruction fetch master has the same width.
 *
 * @param dataBytes   bytes per beat (a power of two, 4..64; default 16, like each of the DPU's data ports)
 * @param burstBeats  longest burst in beats (1..256; bursts never cross a 4 KiB boundary)
 * @param outstanding bursts in flight per direction (1..32)
 */
public record AxiConfig(int dataBytes, int burstBeats, int outstanding) {

    public static final AxiConfig DEFAULT = new AxiConfig(16, 16, 8);
    /** Address width of every master. */
    public static final int ADDRESS_BITS = 40;

    public AxiConfig {
        if (dataBytes < 4 || dataBytes > 64 || Integer.bitCount(dataBytes) != 1) {
            throw new IllegalArgumentException("AXI data width must be 32..512 bits, a power of two; got " + 8 * dataBytes);
        }
        if (burstBeats < 1 || burstBeats > 256) {
            throw new IllegalArgumentException("AXI burst length must be 1..256 beats, got " + burstBeats);
        }
        if (outstanding < 1 || outstanding > 32) {
            throw new IllegalArgumentException("outstanding bursts must be 1..32, got " + outstanding);
        }
    }

    public int dataBits() {
        return 8 * dataBytes;
    }
}
