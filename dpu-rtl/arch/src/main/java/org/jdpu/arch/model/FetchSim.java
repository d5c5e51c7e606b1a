package org.jdpu.arch.model;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Instruction;

import java.util.ArrayList;
import java.util.List;

/**
 * The instruction fetch unit ({@code org.jdpu.rtl.net.InstructionFetch}) on the DDR's instruction
 * read channel, burst by burst: a burst (at most burstBeats, never across 4 KiB or past the
 * program) is issued once the AR register is free, fewer than {@code outstanding} bursts are
 * unanswered and the prefetch FIFO has credit for all its beats (instructions decoded give theirs
 * back); the DDR answers {@code latency} cycles after AR, one beat per cycle under its beat-gap
 * throttle, R always taken. An instruction is in the prefetch FIFO when its last beat arrives.
 * Cycle 0 is the START write; the first burst is issued in cycle 1. The program's base is taken as
 * 4 KiB aligned.
 */
final class FetchSim {
    private final AxiConfig a;
    private final MemoryTiming m;
    private final int count, beatsPerInstr, capacityBeats, boundaryBeats;
    private final List<Long> decodes = new ArrayList<>();
    private final List<Long> arrival = new ArrayList<>();
    private final List<Long> arCycle = new ArrayList<>(), lastBeat = new ArrayList<>();
    private long issuedBeats, lastFetch = Long.MIN_VALUE / 2, debtTime, lastIssue;
    private int debt;

    FetchSim(AxiConfig a, MemoryTiming m, int count, int prefetchDepth) {
        this.a = a;
        this.m = m;
        this.count = count;
        int beatBytes = Math.min(a.dataBytes(), Instruction.BYTES);
        beatsPerInstr = Instruction.BYTES / beatBytes;
        capacityBeats = prefetchDepth * beatsPerInstr;
        boundaryBeats = 4096 / beatBytes;
    }

    void decoded(int index, long cycle) {
        if (index != decodes.size()) throw new IllegalStateException("decodes out of order");
        decodes.add(cycle);
    }

    /** Cycle instruction {@code index} enters the prefetch FIFO. */
    long fetched(int index) {
        while (arrival.size() <= index) issueBurst();
        return arrival.get(index);
    }

    private void issueBurst() {
        long remaining = (long) count * beatsPerInstr - issuedBeats;
        if (remaining <= 0) throw new IllegalStateException("fetch past the program");
        long toBoundary = boundaryBeats - (issuedBeats % boundaryBeats);
        int len = (int) Math.min(Math.min(remaining, toBoundary), a.burstBeats());
        int b = arCycle.size();
        long c = b == 0 ? 1 : arCycle.get(b - 1) + 1;
        if (b >= a.outstanding()) c = Math.max(c, lastBeat.get(b - a.outstanding()) + 1);
        long needPops = (issuedBeats + len - capacityBeats + beatsPerInstr - 1) / beatsPerInstr;
        if (needPops > 0) c = Math.max(c, decodes.get((int) needPops - 1) + 1);
        lastIssue = c;
        long ar = c + 1;
        if (b >= m.outstanding()) ar = Math.max(ar, lastBeat.get(b - m.outstanding()) + 1);
        arCycle.add(ar);
        long t = Math.max(ar + m.readLatency() - 1, lastFetch + 1);
        for (int k = 0; k < len; k++) {
            t = fetchAt(Math.max(t, lastFetch + 1));
            lastFetch = t;
            if ((issuedBeats + k + 1) % beatsPerInstr == 0) arrival.add(t + 1);
        }
        lastBeat.add(lastFetch + 1);
        issuedBeats += len;
    }

    /** The cycle the channel fetches a beat, at {@code t} or later: a cycle with 16 owed is idle and pays. */
    private long fetchAt(long t) {
        long pay = Math.min(t - debtTime, debt / 16);
        debt -= (int) (16 * pay);
        while (debt >= 16) {
            debt -= 16;
            t++;
        }
        debt += m.beatGap16();
        debtTime = t + 1;
        return t;
    }
}
