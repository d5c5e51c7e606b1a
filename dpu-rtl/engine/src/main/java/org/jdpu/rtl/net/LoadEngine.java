package org.jdpu.rtl.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.EngineWidths;
import org.jdpu.arch.HostPort;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Fault;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.Fifo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.jdpu.hdl.Hdl.*;

/**
 * The LOAD DMA engine ({@code dpu_load_engine}): DDR over an AXI4 read master into the core's
 * load port, several commands in flight, completed in order.
 *
 * <p>Four stages, each decoupled from the next:
 * <ol>
 *   <li>the {@link ElementWalker} presents each element's offset and index; the region bound
 *       ({@code off + E <= bound}, 33 bits) and the target's bank range are checked here, so a
 *       faulting element is never requested; the element's beats (first beat, count, byte offset)
 *       are computed, and whether its first beat is the previous element's last one (then that
 *       beat is not read again);</li>
 *   <li>the burst former keeps a run of consecutive beats still to be requested, grows it with
 *       each element whose new beats continue it, and cuts AR bursts off its front (at most
 *       burstBeats, never across 4 KiB) whenever the run is long enough, no element joined it
 *       this cycle, or no burst is in flight, so no element ever waits on a beat nobody asked for
 *       and the memory is not left idle while a run grows;</li>
 *   <li>R beats go into a small FIFO, element descriptors into another one;</li>
 *   <li>the assembler shifts each element's bytes out of a window of its last few beats and
 *       writes one bank word per cycle.</li>
 * </ol>
 * A contiguous LOAD moves one beat per cycle once the first data has arrived.
 *
 * <p>Commands overlap: the next one is taken as soon as the walker has presented the previous
 * one's last element, so its checks, address and reads go on while the previous one's data is
 * still on its way. Every element carries its command's target and a last-element mark down to
 * the bank write, and a run of beats never spans two commands, so commands complete in order and
 * a command's timing does not depend on the ones after it.
 *
 * <p>Ports: the command ({@link DmaCommand}: accepted while idle, or while busy once the walker
 * is free, unless a fault or an abort is pending or the command has no element), {@code busy}
 * (from the cycle after the first acceptance until nothing is left), {@code done} (a one-cycle
 * pulse per command, in order, in the cycle after its last element's {@code ld_we}; for a command
 * without elements two cycles after acceptance), {@code fault} (a one-cycle pulse) with
 * {@code fault_code} (a {@link Fault} code, held until the next fault), {@code abort_req} (the
 * abort input; Verilator reserves the plain word), the core's load port ({@code ld_*}, widths of
 * {@link HostPort}) and the AXI4 master {@code m_axi_*} (reads only; the write channels are tied
 * off).
 *
 * <p>Faults: a region or bank fault stops the walk at that element; the elements before it are
 * still written, then {@code fault} pulses (REGION_BOUNDS before BANK_RANGE on the same element;
 * target 3 is BANK_RANGE). An error response on R pulses {@code fault} at once. After an R error
 * or an abort the engine drains: it issues no more bursts, accepts every beat of the bursts
 * already issued, writes nothing more, and goes idle ({@code done} does not pulse). An abort also
 * cancels a region or bank fault not yet reported.
 */
public final class LoadEngine extends HwModule {
    public final DmaCommand cmd;
    public final Bool done, fault, busy, abort;
    public final UInt faultCode;
    public final Bool ldWe;
    public final UInt ldSel, ldBank, ldAddr, ldData;
    public final Axi4 mAxi;

