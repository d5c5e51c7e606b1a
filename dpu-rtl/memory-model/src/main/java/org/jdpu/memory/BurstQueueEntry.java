package org.jdpu.memory;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.cat;

/**
 * The layout of one accepted burst in a DDR channel's queue, as one word: optionally its due
 * cycle, then id, error flag, size, length and byte address inside the memory (most significant
 * first). Packing by hand keeps the queue a plain {@code UInt} FIFO.
 */
final class BurstQueueEntry {
    /** One unpacked entry; {@code due} is a zero constant in a layout without it. */
    record Fields(UInt due, UInt id, Bool error, UInt size, UInt len, UInt addr) {}

    private final int addrBits;
    private final boolean withDue;

    BurstQueueEntry(int addrBits, boolean withDue) {
        this.addrBits = addrBits;
        this.withDue = withDue;
    }

    int width() {
        return (withDue ? AxiDdr.TIME_BITS : 0) + AxiDdr.ID_BITS + 1 + 3 + 8 + addrBits;
    }

    UInt pack(UInt due, UInt id, Bool error, UInt size, UInt len, UInt addr) {
        return withDue ? cat(due, id, error, size, len, addr) : cat(id, error, size, len, addr);
    }

    Fields unpack(UInt word) {
        int lo = 0;
        UInt addr = word.bits(lo + addrBits - 1, lo);
        lo += addrBits;
        UInt len = word.bits(lo + 7, lo);
        lo += 8;
        UInt size = word.bits(lo + 2, lo);
        lo += 3;
        Bool error = word.bit(lo);
        lo += 1;
        UInt id = word.bits(lo + AxiDdr.ID_BITS - 1, lo);
        lo += AxiDdr.ID_BITS;
        UInt due = withDue ? word.bits(lo + AxiDdr.TIME_BITS - 1, lo) : U(0, AxiDdr.TIME_BITS);
        return new Fields(due, id, error, size, len, addr);
    }
}
