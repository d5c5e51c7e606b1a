package org.jdpu.arch.model;

import org.jdpu.arch.isa.AxiConfig;


/**
 * The LOAD DMA engine ({@code org.jdpu.rtl.net.LoadEngine}) with the DDR's data read channel,
 * cycle by cycle, over a stream of commands without faults: walker, element register and burst
 * former (runs sealed at a command's last element, bursts cut early while none is in flight), AR
 * register, the beat FIFO (4 registers), the element FIFO (a memory) and the assembler, each
 * register updated as the hardware does. Only what decides timing is kept (beat numbers, beat
 * counts), no data.
 *
 * <p>The engine takes a command while idle, or while busy in the cycle its walker passes on the
 * previous command's last element or later (a command without elements only while idle). Each
 * command's done pulses two cycles after its last element left the assembler (for one without
 * elements, two cycles after acceptance). A command's done does not depend on the commands
 * after it, so {@link #doneCycle} looks ahead on a copy.
 */
final class LoadEngineSim {
    private record Element(int count, boolean shares, boolean last) {}

    private static final Transfer NONE = new Transfer(0, 0, 0, 0, 0, 0, 1);

    private final AxiConfig a;
    private final int beatBytes, lb, burst, beatsPerPage;
    private final DdrChannelSim ddr;
    private final CycleFifo<Element> elemFifo;
    private final CycleFifo<Boolean> beatFifo;
    private final DoneLog dones;
    private Transfer cur = NONE;
    private Walker w = new Walker(NONE);
    private boolean active, elemValid, arValid, havePrev, sealed, emptyCommand;
    private long eStart, eEnd, runStart, runEnd, prevLast, now;
    private int eNew, runLen, arBeats, inFlight, have, elemsInFlight;
    private Element eDesc;
    private long accepted;

    LoadEngineSim(AxiConfig a, DdrChannelSim ddr) {
        this.a = a;
        this.ddr = ddr;
        beatBytes = a.dataBytes();
        lb = Integer.numberOfTrailingZeros(beatBytes);
        burst = a.burstBeats();
        beatsPerPage = 4096 / beatBytes;
        int elemDepth = Math.min(512, Math.max(64, a.outstanding() * burst));
        elemFifo = CycleFifo.byDepth(elemDepth);
        beatFifo = new CycleFifo<>(4, false);
        dones = new DoneLog();
        now = ddr.now();
    }

    private LoadEngineSim(LoadEngineSim o) {
        a = o.a;
        beatBytes = o.beatBytes;
        lb = o.lb;
        burst = o.burst;
        beatsPerPage = o.beatsPerPage;
        ddr = o.ddr.copy();
        elemFifo = o.elemFifo.copy();
        beatFifo = o.beatFifo.copy();
        dones = o.dones.continuation();
        cur = o.cur;
        w = o.w.copy();
        active = o.active;
        elemValid = o.elemValid;
        arValid = o.arValid;
        havePrev = o.havePrev;
        sealed = o.sealed;
        emptyCommand = o.emptyCommand;
        eStart = o.eStart;
        eEnd = o.eEnd;
        runStart = o.runStart;
        runEnd = o.runEnd;
        prevLast = o.prevLast;
        now = o.now;
        eNew = o.eNew;
        runLen = o.runLen;
        arBeats = o.arBeats;
        inFlight = o.inFlight;
        have = o.have;
        elemsInFlight = o.elemsInFlight;
        eDesc = o.eDesc;
        accepted = o.accepted;
    }

