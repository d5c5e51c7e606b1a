package org.jdpu.rtl.net;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.*;

/**
 * The two nested loops of a LOAD or SAVE: for i1 in 0..N1-1 (outer), i0 in 0..N0-1 (inner) it
 * presents one element at a time, {@code off = OFFSET + i0*S0 + i1*S1} and
 * {@code idx = INDEX + i0*D0 + i1*D1} (modulo 2^32), kept by incremental adds only: a row register
 * holds the value at i0 = 0 and the element register steps by S0/D0 inside a row.
 *
 * <p>{@code start} latches a command (N0 = 0 or N1 = 0 gives no element at all); {@code valid}
 * is high while an element is presented, {@code next} consumes it, {@code halt} stops the walk
 * (a fault or an abort). {@code last} marks the command's final element.
 */
final class ElementWalker extends HwModule {
    final Bool start, next, halt;
    final UInt offset, index, s0, s1, d0, d1, n0, n1;
    final Bool valid, last;
    final UInt off, idx;

    ElementWalker() {
        start = input("start", bool());
        next = input("next", bool());
        halt = input("halt", bool());
        offset = input("offset", uint(32));
        index = input("index", uint(32));
        s0 = input("s0", uint(32));
        s1 = input("s1", uint(32));
        d0 = input("d0", uint(32));
        d1 = input("d1", uint(32));
        n0 = input("n0", uint(16));
        n1 = input("n1", uint(16));
        valid = output("valid", bool());
        last = output("last", bool());
        off = output("off", uint(32));
        idx = output("idx", uint(32));

        Bool active = regInit("active", bool(), 0);
        UInt i0 = reg("i0", uint(16)), i1 = reg("i1", uint(16));
        UInt lastI0 = reg("last_i0", uint(16)), lastI1 = reg("last_i1", uint(16));
        UInt step0 = reg("step0", uint(32)), step1 = reg("step1", uint(32));
        UInt dstep0 = reg("dstep0", uint(32)), dstep1 = reg("dstep1", uint(32));
        UInt offR = reg("off_r", uint(32)), idxR = reg("idx_r", uint(32));
        UInt rowOff = reg("row_off", uint(32)), rowIdx = reg("row_idx", uint(32));

        Bool rowEnd = i0.eq(lastI0);
        Bool isLast = rowEnd.and(i1.eq(lastI1));
        // The next row's first element, computed from the row registers so no product is needed.
        UInt nextRowOff = rowOff.addWrap(step1), nextRowIdx = rowIdx.addWrap(dstep1);
        when(start, () -> {
            active.assign(n0.ne(0).and(n1.ne(0)));
            i0.assign(0);
            i1.assign(0);
            lastI0.assign(n0.subWrap(1));
            lastI1.assign(n1.subWrap(1));
            step0.assign(s0);
            step1.assign(s1);
            dstep0.assign(d0);
            dstep1.assign(d1);
            offR.assign(offset);
            idxR.assign(index);
            rowOff.assign(offset);
            rowIdx.assign(index);
        }).elseWhen(halt, () -> active.assign(0))
          .elseWhen(active.and(next), () -> {
            when(isLast, () -> active.assign(0));
            when(rowEnd, () -> {
                i0.assign(0);
                i1.assign(i1.addWrap(1));
                rowOff.assign(nextRowOff);
                rowIdx.assign(nextRowIdx);
                offR.assign(nextRowOff);
                idxR.assign(nextRowIdx);
            }).otherwise(() -> {
                i0.assign(i0.addWrap(1));
                offR.assign(offR.addWrap(step0));
                idxR.assign(idxR.addWrap(dstep0));
            });
        });
        valid.assign(active);
        last.assign(isLast);
        off.assign(offR);
        idx.assign(idxR);
    }

    @Override
    protected String moduleName() {
        return "dpu_dma_walker";
    }
}
