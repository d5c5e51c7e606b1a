package org.jdpu.arch.model;

/**
 * The element walker of the DMA engines ({@code org.jdpu.rtl.net.ElementWalker}): the current
 * element's byte offset, {@link #active} while one is presented; {@link #next} moves on (inner loop
 * first), in the cycle after the command was latched the first element is there.
 */
final class Walker {
    private final Transfer t;
    private long i0, i1, rowOff;
    long off;
    boolean active;

    Walker(Transfer t) {
        this.t = t;
        active = t.n0() != 0 && t.n1() != 0;
        off = rowOff = t.offset();
    }

    private Walker(Walker o) {
        t = o.t;
        i0 = o.i0;
        i1 = o.i1;
        rowOff = o.rowOff;
        off = o.off;
        active = o.active;
    }

    Walker copy() {
        return new Walker(this);
    }

    /** The element presented is the command's last one. */
    boolean last() {
        return i0 == t.n0() - 1 && i1 == t.n1() - 1;
    }

    void next() {
        if (!active) throw new IllegalStateException("walker moved past its last element");
        if (i0 == t.n0() - 1) {
            if (i1 == t.n1() - 1) active = false;
            i0 = 0;
            i1++;
            rowOff = (rowOff + t.s1()) & 0xFFFFFFFFL;
            off = rowOff;
        } else {
            i0++;
            off = (off + t.s0()) & 0xFFFFFFFFL;
        }
    }
}
