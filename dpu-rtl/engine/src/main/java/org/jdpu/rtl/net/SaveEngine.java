package org.jdpu.rtl.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.HostPort;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Fault;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.Fifo;

import java.util.ArrayList;
import java.util.List;

import static org.jdpu.hdl.Hdl.*;

/**
 * The SAVE DMA engine ({@code dpu_save_engine}): output-buffer words of the core, read through
 * {@code rd_addr / rd_data}, to DDR over an AXI4 write master, several commands in flight,
 * completed in order.
 *
 * <ol>
 *   <li>the {@link ElementWalker} presents each element; the region bound ({@code off + OCP <=
 *       bound}) and the output-buffer range are checked before anything of it is read, so a
 *       faulting element writes nothing;</li>
 *   <li>the read stage puts the element's index on {@code rd_addr} and, a cycle later, its word
 *       into a small FIFO (credits make sure the word always has room);</li>
 *   <li>the packer places the element's bytes at their byte offset and cuts them into beats with
 *       strobes; the last beat stays open, so the next element's bytes that share it are merged
 *       into the same beat;</li>
 *   <li>the burst closer holds one beat back until it knows whether the next one continues the
 *       burst (consecutive address, at most burstBeats, not across 4 KiB), then queues it with
 *       WLAST; a closed burst's AW is queued only when all its beats are in the W FIFO, and W
 *       beats leave only for bursts whose AW the slave has accepted;</li>
 *   <li>at most {@code outstanding} bursts are issued and not yet answered on B.</li>
 * </ol>
 *
 * <p>Commands overlap: the next one is taken as soon as the walker has presented the previous
 * one's last element, so its reads and packing go on while the previous one's bursts are still
 * being written and answered. A command's last element seals the beat it ends in: no later
 * element merges into that beat, it is flushed at once, and the burst it joins closes with it. So
 * a command's bursts never carry another command's bytes, its last burst is marked, and its done
 * comes with that burst's B response, whatever the commands after it do.
 *
 * <p>Ports: the command ({@link DmaCommand} without a target; accepted while idle, or while busy
 * once the walker is free, unless a fault or an abort is pending or the command has no element),
 * {@code busy} (while any command is unfinished), {@code done} (a one-cycle pulse per command, in
 * order, two cycles after the B response of its last burst; for a command without elements two
 * cycles after acceptance), {@code fault} / {@code fault_code},
 * {@code abort_req} as on the {@link LoadEngine}, the core's output read port ({@code rd_addr}
 * out, {@code rd_data} in, one cycle later) and the AXI4 master {@code m_axi_*} (writes only; the
 * read channels are tied off). Bursts carry id 0, INCR, full-width beats.
 *
 * <p>Faults: a region or bank fault stops the walk; every element before it is written, and
 * {@code fault} pulses once all their writes are answered. A B error response pulses {@code fault}
 * at once. After a B error or {@code abort} the engine issues no new AW, sends the remaining beats
 * of every burst whose AW is issued with all strobes 0 (a beat already on the bus is left as it is,
 * as the protocol requires), drops the rest, waits for every B and goes idle without {@code done}.
 */
public final class SaveEngine extends HwModule {
    public final DmaCommand cmd;
    public final Bool done, fault, busy, abort;
    public final UInt faultCode;
    public final UInt rdAddr, rdData;
    public final Axi4 mAxi;

    private static final int READ_CREDITS = 4;

