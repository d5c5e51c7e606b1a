package org.jdpu.rtl.net;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongPredicate;

/**
 * A cycle-level AXI4 slave over a byte array, driving the {@code m_axi_*} ports of a Verilated
 * master and checking the master's side of the protocol as it goes: payload held while valid and
 * not ready, legal len/size/burst, aligned full-width beats, no burst across 4 KiB, no more bursts
 * in flight than allowed, W only for an accepted AW, WLAST exactly on a burst's final beat.
 * Ready and valid of the slave side are random (seeded); responses come back after a latency.
 *
 * <p>Per cycle: {@link #drive()} before {@code eval}, {@link #sample()} after it, {@link #commit()}
 * after the clock edge.
 */
final class AxiSlave {
    /** Back-pressure and latency; an error predicate marks beat addresses answered with SLVERR. */
    record Timing(int readLatency, double readyProbability, double validProbability) {
        static final Timing FULL_RATE = new Timing(4, 1.0, 1.0);
    }

    final byte[] mem;
    final long memBase;
    private final AxiConfig axi;
    private final Random rnd;
    private final Timing timing;
    private final int beat;
    LongPredicate readError = a -> false;
    LongPredicate writeError = a -> false;

    private final Port arValid, arReady, arAddr, arLen, arSize, arBurst, arId;
    private final Port rValid, rReady, rData, rResp, rLast, rId;
    private final Port awValid, awReady, awAddr, awLen, awSize, awBurst, awId;
    private final Port wValid, wReady, wData, wStrb, wLast;
    private final Port bValid, bReady, bResp, bId;

    private record Burst(long addr, int beats, long readyAt) {}

    private final ArrayDeque<Burst> reads = new ArrayDeque<>();
    private int readBeat;
    private boolean rPresenting;
    private final ArrayDeque<Burst> writes = new ArrayDeque<>();
    private int writeBeat;
    private boolean writeFailed;
    private final ArrayDeque<long[]> responses = new ArrayDeque<>();   // {readyAt, resp}
    private boolean bPresenting;
    private int writesAwaitingB;
    private long cycle;
    private final Simulator sim;

    // Sampled this cycle.
    private boolean arFire, rFire, awFire, wFire, bFire;
    private long[] arHeld, awHeld;
    private byte[] wHeldData;
    private long wHeldStrb = -1;
    private boolean wHeldLast;
    private final List<String> errors = new ArrayList<>();

    long readBeats, writeBeats, readBursts, writeBursts;
    /** The cycle of every accepted W beat that carried at least one strobe. */
    final List<Long> strobeCycles = new ArrayList<>();

    AxiSlave(Simulator sim, AxiConfig axi, byte[] mem, long memBase, Random rnd, Timing timing) {
        this.sim = sim;
        this.mem = mem;
        this.memBase = memBase;
        this.axi = axi;
        this.rnd = rnd;
        this.timing = timing;
        this.beat = axi.dataBytes();
        arValid = sim.port("m_axi_arvalid"); arReady = sim.port("m_axi_arready"); arAddr = sim.port("m_axi_araddr");
        arLen = sim.port("m_axi_arlen"); arSize = sim.port("m_axi_arsize"); arBurst = sim.port("m_axi_arburst");
        arId = sim.port("m_axi_arid");
        rValid = sim.port("m_axi_rvalid"); rReady = sim.port("m_axi_rready"); rData = sim.port("m_axi_rdata");
        rResp = sim.port("m_axi_rresp"); rLast = sim.port("m_axi_rlast"); rId = sim.port("m_axi_rid");
        awValid = sim.port("m_axi_awvalid"); awReady = sim.port("m_axi_awready"); awAddr = sim.port("m_axi_awaddr");
        awLen = sim.port("m_axi_awlen"); awSize = sim.port("m_axi_awsize"); awBurst = sim.port("m_axi_awburst");
        awId = sim.port("m_axi_awid");
        wValid = sim.port("m_axi_wvalid"); wReady = sim.port("m_axi_wready"); wData = sim.port("m_axi_wdata");
        wStrb = sim.port("m_axi_wstrb"); wLast = sim.port("m_axi_wlast");
        bValid = sim.port("m_axi_bvalid"); bReady = sim.port("m_axi_bready"); bResp = sim.port("m_axi_bresp");
        bId = sim.port("m_axi_bid");
        rId.set(0);
        bId.set(0);
    }

    private boolean chance(double p) {
        return p >= 1.0 || rnd.nextDouble() < p;
    }

    /** Sets the slave's outputs for this cycle. */
    void drive() {
        cycle = sim.cycle();
        arReady.set(chance(timing.readyProbability()) ? 1 : 0);
        awReady.set(chance(timing.readyProbability()) ? 1 : 0);
        wReady.set(chance(timing.readyProbability()) ? 1 : 0);
        if (!rPresenting && !reads.isEmpty() && reads.peek().readyAt() <= cycle && chance(timing.validProbability())) {
            rPresenting = true;
        }
        if (rPresenting) {
            Burst b = reads.peek();
            long addr = b.addr() + (long) readBeat * beat;
            byte[] data = new byte[beat];
            boolean error = readError.test(addr);
            for (int i = 0; i < beat; i++) data[i] = byteAt(addr + i);
            rData.setBytes(data);
            rResp.set(error ? 2 : 0);
            rLast.set(readBeat == b.beats() - 1 ? 1 : 0);
        }
        rValid.set(rPresenting ? 1 : 0);
        if (!bPresenting && !responses.isEmpty() && responses.peek()[0] <= cycle && chance(timing.validProbability())) {
            bPresenting = true;
        }
        bValid.set(bPresenting ? 1 : 0);
        bResp.set(bPresenting ? responses.peek()[1] : 0);
    }

