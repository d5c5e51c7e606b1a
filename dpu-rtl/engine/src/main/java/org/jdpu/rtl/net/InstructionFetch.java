package org.jdpu.rtl.net;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.Fifo;

import java.util.ArrayList;
import java.util.List;

import static org.jdpu.hdl.Hdl.B;
import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.cat;
import static org.jdpu.hdl.Hdl.mux;
import static org.jdpu.hdl.Hdl.reg;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.vec;
import static org.jdpu.hdl.Hdl.when;

/**
 * The instruction fetch master: reads the program over an AXI4 read channel (write channels tied
 * off) into a prefetch FIFO of whole instructions, each with a flag telling whether any of its
 * beats came back with an error response. Beats are {@code min(data bytes, 32)} bytes (narrow
 * transfers on a 64-byte bus, the lane chosen by address bit 5); bursts are INCR, at most
 * {@code burstBeats} long, never cross a 4 KiB boundary and never run past INSTR_COUNT
 * instructions. A burst is issued only when the FIFO has room for all its beats (beats in flight
 * and instructions held count against its capacity), so R is always ready and the FIFO can never
 * overflow. Issuing stops when {@code enable} drops (END decoded, a fault, or done); bursts in
 * flight are received to the end, so the bus is quiet when {@link #idle} is high.
 */
final class InstructionFetch {
    /** Beat size in bytes. */
    final int beatBytes;
    /** All fetched instructions left the FIFO and no burst is outstanding. */
    final Bool idle;

