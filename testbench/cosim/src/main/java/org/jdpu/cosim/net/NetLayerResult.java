package org.jdpu.cosim.net;

/**
 * One layer of a network cosimulation: its cycles as the whole-program cycle model schedules it
 * (compute = its runs' CONV cycles; span = from its first instruction's start to its last one's end;
 * stall = span minus compute; the schedule equals the RTL's on the deterministic DDR, and neighbouring
 * layers' spans overlap where their queues run side by side, so spans do not add up to the total), its DDR traffic, its ideal cycles and whether its output in DDR
 * matched both references.
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