    /** Reads the master's outputs after eval, checks them and notes the handshakes. */
    void sample() {
        long[] ar = {arAddr.get(), arLen.get(), arSize.get(), arBurst.get(), arId.get()};
        long[] aw = {awAddr.get(), awLen.get(), awSize.get(), awBurst.get(), awId.get()};
        boolean arv = arValid.get() != 0, awv = awValid.get() != 0, wv = wValid.get() != 0;
        if (arHeld != null) {
            if (!arv || !Arrays.equals(arHeld, ar)) error("AR changed or dropped before it was accepted");
        }
        if (awHeld != null) {
            if (!awv || !Arrays.equals(awHeld, aw)) error("AW changed or dropped before it was accepted");
        }
        byte[] wd = wv ? wData.getBytes() : null;
        long ws = wStrb.get();
        boolean wl = wLast.get() != 0;
        if (wHeldData != null) {
            if (!wv || !Arrays.equals(wHeldData, wd) || wHeldStrb != ws || wHeldLast != wl) {
                error("W changed or dropped before it was accepted");
            }
        }
        arFire = arv && arReady.get() != 0;
        awFire = awv && awReady.get() != 0;
        wFire = wv && wReady.get() != 0;
        rFire = rPresenting && rReady.get() != 0;
        bFire = bPresenting && bReady.get() != 0;
        arHeld = arv && !arFire ? ar : null;
        awHeld = awv && !awFire ? aw : null;
        wHeldData = wv && !wFire ? wd : null;
        wHeldStrb = ws;
        wHeldLast = wl;
        if (arFire) {
            checkAddress("AR", ar);
            if (reads.size() >= axi.outstanding()) error("more than " + axi.outstanding() + " read bursts in flight");
            reads.add(new Burst(ar[0], (int) ar[1] + 1, cycle + timing.readLatency()));
            readBursts++;
        }
        if (awFire) {
            checkAddress("AW", aw);
            writes.add(new Burst(aw[0], (int) aw[1] + 1, 0));
            writesAwaitingB++;
            if (writesAwaitingB > axi.outstanding()) error("more than " + axi.outstanding() + " write bursts awaiting B");
            writeBursts++;
        }
        if (wFire) acceptWrite(wd, ws, wl);
    }

    private void acceptWrite(byte[] data, long strb, boolean last) {
        Burst b = writes.peek();
        if (b == null) {
            error("W beat without an accepted AW");
            return;
        }
        long addr = b.addr() + (long) writeBeat * beat;
        if (writeError.test(addr)) writeFailed = true;
        if (strb != 0) strobeCycles.add(cycle);
        for (int i = 0; i < beat; i++) {
            if ((strb >>> i & 1) != 0) setByte(addr + i, data[i]);
        }
        writeBeats++;
        boolean finalBeat = writeBeat == b.beats() - 1;
        if (last != finalBeat) error("WLAST " + last + " on beat " + writeBeat + " of a " + b.beats() + "-beat burst");
        if (finalBeat) {
            writes.poll();
            writeBeat = 0;
            responses.add(new long[] {cycle + 2, writeFailed ? 2 : 0});
            writeFailed = false;
        } else {
            writeBeat++;
        }
    }

    private void checkAddress(String ch, long[] a) {
        long addr = a[0];
        int beats = (int) a[1] + 1;
        if (beats > axi.burstBeats()) error(ch + " burst of " + beats + " beats, more than " + axi.burstBeats());
        if (a[2] != Integer.numberOfTrailingZeros(beat)) error(ch + " size " + a[2] + " is not full width");
        if (a[3] != 1) error(ch + " burst type " + a[3] + " is not INCR");
        if (a[4] != 0) error(ch + " id " + a[4]);
        if (addr % beat != 0) error(ch + " address " + Long.toHexString(addr) + " not beat aligned");
        if ((addr & 4095) + (long) beats * beat > 4096) error(ch + " burst at " + Long.toHexString(addr) + " crosses 4 KiB");
        if (addr < memBase || addr + (long) beats * beat > memBase + mem.length) {
            error(ch + " burst at " + Long.toHexString(addr) + " outside the memory");
        }
    }

    /** Advances the slave's state over the clock edge. */
    void commit() {
        if (rFire) {
            readBeats++;
            Burst b = reads.peek();
            rPresenting = false;
            if (readBeat == b.beats() - 1) {
                reads.poll();
                readBeat = 0;
            } else {
                readBeat++;
            }
        }
        if (bFire) {
            responses.poll();
            bPresenting = false;
            writesAwaitingB--;
        }
    }

    /** The slave's queues, for a failure message. */
    String state() {
        return "reads " + reads.size() + " writes " + writes.size() + " (beat " + writeBeat + ") responses "
                + responses.size() + " r/b presenting " + rPresenting + "/" + bPresenting;
    }

    /** Whether every burst has been answered completely. */
    boolean quiet() {
        return reads.isEmpty() && writes.isEmpty() && responses.isEmpty() && !rPresenting && !bPresenting;
    }

    private byte byteAt(long addr) {
        long i = addr - memBase;
        return i >= 0 && i < mem.length ? mem[(int) i] : 0;
    }

    private void setByte(long addr, byte v) {
        long i = addr - memBase;
        if (i >= 0 && i < mem.length) mem[(int) i] = v;
        else error("write outside the memory at " + Long.toHexString(addr));
    }

    private void error(String message) {
        if (errors.size() < 20) errors.add("cycle " + cycle + ": " + message);
    }

    List<String> errors() {
        return errors;
    }
}
