package org.jdpu.memory;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;

import static org.jdpu.hdl.Hdl.B;
import static org.jdpu.hdl.Hdl.cat;
import static org.jdpu.hdl.Hdl.fill;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.when;

/**
 * The DDR under a hardware traffic generator, for measuring the model's simulation speed without
 * per-cycle calls from Java: both ports read 16-beat bursts back to back, the data port also
 * writes 16-beat bursts; every ready from the master is high. {@code beats} counts every R and W
 * beat, so the traffic can be checked and is not optimised away.
 */
final class DdrTraffic extends HwModule {
    static final String TOP = "ddr_traffic";

    DdrTraffic(AxiConfig a, int sizeBytes) {
        AxiDdr ddr = instance("memory", new AxiDdr(a, sizeBytes));
        ddr.cfgReadLatency.assign(input("cfg_read_latency", uint(DdrTiming.LATENCY_BITS)));
        ddr.cfgWriteLatency.assign(input("cfg_write_latency", uint(DdrTiming.LATENCY_BITS)));
        ddr.cfgOutstanding.assign(input("cfg_outstanding", uint(DdrTiming.OUTSTANDING_BITS)));
        ddr.cfgBeatGap.assign(input("cfg_beat_gap", uint(DdrTiming.BEAT_GAP_BITS)));
        ddr.cfgStress.assign(B(false));
        ddr.cfgSeed.assign(0);
        ddr.cfgErrorAddr.assign(0);
        ddr.cfgErrorEnable.assign(B(false));
        ddr.bdWe.assign(B(false));
        ddr.bdAddr.assign(0);
        ddr.bdWdata.assign(0);
        UInt beats = output("beats", uint(32));
        UInt rdataSeen = output("rdata_xor", uint(a.dataBits()));

        UInt count = regInit("count", uint(32), 0);
        UInt seen = regInit("seen", uint(a.dataBits()), 0);
        Bool instrR = reader(ddr.sAxiInstr, "instr", 0);
        Bool dataR = reader(ddr.sAxiData, "data", sizeBytes / 2);
        Axi4 d = ddr.sAxiData;
        UInt awAddr = regInit("aw_addr", uint(AxiConfig.ADDRESS_BITS), sizeBytes / 4);
        idle(d.aw);
        d.aw.addr.assign(awAddr);
        d.aw.len.assign(15);
        d.aw.size.assign(BurstMath.log2(a.dataBytes()));
        d.aw.valid.assign(B(true));
        when(d.aw.fire(), () -> awAddr.assign(awAddr.addWrap(16 * a.dataBytes())));
        UInt wBeat = regInit("w_beat", uint(4), 0);
        d.w.data.assign(cat(count, count, count, count).resize(a.dataBits()));
        d.w.strb.assign(fill(a.dataBytes(), B(true)));
        d.w.last.assign(wBeat.eq(15));
        d.w.valid.assign(B(true));
        Bool wFire = d.w.fire();
        when(wFire, () -> wBeat.assign(wBeat.addWrap(1)));
        d.b.ready.assign(B(true));
        when(instrR, () -> seen.assign(seen.xor(ddr.sAxiInstr.r.data)));
        count.assign(count.addWrap(instrR.add(dataR).add(wFire).resize(32)));
        beats.assign(count);
        rdataSeen.assign(seen);
        ddr.sAxiInstr.aw.valid.assign(B(false));
        idle(ddr.sAxiInstr.aw);
        ddr.sAxiInstr.aw.addr.assign(0);
        ddr.sAxiInstr.aw.len.assign(0);
        ddr.sAxiInstr.aw.size.assign(0);
        ddr.sAxiInstr.w.data.assign(0);
        ddr.sAxiInstr.w.strb.assign(0);
        ddr.sAxiInstr.w.last.assign(B(false));
        ddr.sAxiInstr.w.valid.assign(B(false));
        ddr.sAxiInstr.b.ready.assign(B(false));
    }

    /** Back-to-back 16-beat reads from {@code base} upwards; returns the R beat handshake. */
    private Bool reader(Axi4 port, String name, long base) {
        UInt addr = regInit(name + "_ar_addr", uint(AxiConfig.ADDRESS_BITS), base);
        idle(port.ar);
        port.ar.addr.assign(addr);
        port.ar.len.assign(15);
        port.ar.size.assign(BurstMath.log2(port.dataWidth() / 8));
        port.ar.valid.assign(B(true));
        when(port.ar.fire(), () -> addr.assign(addr.addWrap(2 * port.dataWidth())));
        port.r.ready.assign(B(true));
        return port.r.fire();
    }

    private static void idle(Axi4.Address ch) {
        ch.id.assign(0);
        ch.burst.assign(Axi4.BURST_INCR);
        ch.lock.assign(B(false));
        ch.cache.assign(0);
        ch.prot.assign(0);
        ch.qos.assign(0);
        ch.region.assign(0);
    }

    @Override
    protected String moduleName() {
        return TOP;
    }
}
