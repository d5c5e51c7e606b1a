package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.Fifo;

import static org.jdpu.hdl.Hdl.B;
import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.mux;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.when;
import static org.jdpu.hdl.Hdl.wire;

/**
 * One read port of {@link AxiDdr}: accepts AR bursts, waits out the read latency and returns the
 * beats on R, reading the shared memory through {@code mem_addr}/{@code mem_en} (the parent's
 * registered read answers on {@code mem_rdata} one cycle later).
 *
 * <p>Latency is a timestamp, not a delay line: an accepted burst enters a queue with the cycle at
 * which its first beat may be fetched ({@code now + latency - 1}, plus random extra cycles in
 * stress mode), and the head of the queue is served once {@code now} has reached it. Beats are
 * fetched one per cycle into the R output register, which holds a beat until the master takes it
 * (the memory's read enable holds the word), so no further buffer is needed: AR handshake in
 * cycle t, fetch in t + 1 at the earliest, first R beat in t + 2 ({@link AxiDdr#MIN_READ_LATENCY}).
 * The bandwidth throttle is a debt counter in sixteenths of a cycle: each fetched beat adds
 * {@code beat_gap}, and while the debt is 16 or more the channel idles one cycle and pays 16.
 *
 * <p>A burst answers SLVERR on every beat when its type is not INCR, its beat size exceeds the
 * bus, or (with {@code error_enable}) one of its beats is the beat holding {@code error_addr};
 * the data of such beats are still read from the memory.
 */
final class DdrReadChannel extends HwModule {
    /** Bits of {@link #rnd}: AR stall, R hold-back, then the extra latency. */
    static final int RND_BITS = 2 + AxiDdr.STRESS_LATENCY_BITS;

    final DdrRequestPort ar;
    final UInt rId, rData, rResp;
    final Bool rLast, rValid, rReady;
    final UInt readLatency, outstanding, beatGap, errorAddr, now, rnd, memRdata, memAddr;
    final Bool stress, errorEnable, memEn;

    DdrReadChannel(AxiConfig a, int memBytesBits, int queueDepth) {
        int lb = BurstMath.log2(a.dataBytes());
        ar = input("ar", new DdrRequestPort(AxiConfig.ADDRESS_BITS, AxiDdr.ID_BITS));
        rId = output("r_id", uint(AxiDdr.ID_BITS));
        rData = output("r_data", uint(a.dataBits()));
        rResp = output("r_resp", uint(2));
        rLast = output("r_last", bool());
        rValid = output("r_valid", bool());
        rReady = input("r_ready", bool());
        readLatency = input("read_latency", uint(DdrTiming.LATENCY_BITS));
        outstanding = input("outstanding", uint(DdrTiming.OUTSTANDING_BITS));
        beatGap = input("beat_gap", uint(DdrTiming.BEAT_GAP_BITS));
        stress = input("stress", bool());
        rnd = input("rnd", uint(RND_BITS));
        errorAddr = input("error_addr", uint(AxiConfig.ADDRESS_BITS));
        errorEnable = input("error_enable", bool());
        now = input("now", uint(AxiDdr.TIME_BITS));
        memAddr = output("mem_addr", uint(memBytesBits - lb));
        memEn = output("mem_en", bool());
        memRdata = input("mem_rdata", uint(a.dataBits()));

        // ---- accept: a burst enters the queue with its due cycle ----
        BurstQueueEntry entry = new BurstQueueEntry(memBytesBits, true);
        Fifo<UInt> queue = instance("bursts", new Fifo<>(() -> uint(entry.width()), queueDepth, Fifo.Storage.REGISTERS));
        UInt inflight = regInit("inflight", uint(DdrTiming.OUTSTANDING_BITS), 0);
        Bool stallAr = stress.and(rnd.bit(0));
        ar.ready.assign(inflight.lt(outstanding).and(queue.in.ready).and(stallAr.not()));
        Bool error = AxiDdr.burstError(ar.addr, ar.len, ar.size, ar.burst, a.dataBytes(), errorAddr, errorEnable, lb);
        UInt extra = mux(stress, rnd.bits(RND_BITS - 1, 2), 0);
        // Due cycle of the first fetch: the beat then appears on R one cycle later.
        UInt due = now.addWrap(readLatency.add(extra).resize(AxiDdr.TIME_BITS)).subWrap(1);
        queue.in.valid.assign(ar.fire());
        queue.in.data.assign(entry.pack(due, ar.id, error, ar.size, ar.len, ar.addr.bits(memBytesBits - 1, 0)));

        // ---- fetch: one beat per cycle from the head burst once it is due ----
        BurstQueueEntry.Fields head = entry.unpack(queue.out.data);
        Bool rFire = wire("r_fire", bool());
        Bool holding = regInit("holding", bool(), 0); // the R register holds a beat not yet taken
        UInt debt = regInit("debt", uint(DdrTiming.BEAT_GAP_BITS + 1), 0);
        UInt beat = regInit("beat", uint(8), 0);
        UInt next = regInit("next_addr", uint(memBytesBits), 0);
        Bool due0 = now.subWrap(head.due()).msb().not();
        Bool paying = debt.ge(16);
        Bool fetch = queue.out.valid.and(due0).and(paying.not()).and(holding.not().or(rFire)).named("fetch");
        UInt byteAddr = mux(beat.eq(0), head.addr(), next);
        Bool lastBeat = beat.eq(head.len());
        memAddr.assign(byteAddr.bits(memBytesBits - 1, lb));
        memEn.assign(fetch);
        queue.out.ready.assign(fetch.and(lastBeat));
        when(fetch, () -> {
            next.assign(BurstMath.nextIncr(byteAddr, head.size()));
            beat.assign(mux(lastBeat, U(0, 8), beat.addWrap(1)));
        });
        when(paying, () -> debt.assign(debt.subWrap(16)))
                .elseWhen(fetch, () -> debt.assign(debt.addWrap(beatGap)));

        // ---- R: the fetched beat, held until taken; in stress mode shown late at random ----
        UInt id = regInit("id", uint(AxiDdr.ID_BITS), 0);
        Bool slverr = regInit("slverr", bool(), 0);
        Bool last = regInit("last", bool(), 0);
        when(fetch, () -> {
            id.assign(head.id());
            slverr.assign(head.error());
            last.assign(lastBeat);
        });
        when(fetch, () -> holding.assign(B(true))).elseWhen(rFire, () -> holding.assign(B(false)));
        Bool shown = regInit("shown", bool(), 0); // rvalid was high and not taken: it must stay high
        Bool valid = holding.and(shown.or(stress.and(rnd.bit(1)).not()));
        shown.assign(valid.and(rReady.not()));
        rFire.assign(valid.and(rReady));
        rValid.assign(valid);
        rData.assign(memRdata);
        rId.assign(id);
        rResp.assign(mux(slverr, U(Axi4.RESP_SLVERR, 2), U(Axi4.RESP_OKAY, 2)));
        rLast.assign(last);

        Bool done = rFire.and(last);
        when(ar.fire().and(done.not()), () -> inflight.assign(inflight.addWrap(1)))
                .elseWhen(done.and(ar.fire().not()), () -> inflight.assign(inflight.subWrap(1)));
    }

    @Override
    protected String moduleName() {
        return "axi_ddr_read_channel";
    }
}
