package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;
import org.jdpu.hdl.lib.Axi4;
import org.jdpu.hdl.lib.Fifo;

import java.util.ArrayList;
import java.util.List;

import static org.jdpu.hdl.Hdl.B;
import static org.jdpu.hdl.Hdl.S;
import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.cat;
import static org.jdpu.hdl.Hdl.mux;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.regNext;
import static org.jdpu.hdl.Hdl.select;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.vec;
import static org.jdpu.hdl.Hdl.when;
import static org.jdpu.hdl.Hdl.wire;

/**
 * {@code axi_checker}: a passive monitor of one AXI4 interface. Every signal is an input
 * ({@code <prefix>_awid} ... {@code <prefix>_rready}, see {@link AxiWatch}); it drives nothing on
 * the bus. On the first cycle that breaks an {@link AxiRule} it raises {@code error} (sticky until
 * reset), with {@code error_code} (the rule's code; the lowest code when several break in that
 * cycle) and {@code error_cycle} (that cycle, counted from 0 at the first cycle after reset,
 * mod 2^32). The three outputs are registered: they show the violation from the next cycle on.
 *
 * <p>How it keeps track:
 * <ul>
 *   <li>Stability: last cycle's valid, ready and payload of each channel are kept; a channel that
 *       was valid and not ready must show the same payload and still be valid.</li>
 *   <li>Writes: AW bursts queue in order (id, address, length, size, burst). The W beats are
 *       matched to them in that order; a W beat needs its AW handshake in an earlier cycle or the
 *       same one (W before AW is reported as {@link AxiRule#W_WITHOUT_AW}; AXI would allow it, the
 *       engine's masters never do it, and so the checker can check wlast and every beat's address).
 *       A burst whose last beat has passed awaits B, counted per id.</li>
 *   <li>Reads: per id, the lengths of the outstanding bursts queue in order (AXI keeps one id's
 *       reads in order; different ids may interleave) and each id's beats are counted.</li>
 *   <li>Write window: {@code win_base_i}, {@code win_bound_i} ({@code i < 8}, byte address and size:
 *       window i is {@code [base, base + bound)}) and {@code win_enable} (bit i for window i). A W
 *       beat is placed at its burst's address (INCR and FIXED; WRAP bursts are placed as INCR), and
 *       every byte lane with its strobe set must lie in an enabled window. No enabled window means
 *       no write is allowed; one window {@code [0, 2^40)} allows all.</li>
 *   <li>The outstanding limits are those of {@link AxiConfig#outstanding()}, a contract of the
 *       engine's masters rather than of AXI.</li>
 * </ul>
 */
public final class AxiChecker extends HwModule {
    /** Number of write windows. */
    public static final int WINDOWS = 8;
    /** Width of {@code win_bound_i}: one more than the address, so a window can span the whole space. */
    public static final int BOUND_BITS = AxiConfig.ADDRESS_BITS + 1;
    /** Width of {@code error_cycle}. */
    public static final int CYCLE_BITS = 32;

    public final AxiWatch bus;
    public final Vec<UInt> winBase, winBound;
    public final UInt winEnable;
    public final Bool error;
    public final UInt errorCode, errorCycle;

    private final String prefix;
    private final List<Bool> violations = new ArrayList<>();
    private final List<AxiRule> rules = new ArrayList<>();

    /** A checker of an interface with 1-bit ids and ports named {@code axi_*}. */
    public AxiChecker(AxiConfig a) {
        this(a, 1, "axi");
    }

    /**
     * @param a       data width and outstanding limit of the interface
     * @param idWidth id bits (1..3)
     * @param prefix  the name before {@code _awid} and the others
     */
    public AxiChecker(AxiConfig a, int idWidth, String prefix) {
        if (idWidth < 1 || idWidth > 3) {
            throw new IllegalArgumentException("the checker tracks 1..3 id bits, got " + idWidth);
        }
        this.prefix = prefix;
        int addrBits = AxiConfig.ADDRESS_BITS;
        bus = input(prefix, new AxiWatch(addrBits, a.dataBits(), idWidth));
        winBase = input("win_base", vec(WINDOWS, uint(addrBits)));
        winBound = input("win_bound", vec(WINDOWS, uint(BOUND_BITS)));
        winEnable = input("win_enable", uint(WINDOWS));
        error = output("error", bool());
        errorCode = output("error_code", uint(AxiRule.CODE_BITS));
        errorCycle = output("error_cycle", uint(CYCLE_BITS));

        int depth = a.outstanding() + 1;
        checkStability();
        checkAddresses(a);
        checkWrites(a, idWidth, depth);
        checkReads(a, idWidth, depth);
        report();
    }

