package org.jdpu.arch.model;

import org.jdpu.arch.isa.AxiConfig;

import java.util.ArrayDeque;

/**
 * The SAVE DMA engine ({@code org.jdpu.rtl.net.SaveEngine}) with the DDR's write channel, cycle by
 * cycle, over a stream of commands without faults: walker, the output-buffer read under its 4
 * credits, the element FIFO, the packer's open beat (merging elements that share a beat, sealed at
 * a command's last element), the burst closer's held beat (closing the burst at a sealed beat), the
 * W FIFO (a memory) and AW FIFO, the AW and W registers (W only for bursts whose AW was taken), at
 * most {@code outstanding} bursts awaiting B, and which of them ends its command. Only beat numbers
 * are kept, no data.
 *
 * <p>The engine takes a command while idle, or while busy in the cycle its walker passes on the
 * previous command's last element or later (a command without elements only while idle). Each
 * command's done pulses two cycles after the B response of its last burst (for one without
 * elements, two cycles after acceptance). A command's done does not depend on the commands after
 * it, so {@link #doneCycle} looks ahead on a copy.
 */
final class SaveEngineSim {
    private record Info(long first, int count, boolean last) {}

    private record Aw(int beats, boolean last) {}

    private static final int READ_CREDITS = 4;
    private static final Transfer NONE = new Transfer(0, 0, 0, 0, 0, 0, 1);

    private final AxiConfig a;
    private final int beatBytes, lb, burst, beatsPerPage;
    private final DdrChannelSim ddr;
    private final CycleFifo<Info> elemFifo;
    private final CycleFifo<Boolean> wFifo;
    private final CycleFifo<Aw> awFifo;
    private final ArrayDeque<Boolean> lastBursts;
    private final DoneLog dones;
    private Transfer cur = NONE;
    private Walker w = new Walker(NONE);
    private boolean active, emptyCommand, elemValid, readQ, openValid, openSealed, pendValid, pendSealed;
    private boolean awValid, awLast, wValid;
    private Info eInfo, infoQ;
    private int credits = READ_CREDITS, j, burstCount, awBeats, awaitingB, wAllowed;
    private long openAddr, pendAddr, now, accepted;

    SaveEngineSim(AxiConfig a, DdrChannelSim ddr) {
        this.a = a;
        this.ddr = ddr;
        beatBytes = a.dataBytes();
        lb = Integer.numberOfTrailingZeros(beatBytes);
        burst = a.burstBeats();
        beatsPerPage = 4096 / beatBytes;
        elemFifo = new CycleFifo<>(READ_CREDITS, false);
        wFifo = CycleFifo.byDepth(Math.max(4, 2 * burst));
        awFifo = new CycleFifo<>(4, false);
        lastBursts = new ArrayDeque<>();
        dones = new DoneLog();
        now = ddr.now();
    }

    private SaveEngineSim(SaveEngineSim o) {
        a = o.a;
        beatBytes = o.beatBytes;
        lb = o.lb;
        burst = o.burst;
        beatsPerPage = o.beatsPerPage;
        ddr = o.ddr.copy();
        elemFifo = o.elemFifo.copy();
        wFifo = o.wFifo.copy();
        awFifo = o.awFifo.copy();
        lastBursts = new ArrayDeque<>(o.lastBursts);
        dones = o.dones.continuation();
        cur = o.cur;
        w = o.w.copy();
        active = o.active;
        emptyCommand = o.emptyCommand;
        elemValid = o.elemValid;
        readQ = o.readQ;
        openValid = o.openValid;
        openSealed = o.openSealed;
        pendValid = o.pendValid;
        pendSealed = o.pendSealed;
        awValid = o.awValid;
        awLast = o.awLast;
        wValid = o.wValid;
        eInfo = o.eInfo;
        infoQ = o.infoQ;
        credits = o.credits;
        j = o.j;
        burstCount = o.burstCount;
        awBeats = o.awBeats;
        awaitingB = o.awaitingB;
        wAllowed = o.wAllowed;
        openAddr = o.openAddr;
        pendAddr = o.pendAddr;
        now = o.now;
        accepted = o.accepted;
    }

    /**
     * Accepts {@code t} in the first cycle at or after {@code from} in which the engine takes it;
     * returns that cycle. Commands must come in order, {@code from} not before the previous
     * acceptance.
     */
    long accept(long from, Transfer t) {
        while (now < from) {
            if (!active) {
                ddr.idleUntil(from);
                now = from;
            } else {
                cycle(null);
            }
        }
        while (true) {
            long c = now;
            if (cycle(t)) return c;
        }
    }

    /** The cycle command {@code n} (0 for the first accepted) pulses done; it must have been accepted. */
    long doneCycle(int n) {
        if (n >= accepted) throw new IllegalArgumentException("command " + n + " was not accepted");
        if (dones.has(n)) return dones.get(n);
        SaveEngineSim ahead = new SaveEngineSim(this);
        while (ahead.dones.count() <= n) ahead.cycle(null);
        return ahead.dones.get(n);
    }

