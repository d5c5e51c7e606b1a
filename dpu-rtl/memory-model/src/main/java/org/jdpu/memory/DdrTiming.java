package org.jdpu.memory;

import java.util.Locale;

/**
 * Run-time timing of an {@link AxiDdr}: the values its {@code cfg_*} ports take. One Verilated
 * model serves every setting, so a test or cosimulation picks a record and drives the ports.
 *
 * <p>{@link #ZCU102_HP} is an estimate for the ZCU102's PS DDR4 seen from the programmable logic
 * through one S_AXI_HP port at a 300 MHz accelerator clock. The figures, and where they come from:
 * <ul>
 *   <li>Bandwidth: an HP port is 128 bits wide (UG1085, "PL-PS Interface Specifics": 32, 64 or
 *       128-bit ports, each direction programmed on its own), so at 300 MHz its peak is
 *       16 B x 300 MHz = 4.8 GB/s per direction. The ZCU102's PS DDR4 is a 64-bit DDR4-2133
 *       interface, 17 GB/s peak, so one port, not the memory, is the limit; the controller reaches
 *       about 75 % of the memory's peak at best (the figure UG585 gives for the Zynq-7000 DDR
 *       controller, used here as an estimate), which still leaves more than the port needs. The
 *       model keeps the port at 8/9 of its peak ({@code beatGap} = 2, one idle cycle every eight
 *       beats, about 4.3 GB/s) for command and refresh overheads: an estimate.</li>
 *   <li>Read latency: DDR4-2133 CL15 is 14 ns of CAS latency, a row miss adds tRCD (about 14 ns)
 *       and sometimes tRP; the controller's queues, the AXI interconnect and the HP port's
 *       clock-crossing FIFOs (UG1085 describes asynchronous FIFO interfaces, AFI) add several
 *       tens of nanoseconds. We estimate about 130 ns from AR to the first beat, i.e. 40 cycles
 *       at 300 MHz; measurements of a real board typically fall in 100..150 ns (30..45 cycles).</li>
 *   <li>Write latency: the controller acknowledges a write once its data sit in the write queue,
 *       so B follows the last W beat sooner than a read returns; estimated 70 ns, 21 cycles.</li>
 *   <li>Outstanding bursts: the HP ports accept many bursts ahead (their read and write data
 *       buffers are 128 beats deep, UG1085 "Read and Write Data Buffers"); 16 bursts of 16 beats
 *       fill that buffer and are assumed here.</li>
 * </ul>
 * None of these were measured on hardware; they give cosimulation a realistic order of magnitude.
 *
 * @param readLatency  cycles from the AR handshake to the first R beat (0..1023; the model answers
 *                     in {@link AxiDdr#MIN_READ_LATENCY} cycles at the earliest)
 * @param writeLatency cycles from the last W handshake to B (0..1023; at least
 *                     {@link AxiDdr#MIN_WRITE_LATENCY})
 * @param outstanding  bursts each channel accepts before its AR or AW ready drops (1..32)
 * @param beatGap      bandwidth throttle in sixteenths of a cycle: every beat is followed on
 *                     average by beatGap/16 idle cycles, so a channel moves 16/(16 + beatGap) beats
 *                     per cycle (0 = full rate, 16 = every other cycle; 0..4095)
 */
public record DdrTiming(int readLatency, int writeLatency, int outstanding, int beatGap) {

    /** Widths of the {@code cfg_*} ports that carry these fields. */
    public static final int LATENCY_BITS = 10, OUTSTANDING_BITS = 6, BEAT_GAP_BITS = 12;
    /** The largest accepted values. */
    public static final int MAX_LATENCY = (1 << LATENCY_BITS) - 1, MAX_OUTSTANDING = 32,
            MAX_BEAT_GAP = (1 << BEAT_GAP_BITS) - 1;

    /** The fastest memory the model can be: no added latency, full rate, as many bursts as it tracks. */
    public static final DdrTiming IDEAL = new DdrTiming(0, 0, MAX_OUTSTANDING, 0);

    /** ZCU102 PS DDR4 through an S_AXI_HP port at 300 MHz (estimates; see the class comment). */
    public static final DdrTiming ZCU102_HP = new DdrTiming(40, 21, 16, 2);

    public DdrTiming {
        check("read latency", readLatency, 0, MAX_LATENCY);
        check("write latency", writeLatency, 0, MAX_LATENCY);
        check("outstanding bursts", outstanding, 1, MAX_OUTSTANDING);
        check("beat gap", beatGap, 0, MAX_BEAT_GAP);
    }

    private static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + value);
        }
    }

    /** The cycles from AR to the first R beat the model really gives (the latency, or its floor). */
    public int effectiveReadLatency() {
        return Math.max(readLatency, AxiDdr.MIN_READ_LATENCY);
    }

    /** The cycles from the last W beat to B the model really gives. */
    public int effectiveWriteLatency() {
        return Math.max(writeLatency, AxiDdr.MIN_WRITE_LATENCY);
    }

    /** Beats per cycle one channel sustains, at most 1. */
    public double beatsPerCycle() {
        return 16.0 / (16 + beatGap);
    }

    /**
     * The setting in words, for reports: {@code read latency 40 cycles, write latency 21 cycles,
     * 16 bursts outstanding, 0.889 beats/cycle (beat gap 2/16)}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "read latency %d cycles, write latency %d cycles, %d bursts outstanding, %.3f beats/cycle (beat gap %d/16)",
                readLatency, writeLatency, outstanding, beatsPerCycle(), beatGap);
    }
}
