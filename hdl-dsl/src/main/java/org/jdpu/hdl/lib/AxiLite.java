package org.jdpu.hdl.lib;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * An AXI4-Lite interface (AMBA AXI and ACE specification, part B), seen from the master: bound as
 * an output in a master ({@code output("m_axi", new AxiLite(32, 32))}) the signals the master
 * drives are outputs; bound as an input in a slave ({@code input("s_axi", ...)}) the same bundle
 * is the slave's view, every direction flipped. A parent connects the two with
 * {@code slave.sAxi.assign(master.mAxi)}. Verilog names follow the specification:
 * {@code <port>_awaddr}, {@code <port>_wready}, {@code <port>_rresp}, ...
 *
 * <p>Five independent ready/valid channels; a transfer happens on each edge where a channel's
 * {@code fire()} is high. Responses use {@link Axi4#RESP_OKAY} and the other {@code RESP_}
 * codes.
 */
public final class AxiLite extends Bundle {
    public final Address aw;
    public final WriteData w;
    public final Response b;
    public final Address ar;
    public final ReadData r;

    /**
     * @param addrWidth address bits
     * @param dataWidth 32 or 64 (the widths AXI4-Lite allows)
     */
    public AxiLite(int addrWidth, int dataWidth) {
        if (dataWidth != 32 && dataWidth != 64) {
            throw new IllegalArgumentException("AXI4-Lite data is 32 or 64 bits wide, not " + dataWidth);
        }
        Axi4.checkWidth("address", addrWidth);
        aw = field("", new Address("aw", addrWidth));
        w = field("", new WriteData(dataWidth));
        b = flipped("", new Response());
        ar = field("", new Address("ar", addrWidth));
        r = flipped("", new ReadData(dataWidth));
    }

    /** AW or AR: address and protection type, from the master. */
    public static final class Address extends Bundle {
        public final UInt addr;
        public final UInt prot;
        public final Bool valid;
        public final Bool ready;

        Address(String ch, int addrWidth) {
            addr = field(ch + "addr", uint(addrWidth));
            prot = field(ch + "prot", uint(3));
            valid = field(ch + "valid", bool());
            ready = flipped(ch + "ready", bool());
        }

        public Bool fire() {
            return valid.and(ready);
        }
    }

    /** W: write data and byte strobes, from the master. */
    public static final class WriteData extends Bundle {
        public final UInt data;
        public final UInt strb;
        public final Bool valid;
        public final Bool ready;

        WriteData(int dataWidth) {
            data = field("wdata", uint(dataWidth));
            strb = field("wstrb", uint(dataWidth / 8));
            valid = field("wvalid", bool());
            ready = flipped("wready", bool());
        }

        public Bool fire() {
            return valid.and(ready);
        }
    }

    /** B: the write response, from the slave (this bundle is mounted flipped in {@link AxiLite}). */
    public static final class Response extends Bundle {
        public final UInt resp;
        public final Bool valid;
        public final Bool ready;

        Response() {
            resp = field("bresp", uint(2));
            valid = field("bvalid", bool());
            ready = flipped("bready", bool());
        }

        public Bool fire() {
            return valid.and(ready);
        }
    }

    /** R: read data and response, from the slave (mounted flipped). */
    public static final class ReadData extends Bundle {
        public final UInt data;
        public final UInt resp;
        public final Bool valid;
        public final Bool ready;

        ReadData(int dataWidth) {
            data = field("rdata", uint(dataWidth));
            resp = field("rresp", uint(2));
            valid = field("rvalid", bool());
            ready = flipped("rready", bool());
        }

        public Bool fire() {
            return valid.and(ready);
        }
    }
}
