package org.jdpu.hdl.lib;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * An AXI4-Stream interface (AMBA 4 AXI4-Stream protocol), seen from the transmitter: as an output
 * ({@code output("m_axis", new AxiStream(64))}) tdata, tkeep, tlast, tvalid and the optional
 * tid, tdest and tuser are outputs and tready an input; as an input it is the receiver's view.
 * A transfer happens on each edge where {@link #fire()} is high; {@code tkeep} has one bit per
 * data byte, {@code tlast} marks a packet's final transfer. Verilog names are
 * {@code <port>_tdata}, {@code <port>_tready}, ...
 */
public final class AxiStream extends Bundle {
    public final UInt data;
    public final UInt keep;
    public final Bool last;
    /** Null when built with an id width of 0; likewise {@code dest} and {@code user}. */
    public final UInt id;
    public final UInt dest;
    public final UInt user;
    public final Bool valid;
    public final Bool ready;

    /** A stream of {@code dataWidth} bits (a multiple of 8) with tkeep and tlast only. */
    public AxiStream(int dataWidth) {
        this(dataWidth, 0, 0, 0);
    }

    /** With optional tid, tdest and tuser of the given widths (0: left out). */
    public AxiStream(int dataWidth, int idWidth, int destWidth, int userWidth) {
        if (dataWidth < 8 || dataWidth % 8 != 0) {
            throw new IllegalArgumentException("AXI4-Stream data is a whole number of bytes, not " + dataWidth + " bits");
        }
        if (idWidth < 0 || destWidth < 0 || userWidth < 0) {
            throw new IllegalArgumentException("tid, tdest and tuser widths cannot be negative");
        }
        data = field("tdata", uint(dataWidth));
        keep = field("tkeep", uint(dataWidth / 8));
        last = field("tlast", bool());
        id = idWidth == 0 ? null : field("tid", uint(idWidth));
        dest = destWidth == 0 ? null : field("tdest", uint(destWidth));
        user = userWidth == 0 ? null : field("tuser", uint(userWidth));
        valid = field("tvalid", bool());
        ready = flipped("tready", bool());
    }

    public Bool fire() {
        return valid.and(ready);
    }
}
