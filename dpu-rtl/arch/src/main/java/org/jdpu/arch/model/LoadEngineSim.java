package org.jdpu.arch.model;

import org.jdpu.arch.isa.AxiConfig;

/**
 * The LOAD DMA engine ({@code org.jdpu.rtl.net.LoadEngine}) with the DDR's data read channel,
 * cycle by cycle, for one command without faults: walker, element register and burst former,
 * AR register, the beat FIFO (4 registers), the element FIFO (a memory) and the assembler, each
 * register updated as the hardware does. Only what decides timing is kept (beat numbers, beat
 * counts), no data.
 */
final class LoadEngineSim {
    private record Element(int count, boolean shares) {}

    private LoadEngineSim() {}

    /**
     * Cycles from the command's acceptance (cycle 0) to the first cycle the engine is empty (its
     * done pulse follows one cycle later). The channel must be at the acceptance cycle; it is left
     * at the cycle the engine is empty.
     */
    static long run(Transfer t, AxiConfig a, DdrChannelSim ddr) {
        int beatBytes = a.dataBytes(), lb = Integer.numberOfTrailingZeros(beatBytes);
        int burst = a.burstBeats();
        int beatsPerPage = 4096 / beatBytes;
        int elemDepth = Math.min(512, Math.max(64, a.outstanding() * burst));
        CycleFifo<Element> elemFifo = CycleFifo.byDepth(elemDepth);
        CycleFifo<Boolean> beatFifo = new CycleFifo<>(4, false);
        Walker w = new Walker(t);
        boolean elemValid = false;
        long eStart = 0, eEnd = 0;
        int eNew = 0;
        Element eDesc = null;
        long runStart = 0, runEnd = 0;
        int runLen = 0;
        boolean arValid = false;
        int arBeats = 0;
        int inFlight = 0, have = 0, elemsInFlight = 0;
        long prevLast = 0;
        boolean havePrev = false;
        ddr.stepRead(false, 0, false); // the acceptance cycle: the walker latches the command
        for (long cycle = 1; ; cycle++) {
            // ---- combinational, from the registers of this cycle
            boolean empty = !w.active && !elemValid && runLen == 0 && !arValid && inFlight == 0 && elemsInFlight == 0
                    && !beatFifo.valid();
            if (empty) return cycle;
            long address = t.base() + w.off;
            int byteOff = (int) (address & (beatBytes - 1));
            long firstBeat = address >>> lb;
            int spanM1 = (byteOff + t.elementBytes() - 1) >>> lb;
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
            boolean continues = eNew == 0 || runLen == 0 || eStart == runEnd;
            boolean join = offered && continues && roomAfterCut;
            boolean carve = fullCut || (canCarve && !join);
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

            // ---- the clock edge
            boolean arFire = arValid && arReady;
            ddr.stepRead(arFire, arBeats, rReady);
            elemFifo.step(absorb ? eDesc : null, emit);
            beatFifo.step(rFire ? Boolean.TRUE : null, pop);
            int nextRunLen = runLen - (carve ? chunk : 0) + (grow ? eNew : 0);
            if (grow && (runLen == 0 || fresh)) runStart = eStart;
            else if (carve) runStart = runStart + chunk;
            if (grow) runEnd = eEnd;
            runLen = nextRunLen;
            if (carve) {
                arValid = true;
                arBeats = chunk;
            } else if (arReady) {
                arValid = false;
            }
            inFlight += (carve ? 1 : 0) - (burstEnd ? 1 : 0);
            elemsInFlight += (absorb ? 1 : 0) - (eReady && emit ? 1 : 0);
            have = emit ? 0 : haveNext;
            if (advance) {
                havePrev = true;
                prevLast = lastBeat;
                elemValid = true;
                eStart = shares ? firstBeat + 1 : firstBeat;
                eEnd = lastBeat + 1;
                eNew = cnt - (shares ? 1 : 0);
                eDesc = new Element(cnt, shares);
                w.next();
            } else if (absorb) {
                elemValid = false;
            }
        }
    }
}
