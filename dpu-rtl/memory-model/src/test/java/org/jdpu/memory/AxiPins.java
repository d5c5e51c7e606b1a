package org.jdpu.memory;

import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;

/** The simulator ports of one AXI4 interface named {@code <prefix>_awid} ... {@code <prefix>_rready}. */
final class AxiPins {
    final Port awid, awaddr, awlen, awsize, awburst, awvalid, awready;
    final Port wdata, wstrb, wlast, wvalid, wready;
    final Port bid, bresp, bvalid, bready;
    final Port arid, araddr, arlen, arsize, arburst, arvalid, arready;
    final Port rid, rdata, rresp, rlast, rvalid, rready;

    AxiPins(Simulator sim, String prefix) {
        awid = sim.port(prefix + "_awid");
        awaddr = sim.port(prefix + "_awaddr");
        awlen = sim.port(prefix + "_awlen");
        awsize = sim.port(prefix + "_awsize");
        awburst = sim.port(prefix + "_awburst");
        awvalid = sim.port(prefix + "_awvalid");
        awready = sim.port(prefix + "_awready");
        wdata = sim.port(prefix + "_wdata");
        wstrb = sim.port(prefix + "_wstrb");
        wlast = sim.port(prefix + "_wlast");
        wvalid = sim.port(prefix + "_wvalid");
        wready = sim.port(prefix + "_wready");
        bid = sim.port(prefix + "_bid");
        bresp = sim.port(prefix + "_bresp");
        bvalid = sim.port(prefix + "_bvalid");
        bready = sim.port(prefix + "_bready");
        arid = sim.port(prefix + "_arid");
        araddr = sim.port(prefix + "_araddr");
        arlen = sim.port(prefix + "_arlen");
        arsize = sim.port(prefix + "_arsize");
        arburst = sim.port(prefix + "_arburst");
        arvalid = sim.port(prefix + "_arvalid");
        arready = sim.port(prefix + "_arready");
        rid = sim.port(prefix + "_rid");
        rdata = sim.port(prefix + "_rdata");
        rresp = sim.port(prefix + "_rresp");
        rlast = sim.port(prefix + "_rlast");
        rvalid = sim.port(prefix + "_rvalid");
        rready = sim.port(prefix + "_rready");
    }
}
