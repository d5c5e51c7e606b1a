package org.jdpu.rtl.net;

import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * The command port of a DMA engine, seen from the engine (bind it as an input): a LOAD or SAVE
 * with its region already resolved to an absolute {@code base} and a {@code bound} in bytes.
 * Ready/valid; an engine is ready while idle and, to overlap commands, once its walker has
 * presented the previous command's last element. Verilog names are {@code cmd_valid},
 * {@code cmd_ready}, {@code cmd_target} (LOAD only), {@code cmd_base}, {@code cmd_bound},
 * {@code cmd_offset}, {@code cmd_index}, {@code cmd_s0}, {@code cmd_s1}, {@code cmd_d0},
 * {@code cmd_d1}, {@code cmd_n0}, {@code cmd_n1}.
 */
public final class DmaCommand extends Bundle {
    public final Bool valid;
    public final Bool ready;
    /** LoadTarget code; null on a SAVE engine's port. */
    public final UInt target;
    public final UInt base, bound, offset, index, s0, s1, d0, d1, n0, n1;

    /** A LOAD command port (with a target) or a SAVE one (without). */
    public DmaCommand(boolean withTarget) {
        valid = field("valid", bool());
        ready = flipped("ready", bool());
        target = withTarget ? field("target", uint(LoadTarget.BITS)) : null;
        base = field("base", uint(AxiConfig.ADDRESS_BITS));
        bound = field("bound", uint(32));
        offset = field("offset", uint(32));
        index = field("index", uint(32));
        s0 = field("s0", uint(32));
        s1 = field("s1", uint(32));
        d0 = field("d0", uint(32));
        d1 = field("d1", uint(32));
        n0 = field("n0", uint(16));
        n1 = field("n1", uint(16));
    }

    public Bool fire() {
        return valid.and(ready);
    }

    /** Starts a walker on this command's loops. */
    void drive(ElementWalker w, Bool start) {
        w.start.assign(start);
        w.offset.assign(offset);
        w.index.assign(index);
        w.s0.assign(s0);
        w.s1.assign(s1);
        w.d0.assign(d0);
        w.d1.assign(d1);
        w.n0.assign(n0);
        w.n1.assign(n1);
    }
}