    @Override
    protected String moduleName() {
        return "axi_checker";
    }

    /** The name before every bus port. */
    public String prefix() {
        return prefix;
    }

    private void rule(AxiRule r, Bool broken) {
        rules.add(r);
        violations.add(broken);
    }

    // ---- valid and payload held until ready ----

    private void checkStability() {
        AxiWatch s = bus;
        stable(AxiRule.AW_UNSTABLE, "aw", s.awvalid, s.awready, cat(s.awid, s.awaddr, s.awlen, s.awsize, s.awburst));
        stable(AxiRule.W_UNSTABLE, "w", s.wvalid, s.wready, cat(s.wdata, s.wstrb, s.wlast));
        stable(AxiRule.B_UNSTABLE, "b", s.bvalid, s.bready, cat(s.bid, s.bresp));
        stable(AxiRule.AR_UNSTABLE, "ar", s.arvalid, s.arready, cat(s.arid, s.araddr, s.arlen, s.arsize, s.arburst));
        stable(AxiRule.R_UNSTABLE, "r", s.rvalid, s.rready, cat(s.rid, s.rdata, s.rresp, s.rlast));
    }

    private void stable(AxiRule r, String ch, Bool valid, Bool ready, UInt payload) {
        Bool waiting = regNext(ch + "_waiting", valid.and(ready.not()), 0);
        UInt before = regNext(ch + "_payload", payload);
        rule(r, waiting.and(valid.not().or(payload.ne(before))));
    }

    // ---- size and 4 KiB rules ----

    private void checkAddresses(AxiConfig a) {
        AxiWatch s = bus;
        Bool awFire = s.awvalid.and(s.awready), arFire = s.arvalid.and(s.arready);
        rule(AxiRule.AW_SIZE_TOO_WIDE, awFire.and(BurstMath.sizeTooWide(s.awsize, a.dataBytes())));
        rule(AxiRule.AR_SIZE_TOO_WIDE, arFire.and(BurstMath.sizeTooWide(s.arsize, a.dataBytes())));
        rule(AxiRule.AW_CROSSES_4K, awFire.and(crosses4k(s.awaddr, s.awlen, s.awsize, s.awburst)));
        rule(AxiRule.AR_CROSSES_4K, arFire.and(crosses4k(s.araddr, s.arlen, s.arsize, s.arburst)));
    }

    private static Bool crosses4k(UInt addr, UInt len, UInt size, UInt burst) {
        UInt last = BurstMath.lastByte(addr, len, size);
        return burst.eq(Axi4.BURST_INCR).and(last.bits(last.width() - 1, 12).ne(addr.bits(addr.width() - 1, 12).resize(last.width() - 12)));
    }

    // ---- writes: AW order, W beats, B per id, window ----

