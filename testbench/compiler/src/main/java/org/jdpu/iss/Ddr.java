package org.jdpu.iss;

import org.jdpu.arch.isa.ControlRegister;

/**
 * The DDR image a program runs on, as the engine sees it: up to {@value ControlRegister#REGIONS}
 * regions (the BASE/BOUND control registers), each a byte array whose length is the region's
 * BOUND. Programs address DDR only as (region, offset), so where the regions really lie does not
 * matter here. A region that was never given has bound 0: any LOAD or SAVE of an element there is
 * {@link org.jdpu.arch.isa.Fault#REGION_BOUNDS}.
 */
public final class Ddr {
    private final byte[][] regions = new byte[ControlRegister.REGIONS][];

    /** Gives region {@code r} a zeroed image of {@code bytes} bytes (its bound) and returns it. */
    public byte[] allocate(int r, int bytes) {
        if (bytes < 0) throw new IllegalArgumentException("a region has a size >= 0, got " + bytes);
        return put(r, new byte[bytes]);
    }

    /** Makes {@code image} (not a copy) region {@code r}; its length is the bound. */
    public byte[] put(int r, byte[] image) {
        regions[checked(r)] = image;
        return image;
    }

    /** Region {@code r}'s image, written in place by SAVE; an empty array if the region was never given. */
    public byte[] region(int r) {
        byte[] b = regions[checked(r)];
        return b == null ? new byte[0] : b;
    }

    /** BOUND of region {@code r}: offsets 0..bound-1 may be touched. */
    public long bound(int r) {
        byte[] b = regions[checked(r)];
        return b == null ? 0 : b.length;
    }

    /** A deep copy, e.g. to compare an image before and after a program. */
    public Ddr copy() {
        Ddr d = new Ddr();
        for (int r = 0; r < regions.length; r++) {
            if (regions[r] != null) d.regions[r] = regions[r].clone();
        }
        return d;
    }

    /** True when both images have the same regions with the same bytes. */
    public boolean sameContents(Ddr other) {
        for (int r = 0; r < regions.length; r++) {
            if (!java.util.Arrays.equals(regions[r], other.regions[r])) return false;
        }
        return true;
    }

    private static int checked(int r) {
        if (r < 0 || r >= ControlRegister.REGIONS) {
            throw new IndexOutOfBoundsException("region " + r + " is not 0.." + (ControlRegister.REGIONS - 1));
        }
        return r;
    }
}
