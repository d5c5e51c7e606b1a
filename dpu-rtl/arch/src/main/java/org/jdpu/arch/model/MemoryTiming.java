package org.jdpu.arch.model;

/**
 * The DDR as the whole-program cycle model sees it: cycles from a read request to its first beat
 * and from a write's last beat to its response, and the throughput of each channel in sixteenths of
 * a cycle of gap per beat (0 = one beat per cycle), the same knobs as the simulated DDR.
 */
public record MemoryTiming(int readLatency, int writeLatency, int beatGap16) {
    public MemoryTiming {
        if (readLatency < 0 || writeLatency < 0 || beatGap16 < 0) throw new IllegalArgumentException("negative timing");
    }

    /** Cycles per beat on one channel. */
    public double cyclesPerBeat() {
        return 1 + beatGap16 / 16.0;
    }
}