    public SaveEngine(DpuConfig c, AxiConfig a) {
        int beatBytes = a.dataBytes();
        int lb = Integer.numberOfTrailingZeros(beatBytes);
        int beatBits = AxiConfig.ADDRESS_BITS - lb;
        int ocp = c.ocp();
        int maxBeats = (beatBytes - 1 + ocp - 1) / beatBytes + 1;
        int jBits = EngineWidths.bitsFor(maxBeats);
        int outBits = EngineWidths.of(c).outputAddr();
        int beatDataBits = a.dataBits();

        cmd = input("cmd", new DmaCommand(false));
        done = output("done", bool());
        fault = output("fault", bool());
        faultCode = output("fault_code", uint(8));
        busy = output("busy", bool());
        abort = input("abort_req", bool());
        rdAddr = output(HostPort.RD_ADDR.portName(), uint(HostPort.RD_ADDR.width(c)));
        rdData = input(HostPort.RD_DATA.portName(), uint(HostPort.RD_DATA.width(c)));
        mAxi = output("m_axi", new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), 1));

        // ---- command and status ----
        Bool active = regInit("active", bool(), 0);
        Bool draining = regInit("draining", bool(), 0);
        Bool faultPending = regInit("fault_pending", bool(), 0);
        UInt pendingCode = reg("pending_code", uint(8));
        UInt base = reg("base", uint(AxiConfig.ADDRESS_BITS));
        UInt bound = reg("bound", uint(32));
        ElementWalker walker = instance("walker", new ElementWalker());
        // A command is taken while idle, or, to overlap commands, in the cycle the walker passes on
        // the previous one's last element or later (not after a fault or an abort, and not one
        // without elements: that finishes at once, so it waits until every command before it has).
        Bool hasElements = cmd.n0.ne(0).and(cmd.n1.ne(0));
        Bool walkerFree = wire("walker_free", bool());
        Bool bErrorNow = wire("b_error_now", bool());
        Bool overlapOk = active.and(walkerFree).and(draining.not()).and(faultPending.not())
                .and(abort.not()).and(bErrorNow.not()).and(hasElements).named("overlap_ok");
        Bool ready = active.not().or(overlapOk);
        Bool accept = cmd.valid.and(ready).named("accept");
        Bool acceptIdle = accept.and(active.not());
        cmd.ready.assign(ready);
        when(accept, () -> {
            base.assign(cmd.base);
            bound.assign(cmd.bound);
        });
        Bool emptyCommand = regInit("empty_command", bool(), 0);
        when(accept, () -> emptyCommand.assign(hasElements.not()));

        // ---- stage 1: walker and checks ----
        cmd.drive(walker, accept);
        UInt off = walker.off, idx = walker.idx;
        Bool regionOk = off.add(U(ocp, 7)).le(bound).named("region_ok");
        Bool indexOk = idx.bits(31, outBits).eq(0).named("index_ok");
        Bool checksOk = regionOk.and(indexOk);
        UInt address = base.addWrap(off.zext(AxiConfig.ADDRESS_BITS)).named("elem_address");
        UInt byteOff = address.bits(lb - 1, 0).named("byte_off");
        UInt firstBeat = address.bits(AxiConfig.ADDRESS_BITS - 1, lb).named("first_beat");
        UInt cnt = byteOff.add(U(ocp, 7)).subWrap(1).shr(lb).resize(jBits).addWrap(1).named("beat_count");

        // ---- stage 2: output-buffer read ----
        Bool elemValid = regInit("elem_valid", bool(), 0);
        UInt eIdx = reg("e_idx", uint(outBits));
        // Per element: whether it is its command's last, its first beat, its bytes' place, its beats.
        UInt info = cat(walker.last, firstBeat, byteOff, cnt);
        UInt eInfo = reg("e_info", uint(info.width()));
        UInt credits = regInit("credits", uint(EngineWidths.bitsFor(READ_CREDITS)), READ_CREDITS);
        Bool readFire = elemValid.and(credits.ne(0)).and(draining.not()).named("read_fire");
        Bool stop = draining.or(faultPending);
        Bool advance = walker.valid.and(checksOk).and(stop.not()).and(elemValid.not().or(readFire)).named("advance");
        Bool walkFault = walker.valid.and(checksOk.not()).and(stop.not()).named("walk_fault");
        walker.next.assign(advance);
        walkerFree.assign(walker.valid.not().or(walker.last.and(advance)));
        when(advance, () -> {
            elemValid.assign(1);
            eIdx.assign(idx.resize(outBits));
            eInfo.assign(info);
        }).elseWhen(readFire.or(draining), () -> elemValid.assign(0));
        rdAddr.assign(eIdx);
        Bool readQ = regNext("read_q", readFire, 0);
        UInt infoQ = regNext("info_q", eInfo);
        Fifo<UInt> elemFifo = instance("elem_fifo", Fifo.ofWidth(8 * ocp + info.width(), READ_CREDITS));
        elemFifo.in.valid.assign(readQ.and(draining.not()));
        elemFifo.in.data.assign(cat(rdData, infoQ));

        // ---- stage 3: packer ----
        UInt d = elemFifo.out.data;
        int cntLo = 0, offLo = jBits, firstLo = offLo + lb, lastAt = firstLo + beatBits, dataLo = lastAt + 1;
        UInt dCnt = d.bits(offLo - 1, cntLo), dOff = d.bits(firstLo - 1, offLo);
        UInt dFirst = d.bits(lastAt - 1, firstLo), dData = d.bits(dataLo + 8 * ocp - 1, dataLo);
        Bool dLast = d.bit(lastAt);
        Bool eReady = elemFifo.out.valid.and(draining.not());
        int spanBytes = maxBeats * beatBytes;
        UInt dataSpread = dData.zext(8 * spanBytes).shl(cat(dOff, U(0, 3))).trunc(8 * spanBytes).named("data_spread");
        UInt strbSpread = U(AxiTieOff.ones(ocp), spanBytes).shl(dOff).trunc(spanBytes).named("strb_spread");
        List<UInt> beatData = new ArrayList<>(), beatStrb = new ArrayList<>();
        for (int k = 0; k < maxBeats; k++) {
            beatData.add(dataSpread.bits(8 * beatBytes * (k + 1) - 1, 8 * beatBytes * k));
            beatStrb.add(strbSpread.bits(beatBytes * (k + 1) - 1, beatBytes * k));
        }
        UInt j = regInit("j", uint(jBits), 0);
        UInt curData = maxBeats == 1 ? beatData.get(0) : select(j, beatData);
        UInt curStrb = maxBeats == 1 ? beatStrb.get(0) : select(j, beatStrb);
        UInt curAddr = dFirst.addWrap(j.zext(beatBits));
        Bool openValid = regInit("open_valid", bool(), 0);
        UInt openAddr = reg("open_addr", uint(beatBits));
        UInt openData = reg("open_data", uint(beatDataBits));
        UInt openStrb = reg("open_strb", uint(beatBytes));
        // The open beat ends a command: nothing merges into it and it leaves at once.
        Bool openSealed = regInit("open_sealed", bool(), 0);
        List<UInt> mergedBytes = new ArrayList<>();
        for (int i = beatBytes - 1; i >= 0; i--) {
            mergedBytes.add(mux(beatStrb.get(0).bit(i), beatData.get(0).bits(8 * i + 7, 8 * i),
                    openData.bits(8 * i + 7, 8 * i)));
        }
        UInt mergedData = cat(mergedBytes).named("merged_data");
        UInt mergedStrb = openStrb.or(beatStrb.get(0));
        Bool merge = eReady.and(j.eq(0)).and(openValid).and(openSealed.not()).and(openAddr.eq(dFirst)).named("merge");
        Bool single = dCnt.eq(1);

        // The closer's readiness for one beat this cycle.
        Bool closerReady = wire("closer_ready", bool());
        Bool upstreamIdle = walker.valid.not().and(elemValid.not()).and(credits.eq(READ_CREDITS)).named("upstream_idle");
        Bool flushOpen = elemFifo.out.valid.not().and(openValid).and(upstreamIdle.or(openSealed)).and(draining.not());

        Bool emitValid = wire("emit_valid", bool());
        UInt emitAddr = wire("emit_addr", uint(beatBits));
        UInt emitData = wire("emit_data", uint(beatDataBits));
        UInt emitStrb = wire("emit_strb", uint(beatBytes));
        Bool elemDone = wire("elem_done", bool());
        emitValid.assign(0);
        emitAddr.assign(openAddr);
        emitData.assign(openData);
        emitStrb.assign(openStrb);
        elemDone.assign(0);
        Bool endsCommand = dLast.named("ends_command");
        when(draining, () -> {
            openValid.assign(0);
            openSealed.assign(0);
            j.assign(0);
        }).elseWhen(merge.and(single), () -> {
            // The whole element falls into the open beat.
            openData.assign(mergedData);
            openStrb.assign(mergedStrb);
            openSealed.assign(endsCommand);
            elemDone.assign(1);
        }).elseWhen(merge, () -> {
            emitValid.assign(1);
            emitData.assign(mergedData);
            emitStrb.assign(mergedStrb);
            when(closerReady, () -> {
                if (maxBeats > 1) {
                    openAddr.assign(dFirst.addWrap(1));
                    openData.assign(beatData.get(1));
                    openStrb.assign(beatStrb.get(1));
                }
                if (maxBeats > 1) {
                    when(dCnt.eq(2), () -> {
                        elemDone.assign(1);
                        openSealed.assign(endsCommand);
                        j.assign(0);
                    }).otherwise(() -> j.assign(2));
                } else { // an element of one beat: merging it finishes it
                    elemDone.assign(1);
                    openSealed.assign(endsCommand);
                    j.assign(0);
                }
            });
        }).elseWhen(eReady, () -> {
            emitValid.assign(openValid);
            when(openValid.not().or(closerReady), () -> {
                openValid.assign(1);
                openAddr.assign(curAddr);
                openData.assign(curData);
                openStrb.assign(curStrb);
                when(j.addWrap(1).eq(dCnt), () -> {
                    elemDone.assign(1);
                    openSealed.assign(endsCommand);
                    j.assign(0);
                }).otherwise(() -> {
                    openSealed.assign(0);
                    j.assign(j.addWrap(1));
                });
            });
        }).elseWhen(flushOpen, () -> {
            emitValid.assign(1);
            when(closerReady, () -> {
                openValid.assign(0);
                openSealed.assign(0);
            });
        });
        // Merges never touch a sealed beat, so what leaves the packer is sealed exactly when the open beat was.
        Bool emitSealed = openSealed;
        Bool elemPop = elemFifo.out.valid.and(elemDone.or(draining));
        elemFifo.out.ready.assign(elemDone.or(draining));
        // A credit comes back when its word leaves the FIFO, or when a drain drops it on arrival.
        int cw = credits.width();
        UInt creditIn = mux(elemPop, U(1, cw), U(0, cw)).addWrap(mux(readQ.and(draining), U(1, cw), U(0, cw)));
        UInt creditOut = mux(readFire, U(1, cw), U(0, cw));
        when(acceptIdle, () -> credits.assign(READ_CREDITS))
                .otherwise(() -> credits.assign(credits.addWrap(creditIn).subWrap(creditOut)));

        // ---- stage 4: burst closer ----
        int wDepth = Math.max(4, 2 * a.burstBeats());
        Fifo<UInt> wFifo = instance("w_fifo", Fifo.ofWidth(beatDataBits + beatBytes + 1, wDepth));
        int lenBits = EngineWidths.bitsFor(a.burstBeats() - 1);
        Fifo<UInt> awFifo = instance("aw_fifo", Fifo.ofWidth(1 + beatBits + lenBits, 4));
        Bool pendValid = regInit("pend_valid", bool(), 0);
        // The held beat ends a command: it closes its burst and goes at once.
        Bool pendSealed = regInit("pend_sealed", bool(), 0);
        UInt pendAddr = reg("pend_addr", uint(beatBits));
        UInt pendData = reg("pend_data", uint(beatDataBits));
        UInt pendStrb = reg("pend_strb", uint(beatBytes));
        UInt burstCount = regInit("burst_count", uint(lenBits), 0);
        UInt burstStart = reg("burst_start", uint(beatBits));
        Bool canPush = wFifo.in.ready.and(awFifo.in.ready);
        closerReady.assign(pendValid.not().or(canPush));
        Bool emitted = emitValid.and(closerReady).named("emitted");
        Bool packerIdle = elemFifo.out.valid.not().and(openValid.not()).and(upstreamIdle);
        Bool flushPend = emitValid.not().and(pendValid).and(packerIdle).and(draining.not());
        Bool pushNow = pendValid.and(canPush).and(emitValid.or(flushPend).or(pendSealed)).and(draining.not()).named("push_now");
        int pageBits = Integer.numberOfTrailingZeros(4096 / beatBytes);
        Bool pageEnd = pendAddr.bits(pageBits - 1, 0).andR();
        Bool burstFull = burstCount.eq(a.burstBeats() - 1);
        Bool lastBeat = flushPend.or(pendSealed).or(burstFull).or(pageEnd).or(emitAddr.ne(pendAddr.addWrap(1)))
                .named("last_beat");
        wFifo.in.valid.assign(pushNow);
        wFifo.in.data.assign(cat(lastBeat, pendStrb, pendData));
        Bool closes = pushNow.and(lastBeat);
        awFifo.in.valid.assign(closes);
        awFifo.in.data.assign(cat(pendSealed, burstStart, burstCount));
        when(draining, () -> {
            pendValid.assign(0);
            pendSealed.assign(0);
            burstCount.assign(0);
        }).otherwise(() -> {
            when(closes, () -> burstCount.assign(0)).elseWhen(pushNow, () -> burstCount.assign(burstCount.addWrap(1)));
            when(emitted, () -> {
                pendValid.assign(1);
                pendSealed.assign(emitSealed);
                pendAddr.assign(emitAddr);
                pendData.assign(emitData);
                pendStrb.assign(emitStrb);
                when(pendValid.not().or(closes), () -> burstStart.assign(emitAddr));
            }).elseWhen(pushNow, () -> {
                pendValid.assign(0);
                pendSealed.assign(0);
            });
        });

        // ---- stage 5: AW, W, B ----
        int countBits = EngineWidths.bitsFor(Math.max(a.outstanding(), wDepth) + 1);
        Bool awValid = regInit("aw_valid", bool(), 0);
        UInt awAddr = reg("aw_addr", uint(AxiConfig.ADDRESS_BITS));
        UInt awLen = reg("aw_len", uint(8));
        UInt awaitingB = regInit("awaiting_b", uint(EngineWidths.bitsFor(a.outstanding())), 0);
        UInt wAllowed = regInit("w_allowed", uint(countBits), 0);
        Bool awFire = awValid.and(mAxi.aw.ready);
        Bool awLoad = awValid.not().or(mAxi.aw.ready).and(awFifo.out.valid).and(awaitingB.lt(a.outstanding()))
                .and(draining.not()).named("aw_load");
        UInt awq = awFifo.out.data;
        // Per issued burst, in order, whether it is its command's last: B responses come in that order (one id).
        Fifo<UInt> lastBursts = instance("last_bursts", Fifo.ofWidth(1, a.outstanding()));
        lastBursts.in.valid.assign(awLoad);
        lastBursts.in.data.assign(awq.bits(beatBits + lenBits, beatBits + lenBits));
        when(awLoad, () -> {
            awValid.assign(1);
            awAddr.assign(cat(awq.bits(beatBits + lenBits - 1, lenBits), U(0, lb)));
            awLen.assign(awq.bits(lenBits - 1, 0).resize(8));
        }).elseWhen(awFire, () -> awValid.assign(0));
        awFifo.out.ready.assign(awLoad.or(draining));

        // From the cycle a B error or an abort is seen, every beat put on W carries no strobe.
        Bool stopWrites = wire("stop_writes", bool());
        Bool wValid = regInit("w_valid", bool(), 0);
        UInt wData = reg("w_data", uint(beatDataBits));
        UInt wStrb = reg("w_strb", uint(beatBytes));
        Bool wLast = reg("w_last", bool());
        UInt wq = wFifo.out.data;
        Bool wqLast = wq.bit(beatDataBits + beatBytes);
        Bool wLoad = wValid.not().or(mAxi.w.ready).and(wFifo.out.valid).and(wAllowed.ne(0)).named("w_load");
        when(wLoad, () -> {
            wValid.assign(1);
            wData.assign(wq.bits(beatDataBits - 1, 0));
            wStrb.assign(mux(stopWrites, U(0, beatBytes), wq.bits(beatDataBits + beatBytes - 1, beatDataBits)));
            wLast.assign(wqLast);
        }).elseWhen(mAxi.w.ready, () -> wValid.assign(0));
        Bool dropW = draining.and(wAllowed.eq(0)).and(awValid.not());
        wFifo.out.ready.assign(wLoad.or(dropW));
        UInt one = U(1, 1), zero = U(0, 1);
        wAllowed.assign(wAllowed.addWrap(mux(awFire, one, zero).zext(countBits))
                .subWrap(mux(wLoad.and(wqLast), one, zero).zext(countBits)));

        Axi4.WriteResponse b = mAxi.b;
        b.ready.assign(1);
        Bool bFire = b.valid;
        Bool bError = bFire.and(b.resp.ne(Axi4.RESP_OKAY)).and(draining.not()).named("b_error");
        bErrorNow.assign(bError);
        lastBursts.out.ready.assign(bFire);
        Bool lastAnswered = bFire.and(lastBursts.out.data.bit(0)).and(b.resp.eq(Axi4.RESP_OKAY)).and(draining.not())
                .named("last_answered");
        awaitingB.assign(awaitingB.addWrap(mux(awLoad, one, zero).zext(awaitingB.width()))
                .subWrap(mux(bFire, one, zero).zext(awaitingB.width())));

        // Words in the two FIFOs, counted here: a memory FIFO's out.valid lags its contents.
        UInt wCount = regInit("w_count", uint(countBits), 0);
        Bool wPop = wFifo.out.valid.and(wLoad.or(dropW));
        wCount.assign(wCount.addWrap(mux(pushNow, one, zero).zext(countBits)).subWrap(mux(wPop, one, zero).zext(countBits)));
        UInt awCount = regInit("aw_count", uint(3), 0);
        Bool awPop = awFifo.out.valid.and(awLoad.or(draining));
        awCount.assign(awCount.addWrap(mux(closes, one, zero).zext(3)).subWrap(mux(awPop, one, zero).zext(3)));

        // ---- completion ----
        Bool empty = upstreamIdle.and(elemFifo.out.valid.not()).and(openValid.not()).and(pendValid.not())
                .and(wCount.eq(0)).and(awCount.eq(0)).and(awValid.not()).and(wValid.not())
                .and(awaitingB.eq(0)).and(wAllowed.eq(0)).named("empty");
        Bool finish = active.and(empty);
        Bool abortNow = active.and(abort).and(draining.not());
        stopWrites.assign(draining.or(bError).or(abortNow));
        walker.halt.assign(abortNow.or(bError).or(walkFault));
        when(accept, () -> active.assign(1)).elseWhen(finish, () -> active.assign(0));
        when(acceptIdle, () -> draining.assign(0)).elseWhen(abortNow.or(bError), () -> draining.assign(1));
        when(acceptIdle.or(abortNow).or(bError), () -> faultPending.assign(0))
                .elseWhen(walkFault, () -> {
                    faultPending.assign(1);
                    pendingCode.assign(mux(regionOk, U(Fault.BANK_RANGE.code(), 8), U(Fault.REGION_BOUNDS.code(), 8)));
                });
        // Each command is done two cycles after its last burst's B response (in order); one without
        // elements (taken only while idle) once the engine is empty again, as before it.
        Bool answered = regNext("last_answered_q", lastAnswered.and(abortNow.not()), 0);
        Bool doneNow = answered.or(finish.and(emptyCommand).and(draining.not()).and(faultPending.not()));
        Bool faultNow = bError.or(finish.and(draining.not()).and(faultPending));
        UInt code = regInit("fault_code_r", uint(8), 0);
        when(bError, () -> code.assign(Fault.AXI_RESPONSE.code()))
                .elseWhen(faultNow, () -> code.assign(pendingCode));
        done.assign(regNext("done_r", doneNow, 0));
        fault.assign(regNext("fault_r", faultNow, 0));
        faultCode.assign(code);
        busy.assign(active);

        mAxi.aw.valid.assign(awValid);
        mAxi.aw.addr.assign(awAddr);
        mAxi.aw.len.assign(awLen);
        mAxi.aw.id.assign(0);
        mAxi.aw.size.assign(lb);
        mAxi.aw.burst.assign(Axi4.BURST_INCR);
        mAxi.aw.lock.assign(0);
        mAxi.aw.cache.assign(0);
        mAxi.aw.prot.assign(0);
        mAxi.aw.qos.assign(0);
        mAxi.aw.region.assign(0);
        mAxi.w.valid.assign(wValid);
        mAxi.w.data.assign(wData);
        mAxi.w.strb.assign(wStrb);
        mAxi.w.last.assign(wLast);
        AxiTieOff.read(mAxi);
    }

    @Override
    protected String moduleName() {
        return "dpu_save_engine";
    }
}
