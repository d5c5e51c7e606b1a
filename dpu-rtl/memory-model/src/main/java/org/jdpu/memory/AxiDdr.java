package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.Mem;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;

import static org.jdpu.hdl.Hdl.B;
import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.mem;
import static org.jdpu.hdl.Hdl.mux;
import static org.jdpu.hdl.Hdl.reg;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.when;

/**
 * {@code axi_ddr}: a simulation model of DDR memory behind two AXI4 slave ports, with its timing
 * set at run time through {@code cfg_*} ports so that one Verilated model serves every setting.
 *
 * <h2>Ports</h2>
 * <ul>
 *   <li>{@code s_axi_instr_*}: read only (AR, R). Its write channels are tied off: awready, wready
 *       and bvalid are always low and its aw/w/bready inputs are ignored.</li>
 *   <li>{@code s_axi_data_*}: read and write.</li>
 *   <li>Both are {@link Axi4} slave views, {@link AxiConfig#dataBits()} wide, 40-bit addresses,
 *       1-bit ids. The attribute signals (lock, cache, prot, qos, region) are ignored.</li>
 *   <li>{@code cfg_read_latency}, {@code cfg_write_latency}, {@code cfg_outstanding},
 *       {@code cfg_beat_gap}: the fields of a {@link DdrTiming}, applied to each channel (the two
 *       read channels and the write channel each have their own latency queue, outstanding count
 *       and bandwidth throttle, as an HP port's read and write sides do). They may change at any
 *       time; an accepted burst keeps the latency it was accepted with.</li>
 *   <li>{@code cfg_stress}, {@code cfg_seed}: stress mode. A 32-bit xorshift generator, seeded
 *       from {@code cfg_seed} while {@code rst} is high (seed 0 stands for a fixed non-zero one),
 *       advances every cycle; its bits hold back every ready this slave drives (arready, awready,
 *       wready) and delay the rise of every valid (rvalid, bvalid: once high a valid stays high
 *       until taken, as AXI requires), each about half the time, and add 0..63 cycles to every
 *       burst's latency. Same seed, same cycles; data and responses never change.</li>
 *   <li>{@code cfg_error_addr}, {@code cfg_error_enable}: a burst one of whose beats covers the
 *       beat holding that byte address (compared on the full 40-bit address) answers SLVERR on
 *       every R beat, or in B (and writes nothing).</li>
 *   <li>{@code bd_we}, {@code bd_addr} (beat index), {@code bd_wdata}, {@code bd_rdata}: the
 *       backdoor, one beat per cycle, for loading and reading the image while the AXI side is
 *       idle. A write with {@code bd_we} lands on the clock edge (the whole beat); {@code bd_rdata}
 *       is the beat at the {@code bd_addr} of the previous cycle (a registered read, as the
 *       memory's other reads), so a read-back streams one beat per cycle, one cycle behind.</li>
 * </ul>
 *
 * <h2>Memory</h2>
 * {@code sizeBytes} (a power of two, 4 KiB .. 1 GiB) of beats, {@code dataBits} wide. Addresses
 * are taken modulo {@code sizeBytes}: the memory repeats across the 40-bit space, and a burst that
 * runs past the end continues at address 0. Bursts are INCR (FIXED and WRAP answer SLVERR), of any
 * length 1..256 and any beat size up to the bus width (narrow beats return the whole bus word, the
 * addressed bytes in their lanes); write strobes are honoured. Unwritten memory reads as zero.
 *
 * <h2>Ordering</h2>
 * Both ports share the one memory. A W beat is written on the clock edge of its handshake. A read
 * beat is fetched from the memory one cycle before it is first offered on R (and held there
 * until taken) and sees every write of an earlier edge; a fetch on the same edge as a write to the
 * same beat returns the data from before that write (read-first). The backdoor write is ordered
 * after an AXI write on the same edge.
 *
 * <h2>Timing</h2>
 * Latency is a timestamp per burst (see {@link DdrReadChannel}): the first R beat is offered
 * exactly {@code max(cfg_read_latency, MIN_READ_LATENCY)} cycles after the AR handshake when the
 * channel is free, B {@code max(cfg_write_latency, MIN_WRITE_LATENCY)} cycles after the last W
 * handshake; bursts of one channel are served in order. A channel accepts a new AR/AW while fewer
 * than {@code cfg_outstanding} of its bursts are unfinished (read: last R beat not yet taken;
 * write: B not yet taken), at most {@link #QUEUE_DEPTH}.
 */
