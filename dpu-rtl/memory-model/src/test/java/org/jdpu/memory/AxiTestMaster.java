package org.jdpu.memory;

import org.jdpu.hdl.lib.Axi4;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * A well-behaved AXI4 master in Java for one port of the DDR: it issues queued bursts (AR, AW then
 * W, keeping valid and payload until ready), applies random back-pressure on rready and bready and
 * random idle cycles before valids, and checks every R beat against a byte-array reference and
 * every response against what it expects. Reads and writes that overlap are never in flight at
 * the same time (across all masters sharing {@link Shared}), so the reference is exact: a read's
 * data are taken from it when its AR is issued, a write updates it at each W handshake.
 *
 * <p>Each cycle: {@link #drive} sets the inputs, the caller settles the model ({@code eval}),
 * {@link #sample} reads the handshakes, the caller steps the clock, {@link #commit} updates state.
 */
final class AxiTestMaster {
    /** The memory reference and the byte ranges in flight, shared by the masters of one DDR. */
    static final class Shared {
        final byte[] memory;
        final List<long[]> reads = new ArrayList<>(), writes = new ArrayList<>(); // {start, end}

        Shared(int sizeBytes) {
            memory = new byte[sizeBytes];
        }

        boolean overlaps(List<long[]> ranges, AxiBurst b) {
            for (long[] r : ranges) {
                if (b.start() < r[1] && r[0] < b.end()) {
                    return true;
                }
            }
            return false;
        }

        void remove(List<long[]> ranges, AxiBurst b) {
            for (int i = 0; i < ranges.size(); i++) {
                if (ranges.get(i)[0] == b.start() && ranges.get(i)[1] == b.end()) {
                    ranges.remove(i);
                    return;
                }
            }
            throw new IllegalStateException("burst not in flight");
        }
    }

    private record ReadInFlight(AxiBurst burst, byte[][] expected, int resp) {}

    private record WriteInFlight(AxiBurst burst, int resp) {}

    final AxiPins pins;
    private final Shared shared;
    private final int dataBytes;
    private final Random rnd;
    private final double readyChance, validChance;
    private final int maxOutstanding;
    /** Expected response of a burst (OKAY unless a test injects an error). */
    private final java.util.function.ToIntFunction<AxiBurst> respOf;

    final Deque<AxiBurst> todo = new ArrayDeque<>();
    private AxiBurst ar, aw;
    private final List<ReadInFlight> reads = new ArrayList<>();
    private final Deque<WriteInFlight> wQueue = new ArrayDeque<>();
    private final List<WriteInFlight> awaitingB = new ArrayList<>();
    private int wBeat, readsOut, writesOut;
    private final int[] rBeat = new int[2];
    private boolean arFire, awFire, wFire, rFire, bFire;
    private boolean rready, bready, wvalid;
    private long rid, rresp, rlast, bid, bresp;
    private byte[] rdata;

    final List<String> failures = new ArrayList<>();
    long beatsRead, beatsWritten, firstRBeatCycle = -1, lastRBeatCycle = -1;

    AxiTestMaster(AxiPins pins, Shared shared, int dataBytes, Random rnd, double readyChance, double validChance,
            int maxOutstanding, java.util.function.ToIntFunction<AxiBurst> respOf) {
        this.pins = pins;
        this.shared = shared;
        this.dataBytes = dataBytes;
        this.rnd = rnd;
        this.readyChance = readyChance;
        this.validChance = validChance;
        this.maxOutstanding = maxOutstanding;
        this.respOf = respOf;
    }

    boolean idle() {
        return todo.isEmpty() && ar == null && aw == null && reads.isEmpty() && wQueue.isEmpty() && awaitingB.isEmpty();
    }

    void drive() {
        AxiBurst next = todo.peek();
        if (next != null && ar == null && aw == null && rnd.nextDouble() < validChance) {
            if (!next.write() && readsOut < maxOutstanding && !shared.overlaps(shared.writes, next)) {
                ar = todo.poll();
                shared.reads.add(new long[] {ar.start(), ar.end()});
                reads.add(new ReadInFlight(ar, expectedRead(ar), respOf.applyAsInt(ar)));
                readsOut++;
            } else if (next.write() && writesOut < maxOutstanding && !shared.overlaps(shared.reads, next)
                    && !shared.overlaps(shared.writes, next)) {
                aw = todo.poll();
                shared.writes.add(new long[] {aw.start(), aw.end()});
                wQueue.add(new WriteInFlight(aw, respOf.applyAsInt(aw)));
                writesOut++;
            }
        }
        address(ar, pins.arid, pins.araddr, pins.arlen, pins.arsize, pins.arburst, pins.arvalid);
        address(aw, pins.awid, pins.awaddr, pins.awlen, pins.awsize, pins.awburst, pins.awvalid);
        WriteInFlight w = wQueue.peek();
        wvalid = w != null && (wvalid || rnd.nextDouble() < validChance);
        pins.wvalid.set(wvalid ? 1 : 0);
        if (wvalid) {
            pins.wdata.setBytes(w.burst().data()[wBeat]);
            pins.wstrb.set(w.burst().strobes()[wBeat]);
            pins.wlast.set(wBeat == w.burst().len() ? 1 : 0);
        }
        rready = rnd.nextDouble() < readyChance;
        bready = rnd.nextDouble() < readyChance;
        pins.rready.set(rready ? 1 : 0);
        pins.bready.set(bready ? 1 : 0);
    }

    private static void address(AxiBurst b, org.jdpu.sim.Port id, org.jdpu.sim.Port addr, org.jdpu.sim.Port len,
            org.jdpu.sim.Port size, org.jdpu.sim.Port burst, org.jdpu.sim.Port valid) {
        valid.set(b == null ? 0 : 1);
        if (b != null) {
            id.set(b.id());
            addr.set(b.addr());
            len.set(b.len());
            size.set(b.size());
            burst.set(b.burst());
        }
    }

    void sample() {
        arFire = ar != null && pins.arready.get() == 1;
        awFire = aw != null && pins.awready.get() == 1;
        wFire = wvalid && pins.wready.get() == 1;
        rFire = rready && pins.rvalid.get() == 1;
        bFire = bready && pins.bvalid.get() == 1;
        if (rFire) {
            rid = pins.rid.get();
            rresp = pins.rresp.get();
            rlast = pins.rlast.get();
            rdata = pins.rdata.getBytes();
        }
        if (bFire) {
            bid = pins.bid.get();
            bresp = pins.bresp.get();
        }
    }

    /** After the clock edge of cycle {@code cycle}. */
    void commit(long cycle) {
        if (arFire) {
            ar = null;
        }
        if (awFire) {
            aw = null;
        }
        if (wFire) {
            WriteInFlight w = wQueue.peek();
            if (w.resp() == Axi4.RESP_OKAY) {
                applyWrite(w.burst(), wBeat);
            }
            beatsWritten++;
            if (wBeat == w.burst().len()) {
                wQueue.poll();
                awaitingB.add(w);
                wBeat = 0;
            } else {
                wBeat++;
            }
        }
        if (rFire) {
            checkReadBeat(cycle);
        }
        if (bFire) {
            checkResponse();
        }
    }

    private void checkReadBeat(long cycle) {
        beatsRead++;
        if (firstRBeatCycle < 0) {
            firstRBeatCycle = cycle;
        }
        lastRBeatCycle = cycle;
        ReadInFlight r = null;
        for (ReadInFlight x : reads) {
            if (x.burst().id() == rid) {
                r = x;
                break;
            }
        }
        if (r == null) {
            failures.add("R beat with id " + rid + " and no read of that id in flight");
            return;
        }
        int k = rBeat[(int) rid];
        if (!Arrays.equals(r.expected()[k], rdata)) {
            failures.add("read " + r.burst() + " beat " + k + ": got " + hex(rdata) + " want " + hex(r.expected()[k]));
        }
        if (rresp != r.resp()) {
            failures.add("read at " + Long.toHexString(r.burst().addr()) + " beat " + k + ": rresp " + rresp + " want " + r.resp());
        }
        boolean last = k == r.burst().len();
        if ((rlast == 1) != last) {
            failures.add("read at " + Long.toHexString(r.burst().addr()) + " beat " + k + ": rlast " + rlast);
        }
        if (last) {
            reads.remove(r);
            shared.remove(shared.reads, r.burst());
            readsOut--;
            rBeat[(int) rid] = 0;
        } else {
            rBeat[(int) rid]++;
        }
    }

    private void checkResponse() {
        WriteInFlight w = null;
        for (WriteInFlight x : awaitingB) {
            if (x.burst().id() == bid) {
                w = x;
                break;
            }
        }
        if (w == null) {
            failures.add("B with id " + bid + " and no write of that id awaiting it");
            return;
        }
        if (bresp != w.resp()) {
            failures.add("write at " + Long.toHexString(w.burst().addr()) + ": bresp " + bresp + " want " + w.resp());
        }
        awaitingB.remove(w);
        shared.remove(shared.writes, w.burst());
        writesOut--;
    }

    private byte[][] expectedRead(AxiBurst b) {
        byte[][] out = new byte[b.beats()][dataBytes];
        for (int k = 0; k < b.beats(); k++) {
            long word = b.beatAddr(k) & ~(long) (dataBytes - 1);
            for (int i = 0; i < dataBytes; i++) {
                out[k][i] = shared.memory[(int) ((word + i) & (shared.memory.length - 1))];
            }
        }
        return out;
    }

    private void applyWrite(AxiBurst b, int k) {
        long word = b.beatAddr(k) & ~(long) (dataBytes - 1);
        for (int i = 0; i < dataBytes; i++) {
            if ((b.strobes()[k] >>> i & 1) != 0) {
                shared.memory[(int) ((word + i) & (shared.memory.length - 1))] = b.data()[k][i];
            }
        }
    }

    static String hex(byte[] le) {
        StringBuilder s = new StringBuilder();
        for (int i = le.length - 1; i >= 0; i--) {
            s.append(String.format("%02x", le[i] & 0xFF));
        }
        return s.toString();
    }
}