    /**
     * @param m        the AXI4 master port (id 0 on every burst)
     * @param prefetch the FIFO of (error flag, 256-bit instruction) words; its out side belongs to the decoder
     * @param clear    START: forget everything, fetch from {@code addr}
     * @param enable   may issue bursts
     * @param addr     address of instruction 0 (latched by the caller), 32-byte aligned
     * @param count    instructions the program may fetch (latched by the caller)
     */
    InstructionFetch(Axi4 m, Fifo<UInt> prefetch, int prefetchDepth, AxiConfig a, Bool clear, Bool enable,
                     UInt addr, UInt count) {
        beatBytes = Math.min(a.dataBytes(), Instruction.BYTES);
        int beatsPerInstr = Instruction.BYTES / beatBytes, beatLog = log2(beatBytes);
        int capacityBeats = prefetchDepth * beatsPerInstr;
        if (capacityBeats < a.burstBeats()) {
            throw new IllegalArgumentException("the prefetch FIFO (" + prefetchDepth + " instructions) must hold a whole burst of "
                    + a.burstBeats() + " beats of " + beatBytes + " bytes");
        }
        int beatCountBits = 32 + log2(beatsPerInstr) + 1;

        // ---- requests
        UInt nextAddr = regInit("fetch_next_addr", uint(AxiConfig.ADDRESS_BITS), 0);
        UInt issuedBeats = regInit("fetch_issued_beats", uint(beatCountBits), 0);
        UInt credit = regInit("fetch_credit_beats", uint(bitsFor(capacityBeats)), capacityBeats);
        UInt outstanding = regInit("fetch_outstanding", uint(bitsFor(a.outstanding())), 0);
        Bool arValid = regInit("fetch_ar_valid", bool(), 0);
        UInt arAddr = reg("fetch_ar_addr", uint(AxiConfig.ADDRESS_BITS));
        UInt arLen = reg("fetch_ar_len", uint(8));

        UInt totalBeats = count.zext(beatCountBits).shl(log2(beatsPerInstr)).trunc(beatCountBits);
        UInt remaining = totalBeats.subWrap(issuedBeats).named("fetch_remaining_beats");
        int boundaryBeats = 4096 / beatBytes;
        UInt toBoundary = U(boundaryBeats, 13).subWrap(nextAddr.bits(11, beatLog).zext(13)).named("fetch_boundary_beats");
        UInt len = remaining.min(toBoundary.zext(beatCountBits)).min(U(a.burstBeats(), beatCountBits))
                .trunc(9).named("fetch_burst_beats");
        Bool issue = enable.and(clear.not()).and(arValid.not()).and(remaining.ne(0))
                .and(outstanding.lt(a.outstanding())).and(credit.ge(len)).named("fetch_issue");

        Bool arFire = m.ar.fire();
        Bool rFire = m.r.fire();
        Bool burstDone = rFire.and(m.r.last);
        Bool pop = prefetch.out.fire();

        when(issue, () -> {
            arValid.assign(B(true));
            arAddr.assign(nextAddr);
            arLen.assign(len.subWrap(1).trunc(8));
            nextAddr.assign(nextAddr.addWrap(len.zext(AxiConfig.ADDRESS_BITS).shl(beatLog).trunc(AxiConfig.ADDRESS_BITS)));
            issuedBeats.assign(issuedBeats.addWrap(len.zext(beatCountBits)));
        });
        when(arFire, () -> arValid.assign(B(false)));
        UInt creditBack = mux(pop, U(beatsPerInstr, credit.width()), U(0, credit.width()));
        UInt creditTaken = mux(issue, len.zext(Math.max(credit.width(), 9)).trunc(credit.width()), U(0, credit.width()));
        credit.assign(credit.addWrap(creditBack).subWrap(creditTaken));
        when(issue.and(burstDone.not()), () -> outstanding.assign(outstanding.addWrap(1)))
                .elseWhen(burstDone.and(issue.not()), () -> outstanding.assign(outstanding.subWrap(1)));
        when(clear, () -> {
            nextAddr.assign(addr);
            issuedBeats.assign(0);
            credit.assign(capacityBeats);
            arValid.assign(B(false));
        });

        m.ar.valid.assign(arValid);
        m.ar.id.assign(0);
        m.ar.addr.assign(arAddr);
        m.ar.len.assign(arLen);
        m.ar.size.assign(U(beatLog, 3));
        m.ar.burst.assign(U(Axi4.BURST_INCR, 2));
        m.ar.lock.assign(B(false));
        m.ar.cache.assign(0);
        m.ar.prot.assign(0);
        m.ar.qos.assign(0);
        m.ar.region.assign(0);
        m.r.ready.assign(B(true));
        tieOffWrites(m);

        // ---- responses: beats assembled into instructions, little-endian (beat 0 lowest)
        UInt data = m.r.data;
        UInt beat;
        if (a.dataBytes() > Instruction.BYTES) {
            // Narrow 32-byte beats: the lane alternates with address bit 5, starting at instruction 0's.
            Bool upper = regInit("fetch_upper_lane", bool(), 0);
            when(rFire, () -> upper.assign(upper.not()));
            when(clear, () -> upper.assign(addr.bit(5)));
            List<UInt> lanes = new ArrayList<>();
            for (int i = 0; i < a.dataBytes() / Instruction.BYTES; i++) lanes.add(data.bits(256 * i + 255, 256 * i));
            beat = mux(upper, lanes.get(1), lanes.get(0));
            if (lanes.size() != 2) throw new IllegalStateException("AXI data wider than 64 bytes");
        } else {
            beat = data;
        }
        Bool beatError = m.r.resp.ne(Axi4.RESP_OKAY);
        UInt instruction;
        Bool error;
        Bool lastBeat;
        if (beatsPerInstr == 1) {
            instruction = beat;
            error = beatError;
            lastBeat = B(true);
        } else {
            UInt beatIndex = regInit("fetch_beat_index", uint(log2(beatsPerInstr)), 0);
            Vec<UInt> held = reg("fetch_held_beats", vec(beatsPerInstr - 1, uint(8 * beatBytes)));
            Bool heldError = regInit("fetch_held_error", bool(), 0);
            lastBeat = beatIndex.eq(beatsPerInstr - 1);
            List<UInt> parts = new ArrayList<>();
            parts.add(beat);
            for (int i = beatsPerInstr - 2; i >= 0; i--) parts.add(held.get(i));
            instruction = cat(parts);
            error = heldError.or(beatError);
            when(rFire, () -> {
                beatIndex.assign(beatIndex.addWrap(1));
                when(lastBeat, () -> heldError.assign(B(false))).otherwise(() -> {
                    heldError.assign(error);
                    held.write(beatIndex, beat);
                });
            });
            when(clear, () -> {
                beatIndex.assign(0);
                heldError.assign(B(false));
            });
        }
        prefetch.in.valid.assign(rFire.and(lastBeat));
        prefetch.in.data.assign(cat(error, instruction));

        UInt held = regInit("fetch_prefetched", uint(bitsFor(prefetchDepth)), 0);
        Bool push = prefetch.in.fire();
        when(push.and(pop.not()), () -> held.assign(held.addWrap(1)))
                .elseWhen(pop.and(push.not()), () -> held.assign(held.subWrap(1)));
        idle = outstanding.eq(0).and(arValid.not()).and(held.eq(0)).named("fetch_idle");
    }

    private static void tieOffWrites(Axi4 m) {
        m.aw.valid.assign(B(false));
        m.aw.id.assign(0);
        m.aw.addr.assign(0);
        m.aw.len.assign(0);
        m.aw.size.assign(0);
        m.aw.burst.assign(U(Axi4.BURST_INCR, 2));
        m.aw.lock.assign(B(false));
        m.aw.cache.assign(0);
        m.aw.prot.assign(0);
        m.aw.qos.assign(0);
        m.aw.region.assign(0);
        m.w.valid.assign(B(false));
        m.w.data.assign(0);
        m.w.strb.assign(0);
        m.w.last.assign(B(false));
        m.b.ready.assign(B(true));
    }

    static int log2(int powerOfTwo) {
        return Integer.numberOfTrailingZeros(powerOfTwo);
    }

    static int bitsFor(long max) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(max));
    }
}