    /**
     * Accepts {@code t} in the first cycle at or after {@code from} in which the engine takes it;
     * returns that cycle. Commands must come in order, {@code from} not before the previous
     * acceptance.
     */
    long accept(long from, Transfer t) {
        while (now < from) {
            if (!active && !emptyCommand) {
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
        LoadEngineSim ahead = new LoadEngineSim(this);
        while (ahead.dones.count() <= n) ahead.cycle(null);
        return ahead.dones.get(n);
    }

    /** One cycle; {@code offer} is the command presented (or null). Returns whether it was taken. */
    private boolean cycle(Transfer offer) {
        // ---- combinational, from the registers of this cycle
        boolean empty = !w.active && !elemValid && runLen == 0 && !arValid && inFlight == 0 && elemsInFlight == 0
                && !beatFifo.valid();
        long address = cur.base() + w.off;
        int byteOff = (int) (address & (beatBytes - 1));
        long firstBeat = address >>> lb;
        int spanM1 = (byteOff + cur.elementBytes() - 1) >>> lb;
        int cnt = spanM1 + 1;
        long lastBeat = firstBeat + spanM1;
        boolean shares = havePrev && firstBeat == prevLast;

        long toPage = beatsPerPage - (runStart & (beatsPerPage - 1));
        int limit = (int) Math.min(toPage, burst);
        int chunk = Math.min(runLen, limit);
        boolean arReady = ddr.requestReady();
        boolean arFree = !arValid || arReady;
        boolean canCarve = arFree && runLen != 0 && inFlight < a.outstanding();
        boolean fullCut = canCarve && runLen >= limit;
        boolean roomAfterCut = (fullCut ? runLen - chunk : runLen) < burst;
        boolean offered = elemValid && elemFifo.ready();
        boolean continues = eNew == 0 || runLen == 0 || (eStart == runEnd && !sealed);
        boolean join = offered && continues && roomAfterCut;
        boolean carve = fullCut || (canCarve && (!join || inFlight == 0));
        boolean fresh = offered && !continues && carve && runLen <= limit;
        boolean absorb = join || fresh;
        boolean advance = w.active && (!elemValid || absorb);

        boolean rReady = beatFifo.ready();
        boolean rFire = ddr.rValid() && rReady;
        boolean burstEnd = rFire && ddr.rLast();

        boolean eReady = elemFifo.valid();
        Element d = elemFifo.head();
        int needNew = eReady ? d.count() - (d.shares() ? 1 : 0) : 0;
        boolean pop = eReady && have < needNew && beatFifo.valid();
        int haveNext = have + (pop ? 1 : 0);
        boolean emit = eReady && haveNext == needNew;
        boolean grow = absorb && eNew != 0;

        boolean hasElements = offer != null && offer.n0() != 0 && offer.n1() != 0;
        boolean walkerFree = !w.active || (w.last() && advance);
        boolean take = offer != null && (!active || (walkerFree && hasElements));
        boolean finish = active && empty;

        // ---- the clock edge
        boolean arFire = arValid && arReady;
        ddr.stepRead(arFire, arBeats, rReady);
        elemFifo.step(absorb ? eDesc : null, emit);
        beatFifo.step(rFire ? Boolean.TRUE : null, pop);
        int runAfterCut = runLen - (carve ? chunk : 0);
        if (grow && (runLen == 0 || fresh)) runStart = eStart;
        else if (carve) runStart = runStart + chunk;
        if (grow) runEnd = eEnd;
        runLen = runAfterCut + (grow ? eNew : 0);
        if (absorb) sealed = eDesc.last();
        else if (runAfterCut == 0) sealed = false;
        if (carve) {
            arValid = true;
            arBeats = chunk;
        } else if (arReady) {
            arValid = false;
        }
        inFlight += (carve ? 1 : 0) - (burstEnd ? 1 : 0);
        elemsInFlight += (absorb ? 1 : 0) - (eReady && emit ? 1 : 0);
        have = emit ? 0 : haveNext;
        if (emit && d.last()) dones.add(now + 2);
        if (emptyCommand) dones.add(now + 1);
        emptyCommand = take && !active && !hasElements;
        if (advance) {
            prevLast = lastBeat;
            elemValid = true;
            eStart = shares ? firstBeat + 1 : firstBeat;
            eEnd = lastBeat + 1;
            eNew = cnt - (shares ? 1 : 0);
            eDesc = new Element(cnt, shares, w.last());
            w.next();
        } else if (absorb) {
            elemValid = false;
        }
        havePrev = !take && (advance || havePrev);
        if (take) {
            cur = offer;
            w = new Walker(offer);
            accepted++;
            active = true;
        } else if (finish) {
            active = false;
        }
        now++;
        return take;
    }
}