public final class AxiDdr extends HwModule {
    /** Id width of both ports. */
    public static final int ID_BITS = 1;
    /** Bursts each channel can hold, the largest useful {@code cfg_outstanding}. */
    public static final int QUEUE_DEPTH = DdrTiming.MAX_OUTSTANDING;
    /** Cycles from an AR handshake to the first R beat at the least (request queue, registered memory read). */
    public static final int MIN_READ_LATENCY = 2;
    /** Cycles from the last W handshake to B at the least (response queue). */
    public static final int MIN_WRITE_LATENCY = 1;
    /** Default memory size for cosimulation: 64 MiB. */
    public static final int DEFAULT_SIZE_BYTES = 64 << 20;
    /** Width of the cycle counter behind the latency timestamps (wrapping; latencies are far shorter). */
    static final int TIME_BITS = 32;
    /** Bits of random extra latency per burst in stress mode (0..63 cycles). */
    static final int STRESS_LATENCY_BITS = 6;
    /** Replaces seed 0, which would leave the xorshift generator stuck at zero. */
    static final long SEED_FOR_ZERO = 0x2545F491L;

    public final Axi4 sAxiInstr;
    public final Axi4 sAxiData;
    public final UInt cfgReadLatency, cfgWriteLatency, cfgOutstanding, cfgBeatGap, cfgSeed, cfgErrorAddr;
    public final Bool cfgStress, cfgErrorEnable;
    public final Bool bdWe;
    public final UInt bdAddr, bdWdata, bdRdata;

    private final AxiConfig axi;
    private final int sizeBytes;

    /** A DDR of {@link #DEFAULT_SIZE_BYTES}. */
    public AxiDdr(AxiConfig a) {
        this(a, DEFAULT_SIZE_BYTES);
    }