    private void checkWrites(AxiConfig a, int idWidth, int depth) {
        AxiWatch s = bus;
        int addrBits = AxiConfig.ADDRESS_BITS;
        Bool awFire = s.awvalid.and(s.awready), wFire = s.wvalid.and(s.wready), bFire = s.bvalid.and(s.bready);
        // Queue word: burst(2) size(3) addr len(8) id, least significant last.
        int width = 2 + 3 + addrBits + 8 + idWidth;
        Fifo<UInt> bursts = instance("aw_queue", new Fifo<>(() -> uint(width), depth, Fifo.Storage.REGISTERS));
        UInt awWord = cat(s.awburst, s.awsize, s.awaddr, s.awlen, s.awid);
        Bool firstBeat = wire("w_first", bool());
        Bool bypass = wFire.and(firstBeat).and(bursts.out.valid.not()).and(awFire); // AW and its first W in one cycle
        bursts.in.valid.assign(awFire.and(bypass.not()));
        bursts.in.data.assign(awWord);
        UInt head = mux(bursts.out.valid, bursts.out.data, awWord);

        UInt beat = regInit("w_beat", uint(8), 0);
        UInt curLen = regInit("w_len", uint(8), 0);
        UInt curId = regInit("w_id", uint(idWidth), 0);
        UInt curSize = regInit("w_size", uint(3), 0);
        UInt curBurst = regInit("w_burst", uint(2), 0);
        UInt nextAddr = regInit("w_addr", uint(addrBits), 0);
        firstBeat.assign(beat.eq(0));
        Bool known = firstBeat.not().or(bursts.out.valid).or(awFire);
        UInt len = mux(firstBeat, head.bits(idWidth + 7, idWidth), curLen);
        UInt id = mux(firstBeat, head.bits(idWidth - 1, 0), curId);
        UInt addr = mux(firstBeat, head.bits(idWidth + 8 + addrBits - 1, idWidth + 8), nextAddr);
        UInt size = mux(firstBeat, head.bits(width - 3, width - 5), curSize);
        UInt burst = mux(firstBeat, head.bits(width - 1, width - 2), curBurst);
        Bool lastBeat = beat.eq(len);
        Bool beatOk = wFire.and(known);
        bursts.out.ready.assign(beatOk.and(firstBeat).and(bursts.out.valid));
        when(beatOk, () -> {
            beat.assign(mux(lastBeat, U(0, 8), beat.addWrap(1)));
            curLen.assign(len);
            curId.assign(id);
            curSize.assign(size);
            curBurst.assign(burst);
            nextAddr.assign(mux(burst.eq(Axi4.BURST_FIXED), addr, BurstMath.nextIncr(addr, size)));
        });
        rule(AxiRule.W_WITHOUT_AW, wFire.and(known.not()));
        rule(AxiRule.WLAST_WRONG, beatOk.and(s.wlast.ne(lastBeat)));

        // B: completed bursts await their response, counted per id.
        int ids = 1 << idWidth;
        Bool done = beatOk.and(lastBeat);
        UInt awaiting = regInit("b_awaiting", uint(8), 0);
        List<Bool> hasId = new ArrayList<>();
        for (int i = 0; i < ids; i++) {
            UInt n = regInit("b_awaiting_" + i, uint(8), 0);
            Bool add = done.and(id.eq(i)), take = bFire.and(s.bid.eq(i)).and(n.ne(0));
            when(add.and(take.not()), () -> n.assign(n.addWrap(1)))
                    .elseWhen(take.and(add.not()), () -> n.assign(n.subWrap(1)));
            hasId.add(n.ne(0));
        }
        Bool bKnown = select(s.bid, hasId);
        Bool bTaken = bFire.and(bKnown);
        when(done.and(bTaken.not()), () -> awaiting.assign(awaiting.addWrap(1)))
                .elseWhen(bTaken.and(done.not()), () -> awaiting.assign(awaiting.subWrap(1)));
        rule(AxiRule.B_WITHOUT_WRITE, bFire.and(awaiting.eq(0)));
        rule(AxiRule.B_ID_MISMATCH, bFire.and(awaiting.ne(0)).and(bKnown.not()));

        rule(AxiRule.WRITE_OUTSIDE_WINDOW, beatOk.and(s.wstrb.and(windowLanes(a, addr).not()).orR()));

        UInt inFlight = regInit("writes_in_flight", uint(8), 0);
        when(awFire.and(bFire.not()), () -> inFlight.assign(inFlight.addWrap(1)))
                .elseWhen(bFire.and(awFire.not()).and(inFlight.ne(0)), () -> inFlight.assign(inFlight.subWrap(1)));
        rule(AxiRule.WRITES_OUTSTANDING, awFire.and(bFire.not()).and(inFlight.ge(a.outstanding())));
    }

    /** The byte lanes of the bus word holding {@code addr} that lie inside an enabled window. */
    private UInt windowLanes(AxiConfig a, UInt addr) {
        int db = a.dataBytes();
        int lb = BurstMath.log2(db);
        UInt word = cat(addr.bits(addr.width() - 1, lb), U(0, lb));
        UInt covered = U(0, db);
        for (int i = 0; i < WINDOWS; i++) {
            UInt base = winBase.get(i);
            UInt end = base.add(winBound.get(i)); // 42 bits, never wraps
            UInt lo = laneIndex(base.sub(word), db);
            UInt hi = laneIndex(end.sub(word), db);
            UInt lanes = lanesBelow(hi, db).and(lanesBelow(lo, db).not());
            covered = covered.or(mux(winEnable.bit(i), lanes, U(0, db)));
        }
        return covered;
    }

