package org.jdpu.hdl.lib;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * A full AXI4 memory-mapped interface with bursts (AMBA AXI and ACE specification, part A), seen
 * from the master: as an output of a master its master-driven signals are outputs, as an input of
 * a slave the same bundle is the slave's (flipped) view. Verilog names follow the specification
 * ({@code <port>_awid}, {@code <port>_awlen}, {@code <port>_wlast}, {@code <port>_rresp}, ...).
 *
 * <p>Five ready/valid channels; a transfer happens on each edge where a channel's {@code fire()}
 * is high. A burst of {@code len + 1} beats of {@code 2^size} bytes each is described once on AW
 * or AR; W carries {@code last} on its final beat, R on the final beat of each read burst; B and
 * R carry the transaction's {@code id}. AXI3's {@code wid} and the optional {@code user}
 * signals are not included.
 */
public final class Axi4 extends Bundle {
    /** {@code burst} encodings. */
    public static final int BURST_FIXED = 0, BURST_INCR = 1, BURST_WRAP = 2;
    /** {@code resp} encodings (shared with AXI4-Lite). */
    public static final int RESP_OKAY = 0, RESP_EXOKAY = 1, RESP_SLVERR = 2, RESP_DECERR = 3;

    public final Address aw;
    public final WriteData w;
    public final WriteResponse b;
    public final Address ar;
    public final ReadData r;
    private final int addrWidth, dataWidth, idWidth;

    /**
     * @param addrWidth address bits
     * @param dataWidth data bits: a power of two from 8 to 1024
     * @param idWidth   transaction id bits, at least 1
     */
    public Axi4(int addrWidth, int dataWidth, int idWidth) {
        checkWidth("address", addrWidth);
        checkWidth("id", idWidth);
        if (dataWidth < 8 || dataWidth > 1024 || Integer.bitCount(dataWidth) != 1) {
            throw new IllegalArgumentException("AXI4 data is a power of two from 8 to 1024 bits wide, not " + dataWidth);
        }
        this.addrWidth = addrWidth;
        this.dataWidth = dataWidth;
        this.idWidth = idWidth;
        aw = field("", new Address("aw", addrWidth, idWidth));
        w = field("", new WriteData(dataWidth));
        b = flipped("", new WriteResponse(idWidth));
        ar = field("", new Address("ar", addrWidth, idWidth));
        r = flipped("", new ReadData(dataWidth, idWidth));
    }

    public int addrWidth() {
        return addrWidth;
    }

    public int dataWidth() {
        return dataWidth;
    }

    public int idWidth() {
        return idWidth;
    }

    static void checkWidth(String what, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("the " + what + " width must be at least 1, got " + width);
        }
    }

    /** AW or AR: the burst's id, start address, length (beats - 1), beat size (log2 bytes), type and attributes. */
    public static final class Address extends Bundle {
        public final UInt id;
        public final UInt addr;
        public final UInt len;
        public final UInt size;
        public final UInt burst;
        public final Bool lock;
        public final UInt cache;
        public final UInt prot;
        public final UInt qos;
        public final UInt region;
        public final Bool valid;
        public final Bool ready;

        Address(String ch, int addrWidth, int idWidth) {
            id = field(ch + "id", uint(idWidth));
            addr = field(ch + "addr", uint(addrWidth));
            len = field(ch + "len", uint(8));
            size = field(ch + "size", uint(3));
            burst = field(ch + "burst", uint(2));
            lock = field(ch + "lock", bool());
            cache = field(ch + "cache", uint(4));
            prot = field(ch + "prot", uint(3));
            qos = field(ch + "qos", uint(4));
            region = field(ch + "region", uint(4));
            valid = field(ch + "valid", bool());
            ready = flipped(ch + "ready", bool());
        }

        public Bool fire() {
            return valid.and(ready);
        }
    }

    /** W: one beat of write data with its byte strobes; {@code last} on the burst's final beat. */
    public static final class WriteData extends Bundle {
        public final UInt data;
        public final UInt strb;
        public final Bool last;
        public final Bool valid;
        public final Bool ready;

        WriteData(int dataWidth) {
            data = field("wdata", uint(dataWidth));
            strb = field("wstrb", uint(dataWidth / 8));
            last = field("wlast", bool());
            valid = field("wvalid", bool());
            ready = flipped("wready", bool());
        }

        public Bool fire() {
            return valid.and(ready);
        }
    }

    /** B: the write response of burst {@code id}, from the slave (mounted flipped in {@link Axi4}). */
    public static final class WriteResponse extends Bundle {
        public final UInt id;
        public final UInt resp;
        public final Bool valid;
        public final Bool ready;

        WriteResponse(int idWidth) {
            id = field("bid", uint(idWidth));
            resp = field("bresp", uint(2));
            valid = field("bvalid", bool());
            ready = flipped("bready", bool());
        }

        public Bool fire() {
            return valid.and(ready);
        }
    }

    /** R: one beat of read data of burst {@code id} with its response, from the slave (mounted flipped). */
    public static final class ReadData extends Bundle {
        public final UInt id;
        public final UInt data;
        public final UInt resp;
        public final Bool last;
        public final Bool valid;
        public final Bool ready;

        ReadData(int dataWidth, int idWidth) {
            id = field("rid", uint(idWidth));
            data = field("rdata", uint(dataWidth));
            resp = field("rresp", uint(2));
            last = field("rlast", bool());
            valid = field("rvalid", bool());
            ready = flipped("rready", bool());
        }

        public Bool fire() {
            return valid.and(ready);
        }
    }
}