    public AxiDdr(AxiConfig a, int sizeBytes) {
        if (Integer.bitCount(sizeBytes) != 1 || sizeBytes < 4096 || sizeBytes > (1 << 30)) {
            throw new IllegalArgumentException("DDR size must be a power of two from 4 KiB to 1 GiB, got " + sizeBytes);
        }
        this.axi = a;
        this.sizeBytes = sizeBytes;
        int memBytesBits = BurstMath.log2(sizeBytes);
        int depth = sizeBytes / a.dataBytes();

        sAxiInstr = input("s_axi_instr", new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), ID_BITS));
        sAxiData = input("s_axi_data", new Axi4(AxiConfig.ADDRESS_BITS, a.dataBits(), ID_BITS));
        cfgReadLatency = input("cfg_read_latency", uint(DdrTiming.LATENCY_BITS));
        cfgWriteLatency = input("cfg_write_latency", uint(DdrTiming.LATENCY_BITS));
        cfgOutstanding = input("cfg_outstanding", uint(DdrTiming.OUTSTANDING_BITS));
        cfgBeatGap = input("cfg_beat_gap", uint(DdrTiming.BEAT_GAP_BITS));
        cfgStress = input("cfg_stress", bool());
        cfgSeed = input("cfg_seed", uint(32));
        cfgErrorAddr = input("cfg_error_addr", uint(AxiConfig.ADDRESS_BITS));
        cfgErrorEnable = input("cfg_error_enable", bool());
        Mem<UInt> ddr = mem("ddr_beats", depth, uint(a.dataBits()), a.dataBytes(), null);
        bdWe = input("bd_we", bool());
        bdAddr = input("bd_addr", uint(ddr.addrWidth()));
        bdWdata = input("bd_wdata", uint(a.dataBits()));
        bdRdata = output("bd_rdata", uint(a.dataBits()));

        UInt now = regInit("now", uint(TIME_BITS), 0);
        now.assign(now.addWrap(1));
        UInt rnd = stressBits();

        DdrReadChannel instr = instance("instr_read", new DdrReadChannel(a, memBytesBits, QUEUE_DEPTH));
        DdrReadChannel data = instance("data_read", new DdrReadChannel(a, memBytesBits, QUEUE_DEPTH));
        DdrWriteChannel write = instance("data_write", new DdrWriteChannel(a, memBytesBits, QUEUE_DEPTH));
        int r = DdrReadChannel.RND_BITS;
        connectRead(instr, sAxiInstr, rnd.bits(r - 1, 0), now);
        connectRead(data, sAxiData, rnd.bits(2 * r - 1, r), now);
        connectWrite(write, sAxiData, rnd.bits(2 * r + DdrWriteChannel.RND_BITS - 1, 2 * r), now);
        sAxiInstr.aw.ready.assign(B(false));
        sAxiInstr.w.ready.assign(B(false));
        sAxiInstr.b.valid.assign(B(false));
        sAxiInstr.b.id.assign(0);
        sAxiInstr.b.resp.assign(0);

        instr.memRdata.assign(ddr.read(instr.memAddr, instr.memEn));
        data.memRdata.assign(ddr.read(data.memAddr, data.memEn));
        bdRdata.assign(ddr.read(bdAddr));
        when(write.memWe, () -> ddr.write(write.memAddr, write.memWdata, write.memWstrb));
        when(bdWe, () -> ddr.write(bdAddr, bdWdata));
    }

    @Override
    protected String moduleName() {
        return "axi_ddr";
    }

    public AxiConfig axiConfig() {
        return axi;
    }

    public int sizeBytes() {
        return sizeBytes;
    }

    /** Beats the memory holds (the range of {@code bd_addr}). */
    public int depthBeats() {
        return sizeBytes / axi.dataBytes();
    }

    /**
     * The xorshift32 generator of stress mode (Marsaglia's shifts 13, 17, 5), seeded while reset is
     * high; one step per cycle is three shifts and xors, cheap to simulate.
     */
    private UInt stressBits() {
        UInt state = reg("stress_state", uint(32));
        UInt s1 = state.xor(state.shl(13).trunc(32));
        UInt s2 = s1.xor(s1.shr(17).resize(32));
        UInt s3 = s2.xor(s2.shl(5).trunc(32));
        when(reset(), () -> state.assign(mux(cfgSeed.eq(0), U(SEED_FOR_ZERO, 32), cfgSeed)))
                .otherwise(() -> state.assign(s3));
        return state;
    }

    private void connectRead(DdrReadChannel ch, Axi4 port, UInt rnd, UInt now) {
        ch.ar.connect(port.ar);
        port.r.id.assign(ch.rId);
        port.r.data.assign(ch.rData);
        port.r.resp.assign(ch.rResp);
        port.r.last.assign(ch.rLast);
        port.r.valid.assign(ch.rValid);
        ch.rReady.assign(port.r.ready);
        connectConfig(rnd, now, ch.outstanding, ch.beatGap, ch.stress, ch.rnd, ch.errorAddr, ch.errorEnable, ch.now);
        ch.readLatency.assign(cfgReadLatency);
    }

    private void connectWrite(DdrWriteChannel ch, Axi4 port, UInt rnd, UInt now) {
        ch.aw.connect(port.aw);
        ch.wData.assign(port.w.data);
        ch.wStrb.assign(port.w.strb);
        ch.wValid.assign(port.w.valid);
        port.w.ready.assign(ch.wReady);
        port.b.id.assign(ch.bId);
        port.b.resp.assign(ch.bResp);
        port.b.valid.assign(ch.bValid);
        ch.bReady.assign(port.b.ready);
        connectConfig(rnd, now, ch.outstanding, ch.beatGap, ch.stress, ch.rnd, ch.errorAddr, ch.errorEnable, ch.now);
        ch.writeLatency.assign(cfgWriteLatency);
    }

    private void connectConfig(UInt rnd, UInt now, UInt outstanding, UInt beatGap, Bool stress, UInt rndIn,
            UInt errorAddr, Bool errorEnable, UInt nowIn) {
        outstanding.assign(cfgOutstanding);
        beatGap.assign(cfgBeatGap);
        stress.assign(cfgStress);
        rndIn.assign(rnd);
        errorAddr.assign(cfgErrorAddr);
        errorEnable.assign(cfgErrorEnable);
        nowIn.assign(now);
    }

    /**
     * Whether a burst must answer SLVERR: not INCR, beats wider than the bus, or (when enabled) a
     * beat of it covers the beat holding {@code errorAddr}. Built into the calling module.
     */
    static Bool burstError(UInt addr, UInt len, UInt size, UInt burst, int dataBytes, UInt errorAddr,
            Bool errorEnable, int lb) {
        Bool notIncr = burst.ne(Axi4.BURST_INCR);
        Bool tooWide = BurstMath.sizeTooWide(size, dataBytes);
        UInt firstBeat = addr.bits(addr.width() - 1, lb);
        UInt lastBeat = BurstMath.lastByte(addr, len, size).bits(addr.width(), lb);
        UInt errorBeat = errorAddr.bits(errorAddr.width() - 1, lb);
        Bool touches = errorEnable.and(errorBeat.ge(firstBeat)).and(errorBeat.le(lastBeat));
        return notIncr.or(tooWide).or(touches);
    }
}