    /** An offset from the word's first byte, clamped to 0..dataBytes. */
    private static UInt laneIndex(SInt offset, int db) {
        int w = BurstMath.log2(db) + 1;
        Bool negative = offset.lt(S(0, 2));
        Bool beyond = offset.gt(S(db, w + 1));
        UInt inside = offset.asUInt().bits(w - 1, 0);
        return mux(negative, U(0, w), mux(beyond, U(db, w), inside));
    }

    /** The lanes below {@code n} (0..dataBytes) as a mask. */
    private static UInt lanesBelow(UInt n, int db) {
        return U(1, 1).shl(n).subWrap(1).bits(db - 1, 0);
    }

    // ---- reads: per id, outstanding lengths in order ----

    private void checkReads(AxiConfig a, int idWidth, int depth) {
        AxiWatch s = bus;
        Bool arFire = s.arvalid.and(s.arready), rFire = s.rvalid.and(s.rready);
        int ids = 1 << idWidth;
        List<Bool> has = new ArrayList<>(), last = new ArrayList<>();
        for (int i = 0; i < ids; i++) {
            Fifo<UInt> lens = instance("r_lens_" + i, new Fifo<>(() -> uint(8), depth, Fifo.Storage.REGISTERS));
            lens.in.valid.assign(arFire.and(s.arid.eq(i)));
            lens.in.data.assign(s.arlen);
            UInt beat = regInit("r_beat_" + i, uint(8), 0);
            Bool isLast = beat.eq(lens.out.data);
            Bool mine = rFire.and(s.rid.eq(i)).and(lens.out.valid);
            lens.out.ready.assign(mine.and(isLast));
            when(mine, () -> beat.assign(mux(isLast, U(0, 8), beat.addWrap(1))));
            has.add(lens.out.valid);
            last.add(isLast);
        }
        Bool known = select(s.rid, has);
        Bool expectLast = select(s.rid, last);
        UInt inFlight = regInit("reads_in_flight", uint(8), 0);
        Bool finished = rFire.and(known).and(expectLast);
        when(arFire.and(finished.not()), () -> inFlight.assign(inFlight.addWrap(1)))
                .elseWhen(finished.and(arFire.not()), () -> inFlight.assign(inFlight.subWrap(1)));
        rule(AxiRule.R_WITHOUT_READ, rFire.and(inFlight.eq(0)));
        rule(AxiRule.R_ID_MISMATCH, rFire.and(inFlight.ne(0)).and(known.not()));
        rule(AxiRule.RLAST_WRONG, rFire.and(known).and(s.rlast.ne(expectLast)));
        rule(AxiRule.READS_OUTSTANDING, arFire.and(finished.not()).and(inFlight.ge(a.outstanding())));
    }

    // ---- the first violation, kept ----

    private void report() {
        UInt cycle = regInit("cycle", uint(CYCLE_BITS), 0);
        cycle.assign(cycle.addWrap(1));
        Bool seen = regInit("seen", bool(), 0);
        UInt code = regInit("code", uint(AxiRule.CODE_BITS), 0);
        UInt at = regInit("at", uint(CYCLE_BITS), 0);
        Bool any = B(false);
        UInt first = U(0, AxiRule.CODE_BITS);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> rules.get(y).code() - rules.get(x).code()); // highest code first: the lowest ends outermost
        for (int i : order) {
            first = mux(violations.get(i), U(rules.get(i).code(), AxiRule.CODE_BITS), first);
            any = any.or(violations.get(i));
        }
        Bool hit = any.and(seen.not());
        UInt firstCode = first;
        when(hit, () -> {
            seen.assign(B(true));
            code.assign(firstCode);
            at.assign(cycle);
        });
        error.assign(seen);
        errorCode.assign(code);
        errorCycle.assign(at);
    }
}
