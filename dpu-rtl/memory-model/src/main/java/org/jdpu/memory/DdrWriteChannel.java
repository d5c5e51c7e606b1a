package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.Fifo;

import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.cat;
import static org.jdpu.hdl.Hdl.mux;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.when;

/**
 * The write port of {@link AxiDdr}: accepts AW bursts into a queue, takes W beats for the head
 * burst (never before its AW: {@code wready} stays low while no burst is queued, which AXI allows a
 * slave) and writes each beat to the shared memory with its strobes through {@code mem_we},
 * {@code mem_addr}, {@code mem_wdata}, {@code mem_wstrb}. The burst's last beat is the one its
 * length names ({@code wlast} is not used: checking it is the {@link AxiChecker}'s job).
 *
 * <p>After the last beat the B response enters a second queue with its due cycle
 * ({@code now + write_latency}, plus random extra cycles in stress mode) and is offered once
 * {@code now} reaches it: last W handshake in cycle t, B valid in t + 1 at the earliest
 * ({@link AxiDdr#MIN_WRITE_LATENCY}). A burst that is not INCR, has beats wider than the bus or
 * touches the beat at {@code error_addr} (with {@code error_enable}) writes nothing and answers
 * SLVERR. Bandwidth is throttled on W as on R (debt counter in sixteenths of a cycle).
 */
final class DdrWriteChannel extends HwModule {
    /** Bits of {@link #rnd}: AW stall, W stall, B hold-back, then the extra latency. */
    static final int RND_BITS = 3 + AxiDdr.STRESS_LATENCY_BITS;

    final DdrRequestPort aw;
    final UInt wData, wStrb, bId, bResp;
    final Bool wValid, wReady, bValid, bReady;
    final UInt writeLatency, outstanding, beatGap, errorAddr, now, rnd;
    final Bool stress, errorEnable;
    final UInt memAddr, memWdata, memWstrb;
    final Bool memWe;

    DdrWriteChannel(AxiConfig a, int memBytesBits, int queueDepth) {
        int lb = BurstMath.log2(a.dataBytes());
        aw = input("aw", new DdrRequestPort(AxiConfig.ADDRESS_BITS, AxiDdr.ID_BITS));
        wData = input("w_data", uint(a.dataBits()));
        wStrb = input("w_strb", uint(a.dataBytes()));
        wValid = input("w_valid", bool());
        wReady = output("w_ready", bool());
        bId = output("b_id", uint(AxiDdr.ID_BITS));
        bResp = output("b_resp", uint(2));
        bValid = output("b_valid", bool());
        bReady = input("b_ready", bool());
        writeLatency = input("write_latency", uint(DdrTiming.LATENCY_BITS));
        outstanding = input("outstanding", uint(DdrTiming.OUTSTANDING_BITS));
        beatGap = input("beat_gap", uint(DdrTiming.BEAT_GAP_BITS));
        stress = input("stress", bool());
        rnd = input("rnd", uint(RND_BITS));
        errorAddr = input("error_addr", uint(AxiConfig.ADDRESS_BITS));
        errorEnable = input("error_enable", bool());
        now = input("now", uint(AxiDdr.TIME_BITS));
        memWe = output("mem_we", bool());
        memAddr = output("mem_addr", uint(memBytesBits - lb));
        memWdata = output("mem_wdata", uint(a.dataBits()));
        memWstrb = output("mem_wstrb", uint(a.dataBytes()));

        // ---- AW: bursts queue up until their data arrive ----
        BurstQueueEntry entry = new BurstQueueEntry(memBytesBits, false);
        Fifo<UInt> bursts = instance("bursts", new Fifo<>(() -> uint(entry.width()), queueDepth, Fifo.Storage.REGISTERS));
        int responseWidth = AxiDdr.TIME_BITS + AxiDdr.ID_BITS + 1;
        Fifo<UInt> responses = instance("responses", new Fifo<>(() -> uint(responseWidth), queueDepth, Fifo.Storage.REGISTERS));
        UInt inflight = regInit("inflight", uint(DdrTiming.OUTSTANDING_BITS), 0);
        Bool stallAw = stress.and(rnd.bit(0));
        aw.ready.assign(inflight.lt(outstanding).and(bursts.in.ready).and(stallAw.not()));
        Bool error = AxiDdr.burstError(aw.addr, aw.len, aw.size, aw.burst, a.dataBytes(), errorAddr, errorEnable, lb);
        bursts.in.valid.assign(aw.fire());
        bursts.in.data.assign(entry.pack(null, aw.id, error, aw.size, aw.len, aw.addr.bits(memBytesBits - 1, 0)));

        // ---- W: beats of the head burst go straight into the memory ----
        BurstQueueEntry.Fields head = entry.unpack(bursts.out.data);
        UInt debt = regInit("debt", uint(DdrTiming.BEAT_GAP_BITS + 1), 0);
        UInt beat = regInit("beat", uint(8), 0);
        UInt next = regInit("next_addr", uint(memBytesBits), 0);
        Bool paying = debt.ge(16);
        Bool stallW = stress.and(rnd.bit(1));
        Bool ready = bursts.out.valid.and(responses.in.ready).and(paying.not()).and(stallW.not());
        wReady.assign(ready);
        Bool wFire = wValid.and(ready).named("w_fire");
        UInt byteAddr = mux(beat.eq(0), head.addr(), next);
        Bool lastBeat = beat.eq(head.len());
        memWe.assign(wFire.and(head.error().not()));
        memAddr.assign(byteAddr.bits(memBytesBits - 1, lb));
        memWdata.assign(wData);
        memWstrb.assign(wStrb);
        when(wFire, () -> {
            next.assign(BurstMath.nextIncr(byteAddr, head.size()));
            beat.assign(mux(lastBeat, U(0, 8), beat.addWrap(1)));
        });
        when(paying, () -> debt.assign(debt.subWrap(16)))
                .elseWhen(wFire, () -> debt.assign(debt.addWrap(beatGap)));
        Bool burstDone = wFire.and(lastBeat);
        bursts.out.ready.assign(burstDone);

        // ---- B: the response waits for its due cycle ----
        UInt extra = mux(stress, rnd.bits(RND_BITS - 1, 3), 0);
        UInt due = now.addWrap(writeLatency.add(extra).resize(AxiDdr.TIME_BITS));
        responses.in.valid.assign(burstDone);
        responses.in.data.assign(cat(due, head.id(), head.error()));
        UInt resp = responses.out.data;
        Bool respError = resp.bit(0);
        UInt respId = resp.bits(AxiDdr.ID_BITS, 1);
        UInt respDue = resp.bits(responseWidth - 1, AxiDdr.ID_BITS + 1);
        Bool shown = regInit("shown", bool(), 0);
        Bool valid = responses.out.valid.and(now.subWrap(respDue).msb().not())
                .and(shown.or(stress.and(rnd.bit(2)).not()));
        shown.assign(valid.and(bReady.not()));
        bValid.assign(valid);
        bId.assign(respId);
        bResp.assign(mux(respError, U(Axi4.RESP_SLVERR, 2), U(Axi4.RESP_OKAY, 2)));
        Bool bFire = valid.and(bReady);
        responses.out.ready.assign(bFire);

        when(aw.fire().and(bFire.not()), () -> inflight.assign(inflight.addWrap(1)))
                .elseWhen(bFire.and(aw.fire().not()), () -> inflight.assign(inflight.subWrap(1)));
    }

    @Override
    protected String moduleName() {
        return "axi_ddr_write_channel";
    }
}
