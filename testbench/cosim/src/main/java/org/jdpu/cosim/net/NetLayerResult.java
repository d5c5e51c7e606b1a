package org.jdpu.cosim.net;

/**
 * One layer of a network cosimulation: its cycles as the whole-program cycle model schedules it
 * (compute = its runs' CONV cycles; span = from the previous layer's last CONV end to its own, the
 * last layer up to done, so the spans add up to the program even where neighbouring layers' queues
 * run side by side; stall = span minus compute; the schedule equals the RTL's on the deterministic
 * DDR), its DDR traffic, its ideal cycles and whether its output in DDR matched both references.
 */
public record NetLayerResult(String name, long computeCycles, long spanCycles, long bytesRead, long bytesWritten,
                             double idealCycles, long goldenMismatches, long issMismatches) {
    public long stallCycles() {
        return Math.max(0, spanCycles - computeCycles);
    }

    public double utilization() {
        return spanCycles == 0 ? 0 : idealCycles / spanCycles;
    }
}