    /** One cycle; {@code offer} is the command presented (or null). Returns whether it was taken. */
    private boolean cycle(Transfer offer) {
        // ---- combinational, from the registers of this cycle
        boolean upstreamIdle = !w.active && !elemValid && credits == READ_CREDITS;
        boolean empty = upstreamIdle && !elemFifo.valid() && !openValid && !pendValid && wFifo.size() == 0
                && awFifo.size() == 0 && !awValid && !wValid && awaitingB == 0 && wAllowed == 0;
        // walker and read stage
        long address = cur.base() + w.off;
        int byteOff = (int) (address & (beatBytes - 1));
        Info info = new Info(address >>> lb, ((byteOff + cur.elementBytes() - 1) >>> lb) + 1, w.last());
        boolean readFire = elemValid && credits != 0;
        boolean advance = w.active && (!elemValid || readFire);

        // packer
        boolean canPush = wFifo.ready() && awFifo.ready();
        boolean closerReady = !pendValid || canPush;
        boolean eReady = elemFifo.valid();
        Info d = elemFifo.head();
        boolean merge = eReady && j == 0 && openValid && !openSealed && openAddr == d.first();
        boolean emitValid = false, elemDone = false;
        boolean nextOpenValid = openValid, nextOpenSealed = openSealed;
        long nextOpenAddr = openAddr;
        int nextJ = j;
        if (merge && d.count() == 1) {
            elemDone = true;
            nextOpenSealed = d.last();
        } else if (merge) {
            emitValid = true;
            if (closerReady) {
                nextOpenAddr = d.first() + 1;
                if (d.count() == 2) {
                    elemDone = true;
                    nextOpenSealed = d.last();
                    nextJ = 0;
                } else {
                    nextJ = 2;
                }
            }
        } else if (eReady) {
            emitValid = openValid;
            if (!openValid || closerReady) {
                nextOpenValid = true;
                nextOpenAddr = d.first() + j;
                if (j + 1 == d.count()) {
                    elemDone = true;
                    nextOpenSealed = d.last();
                    nextJ = 0;
                } else {
                    nextOpenSealed = false;
                    nextJ = j + 1;
                }
            }
        } else if (openValid && (upstreamIdle || openSealed)) {
            emitValid = true;
            if (closerReady) {
                nextOpenValid = false;
                nextOpenSealed = false;
            }
        }
        long emitAddr = openAddr;
        boolean emitSealed = openSealed;

        // burst closer
        boolean emitted = emitValid && closerReady;
        boolean packerIdle = !elemFifo.valid() && !openValid && upstreamIdle;
        boolean flushPend = !emitValid && pendValid && packerIdle;
        boolean pushNow = pendValid && canPush && (emitValid || flushPend || pendSealed);
        boolean pageEnd = (pendAddr & (beatsPerPage - 1)) == beatsPerPage - 1;
        boolean lastBeat = flushPend || pendSealed || burstCount == burst - 1 || pageEnd || emitAddr != pendAddr + 1;
        boolean closes = pushNow && lastBeat;

        // AW, W, B
        boolean awReady = ddr.requestReady();
        boolean awFire = awValid && awReady;
        boolean awLoad = (!awValid || awReady) && awFifo.valid() && awaitingB < a.outstanding();
        boolean wReady = ddr.wReady();
        boolean wLoad = (!wValid || wReady) && wFifo.valid() && wAllowed != 0;
        boolean wqLast = wLoad && wFifo.head();
        boolean bFire = ddr.bValid();

        boolean hasElements = offer != null && offer.n0() != 0 && offer.n1() != 0;
        boolean walkerFree = !w.active || (w.last() && advance);
        boolean take = offer != null && (!active || (walkerFree && hasElements));
        boolean finish = active && empty;

        // ---- the clock edge
        ddr.stepWrite(awFire, awBeats, wValid);
        Aw awHead = awFifo.head();
        awFifo.step(closes ? new Aw(burstCount + 1, pendSealed) : null, awLoad);
        wFifo.step(pushNow ? Boolean.valueOf(lastBeat) : null, wLoad);
        if (awLoad) {
            awValid = true;
            awBeats = awHead.beats();
            awLast = awHead.last();
            lastBursts.addLast(awLast);
        } else if (awFire) {
            awValid = false;
        }
        if (bFire) {
            if (lastBursts.pollFirst()) dones.add(now + 2);
        }
        if (finish && emptyCommand) dones.add(now + 1);
        awaitingB += (awLoad ? 1 : 0) - (bFire ? 1 : 0);
        if (wLoad) wValid = true;
        else if (wReady) wValid = false;
        wAllowed += (awFire ? 1 : 0) - (wqLast ? 1 : 0);
        if (closes) burstCount = 0;
        else if (pushNow) burstCount++;
        if (emitted) {
            pendValid = true;
            pendSealed = emitSealed;
            pendAddr = emitAddr;
        } else if (pushNow) {
            pendValid = false;
            pendSealed = false;
        }
        boolean elemPop = eReady && elemDone;
        elemFifo.step(readQ ? infoQ : null, elemPop);
        openValid = nextOpenValid;
        openSealed = nextOpenSealed;
        openAddr = nextOpenAddr;
        j = nextJ;
        credits += (elemPop ? 1 : 0) - (readFire ? 1 : 0);
        if (take && !active) credits = READ_CREDITS;
        readQ = readFire;
        infoQ = eInfo;
        if (advance) {
            elemValid = true;
            eInfo = info;
            w.next();
        } else if (readFire) {
            elemValid = false;
        }
        if (take) {
            cur = offer;
            w = new Walker(offer);
            emptyCommand = !hasElements;
            accepted++;
            active = true;
        } else if (finish) {
            active = false;
        }
        now++;
        return take;
    }
}
