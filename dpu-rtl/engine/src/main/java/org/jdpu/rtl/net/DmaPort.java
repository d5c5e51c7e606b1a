package org.jdpu.rtl.net;

import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Bundle;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.uint;

/**
 * The control block's side of a DMA engine (LOAD or SAVE), seen from the control block: a
 * ready/valid command carrying one decoded LOAD or SAVE (its region already resolved to a base
 * address and a bound), the engine's one-cycle done and fault pulses, its busy level and the abort
 * level the control block raises after a fault. Bound as {@code output("load", ...)} the names are
 * {@code load_cmd_valid}, {@code load_cmd_ready}, {@code load_cmd_base}, ..., {@code load_done},
 * {@code load_abort}: the engine's own ports without the prefix.
 *
 * <p>Contract with the engine: it takes a command on a {@code cmd_valid & cmd_ready} edge (an
 * engine may take the next one while earlier ones are still in flight), is {@code busy} from the
 * next cycle while any command is unfinished, and pulses {@code done} (finished) once per command
 * in the order taken, or {@code fault} (with {@code fault_code}, a
 * {@link org.jdpu.arch.isa.Fault} code) for the oldest unfinished command, after which it takes
 * no more. While
 * {@code abort} is high it stops issuing writes, completes or drains what is in flight and drops
 * {@code busy} when nothing is left.
 */
public final class DmaPort extends Bundle {
    /** Width of the fault code, as in bits 7:0 of the FAULT register. */
    public static final int FAULT_CODE_BITS = 8;

    public final Bool cmdValid = field("cmd_valid", bool());
    public final Bool cmdReady = flipped("cmd_ready", bool());
    /** LOAD only: the on-chip buffer (a {@link org.jdpu.arch.LoadTarget} code); null for SAVE. */
    public final UInt cmdTarget;
    public final UInt cmdBase = field("cmd_base", uint(AxiConfig.ADDRESS_BITS));
    public final UInt cmdBound = field("cmd_bound", uint(32));
    public final UInt cmdOffset = field("cmd_offset", uint(org.jdpu.arch.isa.Field.OFFSET.width()));
    public final UInt cmdIndex = field("cmd_index", uint(org.jdpu.arch.isa.Field.INDEX.width()));
    public final UInt cmdN0 = field("cmd_n0", uint(org.jdpu.arch.isa.Field.N0.width()));
    public final UInt cmdN1 = field("cmd_n1", uint(org.jdpu.arch.isa.Field.N1.width()));
    public final UInt cmdS0 = field("cmd_s0", uint(org.jdpu.arch.isa.Field.S0.width()));
    public final UInt cmdS1 = field("cmd_s1", uint(org.jdpu.arch.isa.Field.S1.width()));
    public final UInt cmdD0 = field("cmd_d0", uint(org.jdpu.arch.isa.Field.D0.width()));
    public final UInt cmdD1 = field("cmd_d1", uint(org.jdpu.arch.isa.Field.D1.width()));
    public final Bool done = flipped("done", bool());
    public final Bool fault = flipped("fault", bool());
    public final UInt faultCode = flipped("fault_code", uint(FAULT_CODE_BITS));
    public final Bool busy = flipped("busy", bool());
    public final Bool abort = field("abort", bool());

    /** @param withTarget true for the LOAD engine's port (it has {@code cmd_target}) */
    public DmaPort(boolean withTarget) {
        cmdTarget = withTarget ? field("cmd_target", uint(org.jdpu.arch.isa.Field.TARGET.width())) : null;
    }
}