    public LoadEngine(DpuConfig c, AxiConfig a) {
        EngineWidths wd = EngineWidths.of(c);
        int beatBytes = a.dataBytes();
        int lb = Integer.numberOfTrailingZeros(beatBytes);
        int beatBits = AxiConfig.ADDRESS_BITS - lb;
        int maxElement = Math.max(c.icp(), 4);
        int maxBeats = (beatBytes - 1 + maxElement - 1) / beatBytes + 1;
        int cntBits = EngineWidths.bitsFor(maxBeats);
        int runBits = EngineWidths.bitsFor(a.burstBeats() - 1 + maxBeats);
        int bankBits = wd.bankSelect();
        int addrBits = HostPort.loadAddressWidth(c);
        int dataBits = HostPort.loadDataWidth(c);

        cmd = input("cmd", new DmaCommand(true));
        done = output("done", bool());
        fault = output("fault", bool());
        faultCode = output("fault_code", uint(8));
        busy = output("busy", bool());
        abort = input("abort_req", bool());
        ldWe = output(HostPort.LD_WE.portName(), bool());
        ldSel = output(HostPort.LD_SEL.portName(), uint(HostPort.LD_SEL.width(c)));
        ldBank = output(HostPort.LD_BANK.portName(), uint(HostPort.LD_BANK.width(c)));
        ldAddr = output(HostPort.LD_ADDR.portName(), uint(HostPort.LD_ADDR.width(c)));
        ldData = output(HostPort.LD_DATA.portName(), uint(HostPort.LD_DATA.width(c)));
        mAxi = output("m_axi", new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), 1));

        // ---- command and status ----
        Bool active = regInit("active", bool(), 0);
        Bool draining = regInit("draining", bool(), 0);
        Bool faultPending = regInit("fault_pending", bool(), 0);
        UInt pendingCode = reg("pending_code", uint(8));
        UInt target = reg("target", uint(LoadTarget.BITS));
        UInt base = reg("base", uint(AxiConfig.ADDRESS_BITS));
        UInt bound = reg("bound", uint(32));
        ElementWalker walker = instance("walker", new ElementWalker());
        // A command is taken while idle, or, to overlap commands, in the cycle the walker passes on
        // the previous one's last element or later (not after a fault or an abort, and not one
        // without elements: that finishes at once, so it waits until every command before it has).
        Bool hasElements = cmd.n0.ne(0).and(cmd.n1.ne(0));
        Bool walkerFree = wire("walker_free", bool());
        Bool rErrorNow = wire("r_error_now", bool());
        Bool overlapOk = active.and(walkerFree).and(draining.not()).and(faultPending.not())
                .and(abort.not()).and(rErrorNow.not()).and(hasElements).named("overlap_ok");
        Bool ready = active.not().or(overlapOk);
        Bool accept = cmd.valid.and(ready).named("accept");
        Bool acceptIdle = accept.and(active.not());
        cmd.ready.assign(ready);
        when(accept, () -> {
            target.assign(cmd.target);
            base.assign(cmd.base);
            bound.assign(cmd.bound);
        });

        // ---- stage 1: walker and checks ----
        cmd.drive(walker, accept);
        UInt off = walker.off, idx = walker.idx;
        Bool isBias = target.eq(LoadTarget.BIAS.code());
        UInt elemBytes = mux(isBias, U(4, 7), U(c.icp(), 7)).named("elem_bytes");
        Bool regionOk = off.add(elemBytes).le(bound).named("region_ok");
        UInt bank = wire("bank", uint(bankBits));
        UInt bankAddr = wire("bank_addr", uint(addrBits));
        Bool bankOk = wire("bank_ok", bool());
        bankDecode(c, idx, target, bank, bankAddr, bankOk);
        Bool checksOk = regionOk.and(bankOk);

        UInt address = base.addWrap(off.zext(AxiConfig.ADDRESS_BITS)).named("elem_address");
        UInt byteOff = address.bits(lb - 1, 0).named("byte_off");
        UInt firstBeat = address.bits(AxiConfig.ADDRESS_BITS - 1, lb).named("first_beat");
        UInt spanM1 = byteOff.add(elemBytes).subWrap(1).shr(lb);
        UInt cnt = spanM1.resize(cntBits).addWrap(1).named("beat_count");
        UInt lastBeat = firstBeat.addWrap(spanM1.resize(beatBits)).named("last_beat");
        UInt prevLast = reg("prev_last", uint(beatBits));
        Bool havePrev = regInit("have_prev", bool(), 0);
        Bool shares = havePrev.and(firstBeat.eq(prevLast)).named("shares");
        UInt newStart = mux(shares, firstBeat.addWrap(1), firstBeat);
        UInt newCount = cnt.subWrap(mux(shares, U(1, cntBits), U(0, cntBits)));
        UInt newEnd = lastBeat.addWrap(1);

        // ---- stage 2: element register, burst former ----
        Bool elemValid = regInit("elem_valid", bool(), 0);
        UInt eStart = reg("e_start", uint(beatBits)), eEnd = reg("e_end", uint(beatBits));
        UInt eNew = reg("e_new", uint(cntBits));
        // Per element, down to the bank write: its beats, its bytes' place, its destination, its
        // command's target and whether it is the command's last element (then done pulses).
        UInt descriptor = cat(walker.last, target, cnt, shares, byteOff, bank, bankAddr);
        UInt eDesc = reg("e_desc", uint(descriptor.width()));

        UInt runStart = reg("run_start", uint(beatBits)), runEnd = reg("run_end", uint(beatBits));
        UInt runLen = regInit("run_len", uint(runBits), 0);
        Bool runEmpty = runLen.eq(0);

        // The walker runs ahead of the returning data by at most this many elements; on a contiguous
        // load (about one beat per element) that has to cover every burst in flight.
        int elemDepth = Math.min(512, Math.max(64, a.outstanding() * a.burstBeats()));
        Fifo<UInt> elemFifo = instance("elem_fifo", Fifo.ofWidth(descriptor.width(), elemDepth));

        // AR: a burst cut off the run's front, held in a register until the slave takes it. A run
        // as long as a burst is cut at once; an element that continues the run joins it in the same
        // cycle; one that does not joins a fresh run in the cycle the old one is cut whole.
        int beatsPerPage = 4096 / beatBytes;
        int pageBits = Integer.numberOfTrailingZeros(beatsPerPage);
        int limitBits = Math.max(pageBits + 1, EngineWidths.bitsFor(a.burstBeats()));
        UInt toPage = U(beatsPerPage, limitBits).subWrap(runStart.bits(pageBits - 1, 0).zext(limitBits));
        UInt limit = mux(toPage.lt(a.burstBeats()), toPage, U(a.burstBeats(), limitBits)).named("burst_limit");
        UInt chunk = mux(runLen.lt(limit), runLen.resize(limit.width()), limit).named("chunk");
        Bool arValid = regInit("ar_valid", bool(), 0);
        UInt arAddr = reg("ar_addr", uint(AxiConfig.ADDRESS_BITS));
        UInt arLen = reg("ar_len", uint(8));
        UInt inFlight = regInit("bursts_in_flight", uint(EngineWidths.bitsFor(a.outstanding())), 0);
        Bool arFree = arValid.not().or(mAxi.ar.ready);
        Bool canCarve = arFree.and(runEmpty.not()).and(inFlight.lt(a.outstanding())).and(draining.not());
        Bool fullCut = canCarve.and(runLen.ge(limit)).named("full_cut");
        Bool roomAfterCut = mux(fullCut, runLen.subWrap(chunk.resize(runBits)), runLen).lt(a.burstBeats());
        Bool offered = elemValid.and(elemFifo.in.ready).and(draining.not());
        // A run never spans two commands: once a command's last element has joined it, the run is
        // sealed and the next command starts a fresh one, so a command's bursts (and its done) do
        // not depend on when the next command comes.
        Bool sealed = regInit("run_sealed", bool(), 0);
        Bool continues = eNew.eq(0).or(runEmpty).or(eStart.eq(runEnd).and(sealed.not()));
        Bool join = offered.and(continues).and(roomAfterCut).named("join");
        // Cut a burst when it is full, when no element joined the run this cycle, or when no burst
        // is in flight: the memory would otherwise wait for the run to grow, while the first beats
        // could already be on their way (on a long contiguous LOAD only the first burst is short).
        Bool memoryIdle = inFlight.eq(0).named("memory_idle");
        Bool carve = fullCut.or(canCarve.and(join.not().or(memoryIdle))).named("carve");
        Bool fresh = offered.and(continues.not()).and(carve).and(runLen.le(limit)).named("fresh");
        Bool absorb = join.or(fresh).named("absorb");

        Bool stop = draining.or(faultPending);
        Bool advance = walker.valid.and(checksOk).and(stop.not()).and(elemValid.not().or(absorb)).named("advance");
        Bool walkFault = walker.valid.and(checksOk.not()).and(stop.not()).named("walk_fault");
        walker.next.assign(advance);
        walkerFree.assign(walker.valid.not().or(walker.last.and(advance)));
        when(accept, () -> havePrev.assign(0)).elseWhen(advance, () -> {
            havePrev.assign(1);
            prevLast.assign(lastBeat);
        });
        when(advance, () -> {
            elemValid.assign(1);
            eStart.assign(newStart);
            eEnd.assign(newEnd);
            eNew.assign(newCount);
            eDesc.assign(descriptor);
        }).elseWhen(absorb.or(draining), () -> elemValid.assign(0));

        when(carve, () -> {
            arValid.assign(1);
            arAddr.assign(cat(runStart, U(0, lb)));
            arLen.assign(chunk.subWrap(1).resize(8));
        }).elseWhen(mAxi.ar.ready, () -> arValid.assign(0));

        elemFifo.in.valid.assign(absorb);
        elemFifo.in.data.assign(eDesc);
        Bool grow = absorb.and(eNew.ne(0));
        UInt runAfterCut = runLen.subWrap(mux(carve, chunk.resize(runBits), U(0, runBits)));
        when(draining, () -> runLen.assign(0)).otherwise(() ->
                runLen.assign(runAfterCut.addWrap(mux(grow, eNew.resize(runBits), U(0, runBits)))));
        when(grow.and(runEmpty.or(fresh)), () -> runStart.assign(eStart))
                .elseWhen(carve, () -> runStart.assign(runStart.addWrap(chunk.resize(beatBits))));
        when(grow, () -> runEnd.assign(eEnd));
        Bool eLast = eDesc.bit(descriptor.width() - 1);
        when(draining, () -> sealed.assign(0)).elseWhen(absorb, () -> sealed.assign(eLast))
                .elseWhen(runAfterCut.eq(0), () -> sealed.assign(0));

        // ---- stage 3: R beats ----
        Fifo<UInt> beatFifo = instance("beat_fifo", Fifo.ofWidth(a.dataBits(), 4));
        Axi4.ReadData r = mAxi.r;
        r.ready.assign(draining.or(beatFifo.in.ready));
        Bool rFire = r.valid.and(r.ready);
        Bool rError = rFire.and(r.resp.ne(Axi4.RESP_OKAY)).and(draining.not()).named("r_error");
        rErrorNow.assign(rError);
        beatFifo.in.valid.assign(rFire.and(draining.not()).and(rError.not()));
        beatFifo.in.data.assign(r.data);
        Bool burstEnd = rFire.and(r.last);
        inFlight.assign(inFlight.addWrap(mux(carve, U(1, 1), U(0, 1)).zext(inFlight.width()))
                .subWrap(mux(burstEnd, U(1, 1), U(0, 1)).zext(inFlight.width())));

        // ---- stage 4: assembler ----
        UInt d = elemFifo.out.data;
        int addrLo = 0, bankLo = addrBits, offLo = bankLo + bankBits, sharesAt = offLo + lb, cntLo = sharesAt + 1;
        int targetLo = cntLo + cntBits, lastAt = targetLo + LoadTarget.BITS;
        UInt dTarget = d.bits(lastAt - 1, targetLo);
        Bool dLast = d.bit(lastAt);
        UInt dAddr = d.bits(bankLo - 1, addrLo), dBank = d.bits(offLo - 1, bankLo);
        UInt dOff = d.bits(sharesAt - 1, offLo);
        Bool dShares = d.bit(sharesAt);
        UInt dCnt = d.bits(cntLo + cntBits - 1, cntLo);
        Bool eReady = elemFifo.out.valid;
        UInt needNew = dCnt.subWrap(mux(dShares, U(1, cntBits), U(0, cntBits)));
        UInt have = regInit("have", uint(cntBits), 0);
        Bool pop = eReady.and(have.lt(needNew)).and(beatFifo.out.valid).and(draining.not()).named("beat_pop");
        UInt haveNext = have.addWrap(mux(pop, U(1, cntBits), U(0, cntBits)));
        Bool emit = eReady.and(haveNext.eq(needNew)).and(draining.not()).named("emit");
        Vec<UInt> window = reg("window", vec(maxBeats, uint(a.dataBits())));
        List<UInt> shifted = new ArrayList<>();
        for (int k = 0; k < maxBeats; k++) {
            shifted.add(k == maxBeats - 1 ? beatFifo.out.data : window.get(k + 1));
        }
        List<UInt> nextWindow = new ArrayList<>();
        for (int k = 0; k < maxBeats; k++) {
            UInt wk = mux(pop, shifted.get(k), window.get(k));
            nextWindow.add(wk);
            window.get(k).assign(wk);
        }
        List<UInt> msbFirst = new ArrayList<>(nextWindow);
        Collections.reverse(msbFirst);
        UInt windowBits = cat(msbFirst).named("window_bits");
        // The element's first beat sits maxBeats - count beats below the newest one.
        int skipBits = EngineWidths.bitsFor(maxBeats);
        UInt skipBeats = U(maxBeats, skipBits).subWrap(dCnt.resize(skipBits));
        UInt skipBytes = cat(skipBeats, dOff);
        UInt elementBits = windowBits.shr(cat(skipBytes, U(0, 3))).trunc(dataBits).named("element_bits");
        UInt keepMask = mux(dTarget.eq(LoadTarget.BIAS.code()), U(AxiTieOff.ones(32), dataBits), U(AxiTieOff.ones(8 * c.icp()), dataBits));
        beatFifo.out.ready.assign(pop.or(draining));
        elemFifo.out.ready.assign(emit.or(draining));
        when(emit.or(draining).or(acceptIdle), () -> have.assign(0)).otherwise(() -> have.assign(haveNext));

        UInt elemsInFlight = regInit("elems_in_flight", uint(EngineWidths.bitsFor(elemDepth)), 0);
        Bool elemOut = eReady.and(emit.or(draining));
        elemsInFlight.assign(elemsInFlight.addWrap(mux(absorb, U(1, 1), U(0, 1)).zext(elemsInFlight.width()))
                .subWrap(mux(elemOut, U(1, 1), U(0, 1)).zext(elemsInFlight.width())));

        ldWe.assign(regNext("ld_we_r", emit, 0));
        ldSel.assign(regNext("ld_sel_r", dTarget));
        ldBank.assign(regNext("ld_bank_r", dBank));
        ldAddr.assign(regNext("ld_addr_r", dAddr));
        ldData.assign(regNext("ld_data_r", elementBits.and(keepMask)));

        // ---- completion ----
        Bool empty = walker.valid.not().and(elemValid.not()).and(runEmpty).and(arValid.not())
                .and(inFlight.eq(0)).and(elemsInFlight.eq(0)).and(beatFifo.out.valid.not()).named("empty");
        Bool finish = active.and(empty);
        Bool abortNow = active.and(abort).and(draining.not());
        walker.halt.assign(abortNow.or(rError).or(walkFault));
        when(accept, () -> active.assign(1)).elseWhen(finish, () -> active.assign(0));
        when(acceptIdle, () -> draining.assign(0)).elseWhen(abortNow.or(rError), () -> draining.assign(1));
        when(acceptIdle.or(abortNow).or(rError), () -> faultPending.assign(0))
                .elseWhen(walkFault, () -> {
                    faultPending.assign(1);
                    pendingCode.assign(mux(regionOk, U(Fault.BANK_RANGE.code(), 8), U(Fault.REGION_BOUNDS.code(), 8)));
                });
        // Each command is done in the cycle after its last element's bank write (in order).
        // A command without elements is taken only while idle and is done one cycle later.
        Bool lastWritten = regNext("last_written", emit.and(dLast).and(draining.not()), 0);
        Bool emptyCommand = regNext("empty_command", acceptIdle.and(hasElements.not()), 0);
        Bool doneNow = lastWritten.or(emptyCommand.and(draining.not()).and(faultPending.not()));
        Bool faultNow = rError.or(finish.and(draining.not()).and(faultPending));
        UInt code = regInit("fault_code_r", uint(8), 0);
        when(rError, () -> code.assign(Fault.AXI_RESPONSE.code()))
                .elseWhen(faultNow, () -> code.assign(pendingCode));
        done.assign(regNext("done_r", doneNow, 0));
        fault.assign(regNext("fault_r", faultNow, 0));
        faultCode.assign(code);
        busy.assign(active);

        // ---- AXI: read address fields; the write channels are unused ----
        mAxi.ar.valid.assign(arValid);
        mAxi.ar.addr.assign(arAddr);
        mAxi.ar.len.assign(arLen);
        mAxi.ar.id.assign(0);
        mAxi.ar.size.assign(lb);
        mAxi.ar.burst.assign(Axi4.BURST_INCR);
        mAxi.ar.lock.assign(0);
        mAxi.ar.cache.assign(0);
        mAxi.ar.prot.assign(0);
        mAxi.ar.qos.assign(0);
        mAxi.ar.region.assign(0);
        AxiTieOff.write(mAxi);
    }

    /** Destination of element index {@code idx} for each target, and whether it is inside the buffer. */
    private static void bankDecode(DpuConfig c, UInt idx, UInt target, UInt bank, UInt addr, Bool ok) {
        int bankBits = bank.width(), addrBits = addr.width();
        int slotBits = Long.numberOfTrailingZeros(c.actCapacityWords());
        int actBankBits = Integer.numberOfTrailingZeros(c.actBanks());
        Bool actOk = idx.bits(31, slotBits).eq(0);
        UInt actBank = actBankBits == 0 ? U(0, bankBits) : idx.bits(actBankBits - 1, 0).resize(bankBits);
        UInt actAddr = idx.bits(slotBits - 1, actBankBits).resize(addrBits);
        UInt column = idx.bits(5, 0);
        Bool columnOk = column.lt(c.ocp());
        int wBits = Integer.numberOfTrailingZeros(c.weightBankDepth());
        int bBits = Integer.numberOfTrailingZeros(c.biasLoadDepth()); // +tflite: multipliers and shifts above the biases
        Bool wOk = columnOk.and(idx.bits(31, 6 + wBits).eq(0));
        Bool bOk = columnOk.and(idx.bits(31, 6 + bBits).eq(0));
        UInt wAddr = idx.bits(6 + wBits - 1, 6).resize(addrBits);
        UInt bAddr = idx.bits(6 + bBits - 1, 6).resize(addrBits);
        UInt colBank = column.resize(bankBits);
        bank.assign(mux(target.eq(LoadTarget.ACTIVATIONS.code()), actBank, colBank));
        addr.assign(mux(target.eq(LoadTarget.ACTIVATIONS.code()), actAddr,
                mux(target.eq(LoadTarget.WEIGHTS.code()), wAddr, bAddr)));
        ok.assign(mux(target.eq(LoadTarget.ACTIVATIONS.code()), actOk,
                mux(target.eq(LoadTarget.WEIGHTS.code()), wOk,
                        mux(target.eq(LoadTarget.BIAS.code()), bOk, B(false)))));
    }

    @Override
    protected String moduleName() {
        return "dpu_load_engine";
    }
}
