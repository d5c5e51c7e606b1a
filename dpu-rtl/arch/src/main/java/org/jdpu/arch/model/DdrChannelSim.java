package org.jdpu.arch.model;

/**
 * One channel of the simulated DDR ({@code org.jdpu.memory.AxiDdr}) cycle by cycle, deterministic
 * mode: a read channel (AR in, R beats out) or the write channel (AW in, W beats in, B out).
 * Accepted bursts wait in a register queue with their due cycle (read: first fetch at
 * {@code accept + latency - 1}, the beat on R one cycle later; write: B at {@code last W + latency});
 * beats move one per cycle, throttled by the debt counter in sixteenths of a cycle (every beat adds
 * the beat gap, a cycle with 16 or more owed is idle and pays 16). The debt survives between
 * instructions: {@link #idleUntil} pays it down over the cycles nothing happened.
 */
final class DdrChannelSim {
    private record Burst(long due, int len) {}

    private final MemoryTiming m;
    private final boolean read;
    private final CycleFifo<Burst> bursts;
    private final CycleFifo<Long> responses;
    private int inflight, beat, debt;
    private boolean holding, last;
    private long now;

    DdrChannelSim(MemoryTiming m, boolean read) {
        this.m = m;
        this.read = read;
        bursts = new CycleFifo<>(MemoryTiming.DDR_QUEUE_DEPTH, false);
        responses = new CycleFifo<>(MemoryTiming.DDR_QUEUE_DEPTH, false);
    }

    private DdrChannelSim(DdrChannelSim o) {
        m = o.m;
        read = o.read;
        bursts = o.bursts.copy();
        responses = o.responses.copy();
        inflight = o.inflight;
        beat = o.beat;
        debt = o.debt;
        holding = o.holding;
        last = o.last;
        now = o.now;
    }

    /** A copy in the same state, to look ahead without disturbing this one. */
    DdrChannelSim copy() {
        return new DdrChannelSim(this);
    }

    /** Moves an idle channel on to cycle {@code t}: the debt is paid one 16 per cycle. */
    void idleUntil(long t) {
        if (t < now) throw new IllegalStateException("channel time runs backwards: " + t + " < " + now);
        long pay = Math.min(t - now, debt / 16);
        debt -= (int) (16 * pay);
        now = t;
    }

    long now() {
        return now;
    }

    boolean requestReady() {
        return inflight < m.outstanding() && bursts.ready();
    }

    /** Read: a beat is on R. */
    boolean rValid() {
        return holding;
    }

    boolean rLast() {
        return last;
    }

    /** Write: W is accepted this cycle if valid. */
    boolean wReady() {
        return bursts.valid() && responses.ready() && debt < 16;
    }

    /** Write: B is offered this cycle. */
    boolean bValid() {
        return responses.valid() && now >= responses.head();
    }

    /**
     * Ends a read channel's cycle.
     *
     * @param arFire a burst of {@code arLen + 1} beats is accepted
     * @param rReady the master takes the beat on R, if any
     */
    void stepRead(boolean arFire, int arBeats, boolean rReady) {
        boolean rFire = holding && rReady;
        Burst head = bursts.head();
        boolean fetch = bursts.valid() && now >= head.due() && debt < 16 && (!holding || rFire);
        boolean lastBeat = fetch && beat == head.len() - 1;
        boolean done = rFire && last;
        if (fetch) {
            last = lastBeat;
            beat = lastBeat ? 0 : beat + 1;
        }
        if (debt >= 16) debt -= 16;
        else if (fetch) debt += m.beatGap16();
        if (fetch) holding = true;
        else if (rFire) holding = false;
        inflight += (arFire ? 1 : 0) - (done ? 1 : 0);
        bursts.step(arFire ? new Burst(now + m.readLatency() - 1, arBeats) : null, lastBeat);
        now++;
    }

    /**
     * Ends the write channel's cycle.
     *
     * @param awFire a burst of {@code awBeats} beats is accepted
     * @param wValid the master offers a W beat
     */
    void stepWrite(boolean awFire, int awBeats, boolean wValid) {
        boolean wFire = wValid && wReady();
        boolean bFire = bValid();
        Burst head = bursts.head();
        boolean lastBeat = wFire && beat == head.len() - 1;
        if (wFire) beat = lastBeat ? 0 : beat + 1;
        if (debt >= 16) debt -= 16;
        else if (wFire) debt += m.beatGap16();
        inflight += (awFire ? 1 : 0) - (bFire ? 1 : 0);
        responses.step(lastBeat ? now + m.writeLatency() : null, bFire);
        bursts.step(awFire ? new Burst(0, awBeats) : null, lastBeat);
        now++;
    }

    boolean isRead() {
        return read;
    }
}
