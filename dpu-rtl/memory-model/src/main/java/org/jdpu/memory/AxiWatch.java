package org.jdpu.memory;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Axi4;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * Every AXI4 signal a protocol monitor looks at, all running one way (a monitor only listens), named
 * as in {@link Axi4} ({@code awid}, ..., {@code rready}). The attribute signals (lock, cache, prot,
 * qos, region) are left out: no rule here concerns them.
 */
public final class AxiWatch extends Bundle {
    public final UInt awid, awaddr, awlen, awsize, awburst;
    public final Bool awvalid, awready;
    public final UInt wdata, wstrb;
    public final Bool wlast, wvalid, wready;
    public final UInt bid, bresp;
    public final Bool bvalid, bready;
    public final UInt arid, araddr, arlen, arsize, arburst;
    public final Bool arvalid, arready;
    public final UInt rid, rdata, rresp;
    public final Bool rlast, rvalid, rready;

    public AxiWatch(int addrWidth, int dataWidth, int idWidth) {
        awid = field("awid", uint(idWidth));
        awaddr = field("awaddr", uint(addrWidth));
        awlen = field("awlen", uint(8));
        awsize = field("awsize", uint(3));
        awburst = field("awburst", uint(2));
        awvalid = field("awvalid", bool());
        awready = field("awready", bool());
        wdata = field("wdata", uint(dataWidth));
        wstrb = field("wstrb", uint(dataWidth / 8));
        wlast = field("wlast", bool());
        wvalid = field("wvalid", bool());
        wready = field("wready", bool());
        bid = field("bid", uint(idWidth));
        bresp = field("bresp", uint(2));
        bvalid = field("bvalid", bool());
        bready = field("bready", bool());
        arid = field("arid", uint(idWidth));
        araddr = field("araddr", uint(addrWidth));
        arlen = field("arlen", uint(8));
        arsize = field("arsize", uint(3));
        arburst = field("arburst", uint(2));
        arvalid = field("arvalid", bool());
        arready = field("arready", bool());
        rid = field("rid", uint(idWidth));
        rdata = field("rdata", uint(dataWidth));
        rresp = field("rresp", uint(2));
        rlast = field("rlast", bool());
        rvalid = field("rvalid", bool());
        rready = field("rready", bool());
    }

    /**
     * Drives these signals (the inputs of a monitor instance, from its parent) from {@code bus}, the
     * parent's view of the interface, whichever side of it the parent is on.
     */
    public void watch(Axi4 bus) {
        awid.assign(bus.aw.id);
        awaddr.assign(bus.aw.addr);
        awlen.assign(bus.aw.len);
        awsize.assign(bus.aw.size);
        awburst.assign(bus.aw.burst);
        awvalid.assign(bus.aw.valid);
        awready.assign(bus.aw.ready);
        wdata.assign(bus.w.data);
        wstrb.assign(bus.w.strb);
        wlast.assign(bus.w.last);
        wvalid.assign(bus.w.valid);
        wready.assign(bus.w.ready);
        bid.assign(bus.b.id);
        bresp.assign(bus.b.resp);
        bvalid.assign(bus.b.valid);
        bready.assign(bus.b.ready);
        arid.assign(bus.ar.id);
        araddr.assign(bus.ar.addr);
        arlen.assign(bus.ar.len);
        arsize.assign(bus.ar.size);
        arburst.assign(bus.ar.burst);
        arvalid.assign(bus.ar.valid);
        arready.assign(bus.ar.ready);
        rid.assign(bus.r.id);
        rdata.assign(bus.r.data);
        rresp.assign(bus.r.resp);
        rlast.assign(bus.r.last);
        rvalid.assign(bus.r.valid);
        rready.assign(bus.r.ready);
    }
}
