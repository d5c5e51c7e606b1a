package org.jdpu.compiler.net;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places intermediate feature maps in the workspace region, reusing the bytes of dead ones.
 *
 * <p>Buffers are allocated in the order of the layers that write them. A buffer lives from the
 * layer that writes it ({@code first}) to the last layer that reads it ({@code last}); when a
 * buffer for layer {@code L} is placed, every buffer whose last reader is before {@code L} is dead
 * and its bytes may be taken. Placement is first fit by offset over the live buffers, so a chain
 * of layers ping-pongs between two buffers; with branches (a tensor read by a later layer) the
 * same rule keeps it live. Each placement reports the dead buffers it overlaps: whoever writes the
 * new one must first wait until their last reader has finished loading them.
 */
public final class WorkspaceAllocator {
    /** Offsets are multiples of this (an AXI-friendly alignment). */
    private final long alignment;
    private final List<Placement> placed = new ArrayList<>();
    private long size;

    /**
     * One placed buffer.
     *
     * @param id      the caller's name for it (the producing layer's index, say)
     * @param offset  byte offset in the workspace
     * @param bytes   its size
     * @param first   the layer that writes it
     * @param last    the last layer that reads it
     * @param reuses  ids of the dead buffers whose bytes it overlaps
     */
    public record Placement(int id, long offset, long bytes, int first, int last, List<Integer> reuses) {
        public Placement {
            reuses = List.copyOf(reuses);
        }

        boolean overlaps(long off, long n) {
            return off < offset + bytes && offset < off + n;
        }
    }

    public WorkspaceAllocator(long alignment) {
        if (alignment < 1 || Long.bitCount(alignment) != 1) throw new IllegalArgumentException("alignment must be a power of two");
        this.alignment = alignment;
    }

    /**
     * Places a buffer of {@code bytes} written by layer {@code first} and last read by layer
     * {@code last} (at least {@code first}); calls must come in non-decreasing {@code first}.
     */
    public Placement allocate(int id, long bytes, int first, int last) {
        if (bytes < 0 || last < first) throw new IllegalArgumentException("bad buffer lifetime " + first + ".." + last);
        if (!placed.isEmpty() && first < placed.getLast().first()) {
            throw new IllegalArgumentException("buffers must be allocated in the order of their writers");
        }
        List<Placement> live = new ArrayList<>();
        for (Placement p : placed) {
            if (p.last() >= first) live.add(p);
        }
        live.sort(Comparator.comparingLong(Placement::offset));
        long offset = 0;
        for (Placement p : live) {
            if (offset + bytes <= p.offset()) break;
            offset = Math.max(offset, align(p.offset() + p.bytes()));
        }
        List<Integer> reuses = new ArrayList<>();
        for (Placement p : placed) {
            // Only the most recent dead occupant of a byte matters: an older one was overwritten by it already.
            if (p.last() < first && p.overlaps(offset, bytes) && !coveredByLater(p, offset, bytes)) reuses.add(p.id());
        }
        Placement result = new Placement(id, offset, bytes, first, last, reuses);
        placed.add(result);
        size = Math.max(size, offset + bytes);
        return result;
    }

    /** True when every byte {@code p} shares with [off, off+n) was taken again by a later buffer. */
    private boolean coveredByLater(Placement p, long off, long n) {
        long lo = Math.max(p.offset(), off), hi = Math.min(p.offset() + p.bytes(), off + n);
        List<long[]> later = new ArrayList<>();
        for (int i = placed.indexOf(p) + 1; i < placed.size(); i++) {
            Placement q = placed.get(i);
            if (q.overlaps(lo, hi - lo)) later.add(new long[] {q.offset(), q.offset() + q.bytes()});
        }
        later.sort(Comparator.comparingLong(a -> a[0]));
        long at = lo;
        for (long[] r : later) {
            if (r[0] > at) return false;
            at = Math.max(at, r[1]);
            if (at >= hi) return true;
        }
        return at >= hi;
    }

    /** Bytes the workspace needs: the end of the highest buffer. */
    public long size() {
        return size;
    }

    /** Every placement so far, in allocation order. */
    public List<Placement> placements() {
        return List.copyOf(placed);
    }

    private long align(long v) {
        return (v + alignment - 1) & -alignment;
    }
}
