package org.jdpu.arch.model;

/**
 * The DDR as the whole-program cycle model sees it, the same knobs as the simulated DDR: cycles
 * from a read request to its first beat and from a write's last beat to its response (as the DDR
 * really gives them, its floors applied), the throughput of each channel in sixteenths of a cycle
 * of gap per beat (0 = one beat per cycle), and the bursts each channel accepts before it stops
 * taking requests.
 */
public record MemoryTiming(int readLatency, int writeLatency, int beatGap16, int outstanding) {
    /** Bursts a DDR channel's queue holds. */
    public static final int DDR_QUEUE_DEPTH = 32;
    /** The floors of the simulated DDR: a read answers 2 cycles after AR at the soonest, B 1 after the last W. */
    public static final int MIN_READ_LATENCY = 2, MIN_WRITE_LATENCY = 1;

    public MemoryTiming {
        if (readLatency < MIN_READ_LATENCY || writeLatency < MIN_WRITE_LATENCY || beatGap16 < 0) {
            throw new IllegalArgumentException("read latency must be >= " + MIN_READ_LATENCY + ", write latency >= "
                    + MIN_WRITE_LATENCY + " and beat gap >= 0; got " + readLatency + ", " + writeLatency + ", " + beatGap16);
        }
        if (outstanding < 1 || outstanding > DDR_QUEUE_DEPTH) throw new IllegalArgumentException("outstanding bursts must be 1.."
                + DDR_QUEUE_DEPTH + ", got " + outstanding);
    }

    /** A memory taking as many bursts as its queue holds. */
    public MemoryTiming(int readLatency, int writeLatency, int beatGap16) {
        this(Math.max(readLatency, MIN_READ_LATENCY), Math.max(writeLatency, MIN_WRITE_LATENCY), beatGap16, DDR_QUEUE_DEPTH);
    }

    /** Cycles per beat on one channel, on average. */
    public double cyclesPerBeat() {
        return 1 + beatGap16 / 16.0;
    }
}
