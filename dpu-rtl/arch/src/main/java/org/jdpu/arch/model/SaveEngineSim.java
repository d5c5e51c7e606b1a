package org.jdpu.arch.model;

import org.jdpu.arch.isa.AxiConfig;

/**
 * The SAVE DMA engine ({@code org.jdpu.rtl.net.SaveEngine}) with the DDR's write channel, cycle by
 * cycle, for one command without faults: walker, the output-buffer read under its 4 credits, the
 * element FIFO, the packer's open beat (merging elements that share a beat), the burst closer's
 * held beat, the W FIFO (a memory) and AW FIFO, the AW and W registers (W only for bursts whose AW
 * was taken), at most {@code outstanding} bursts awaiting B. Only beat numbers are kept, no data.
 */
final class SaveEngineSim {
    private record Info(long first, int count) {}

    private record Aw(int beats) {}

    private static final int READ_CREDITS = 4;

    private SaveEngineSim() {}

    /**
     * Cycles from the command's acceptance (cycle 0) to the first cycle the engine is empty (every
     * B taken; its done pulse follows one cycle later). The write channel must be at the
     * acceptance cycle; it is left at the cycle the engine is empty.
     */
    static long run(Transfer t, AxiConfig a, DdrChannelSim ddr) {
        int beatBytes = a.dataBytes(), lb = Integer.numberOfTrailingZeros(beatBytes);
        int burst = a.burstBeats();
        int beatsPerPage = 4096 / beatBytes;
        CycleFifo<Info> elemFifo = new CycleFifo<>(READ_CREDITS, false);
        CycleFifo<Boolean> wFifo = CycleFifo.byDepth(Math.max(4, 2 * burst));
        CycleFifo<Aw> awFifo = new CycleFifo<>(4, false);
        Walker w = new Walker(t);
        boolean elemValid = false, readQ = false;
        Info eInfo = null, infoQ = null;
        int credits = READ_CREDITS, j = 0;
        boolean openValid = false, pendValid = false;
        long openAddr = 0, pendAddr = 0;
        int burstCount = 0;
        boolean awValid = false, wValid = false;
        int awBeats = 0, awaitingB = 0, wAllowed = 0;
        ddr.stepWrite(false, 0, false); // the acceptance cycle
        for (long cycle = 1; ; cycle++) {
            boolean upstreamIdle = !w.active && !elemValid && credits == READ_CREDITS;
            boolean empty = upstreamIdle && !elemFifo.valid() && !openValid && !pendValid && wFifo.size() == 0
                    && awFifo.size() == 0 && !awValid && !wValid && awaitingB == 0 && wAllowed == 0;
            if (empty) return cycle;
            // ---- walker and read stage
            long address = t.base() + w.off;
            int byteOff = (int) (address & (beatBytes - 1));
            Info info = new Info(address >>> lb, ((byteOff + t.elementBytes() - 1) >>> lb) + 1);
            boolean readFire = elemValid && credits != 0;
            boolean advance = w.active && (!elemValid || readFire);

            // ---- packer
            boolean canPush = wFifo.ready() && awFifo.ready();
            boolean closerReady = !pendValid || canPush;
            boolean eReady = elemFifo.valid();
            Info d = elemFifo.head();
            boolean merge = eReady && j == 0 && openValid && openAddr == d.first();
            boolean emitValid = false, elemDone = false;
            boolean nextOpenValid = openValid;
            long nextOpenAddr = openAddr;
            int nextJ = j;
            if (merge && d.count() == 1) {
                elemDone = true;
            } else if (merge) {
                emitValid = true;
                if (closerReady) {
                    nextOpenAddr = d.first() + 1;
                    if (d.count() == 2) {
                        elemDone = true;
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
                        nextJ = 0;
                    } else {
                        nextJ = j + 1;
                    }
                }
            } else if (openValid && upstreamIdle) {
                emitValid = true;
                if (closerReady) nextOpenValid = false;
            }
            long emitAddr = openAddr;

            // ---- burst closer
            boolean emitted = emitValid && closerReady;
            boolean packerIdle = !elemFifo.valid() && !openValid && upstreamIdle;
            boolean flushPend = !emitValid && pendValid && packerIdle;
            boolean pushNow = pendValid && canPush && (emitValid || flushPend);
            boolean pageEnd = (pendAddr & (beatsPerPage - 1)) == beatsPerPage - 1;
            boolean lastBeat = flushPend || burstCount == burst - 1 || pageEnd || emitAddr != pendAddr + 1;
            boolean closes = pushNow && lastBeat;

            // ---- AW, W, B
            boolean awReady = ddr.requestReady();
            boolean awFire = awValid && awReady;
            boolean awLoad = (!awValid || awReady) && awFifo.valid() && awaitingB < a.outstanding();
            boolean wReady = ddr.wReady();
            boolean wLoad = (!wValid || wReady) && wFifo.valid() && wAllowed != 0;
            boolean wqLast = wLoad && wFifo.head();
            boolean bFire = ddr.bValid();

            // ---- the clock edge
            ddr.stepWrite(awFire, awBeats, wValid);
            Aw awHead = awFifo.head();
            awFifo.step(closes ? new Aw(burstCount + 1) : null, awLoad);
            wFifo.step(pushNow ? Boolean.valueOf(lastBeat) : null, wLoad);
            if (awLoad) {
                awValid = true;
                awBeats = awHead.beats();
            } else if (awFire) {
                awValid = false;
            }
            awaitingB += (awLoad ? 1 : 0) - (bFire ? 1 : 0);
            if (wLoad) wValid = true;
            else if (wReady) wValid = false;
            wAllowed += (awFire ? 1 : 0) - (wqLast ? 1 : 0);
            if (closes) burstCount = 0;
            else if (pushNow) burstCount++;
            if (emitted) {
                pendValid = true;
                pendAddr = emitAddr;
            } else if (pushNow) {
                pendValid = false;
            }
            boolean elemPop = eReady && elemDone;
            elemFifo.step(readQ ? infoQ : null, elemPop);
            openValid = nextOpenValid;
            openAddr = nextOpenAddr;
            j = nextJ;
            credits += (elemPop ? 1 : 0) - (readFire ? 1 : 0);
            readQ = readFire;
            infoQ = eInfo;
            if (advance) {
                elemValid = true;
                eInfo = info;
                w.next();
            } else if (readFire) {
                elemValid = false;
            }
        }
    }
}
