package org.jdpu.rtl.net;

import org.jdpu.hdl.lib.Axi4;

import java.math.BigInteger;

/** Drives the channels a one-direction AXI4 master does not use, so they stay legal and lint-clean. */
final class AxiTieOff {
    private AxiTieOff() {}

    /** A read-only master never starts a write; it would take any stray response. */
    static void write(Axi4 m) {
        m.aw.valid.assign(0);
        m.aw.id.assign(0);
        m.aw.addr.assign(0);
        m.aw.len.assign(0);
        m.aw.size.assign(0);
        m.aw.burst.assign(Axi4.BURST_INCR);
        m.aw.lock.assign(0);
        m.aw.cache.assign(0);
        m.aw.prot.assign(0);
        m.aw.qos.assign(0);
        m.aw.region.assign(0);
        m.w.valid.assign(0);
        m.w.data.assign(0);
        m.w.strb.assign(0);
        m.w.last.assign(0);
        m.b.ready.assign(1);
    }

    /** A write-only master never starts a read. */
    static void read(Axi4 m) {
        m.ar.valid.assign(0);
        m.ar.id.assign(0);
        m.ar.addr.assign(0);
        m.ar.len.assign(0);
        m.ar.size.assign(0);
        m.ar.burst.assign(Axi4.BURST_INCR);
        m.ar.lock.assign(0);
        m.ar.cache.assign(0);
        m.ar.prot.assign(0);
        m.ar.qos.assign(0);
        m.ar.region.assign(0);
        m.r.ready.assign(1);
    }

    /** The number with the low {@code bits} bits set. */
    static BigInteger ones(int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }
}
