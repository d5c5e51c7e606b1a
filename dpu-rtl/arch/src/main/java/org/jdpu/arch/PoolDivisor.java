package org.jdpu.arch;

/**
 * How the core divides an average pool's tap sum by the kernel area without a divider: the
 * rounded average {@code floor(sum / area + 1/2)} equals {@code floor((sum + floor(area/2)) / area)}
 * (for an odd area the half never decides), the offset {@code 128 * area} makes the dividend
 * non-negative and below 2^{@value #DIVIDEND_BITS}, and a dividend {@code m < 2^N} divides exactly as
 * {@code (m * ceil(2^(N+L) / area)) >> (N+L)} with {@code 2^(L-1) < area <= 2^L} (Granlund and
 * Montgomery, 1994). The compiler writes {@link #add}, {@link #multiplier} and {@link #shift} to
 * AVG_ADD, AVG_MUL and AVG_SHIFT; the core subtracts {@value #OFFSET} at the end.
 *
 * @param area the kernel area {@code kh * kw}, 1..256
 */
public record PoolDivisor(int area) {
    /** Width of the dividend {@code sum + AVG_ADD}, unsigned: below 255.5 * 256. */
    public static final int DIVIDEND_BITS = 16;
    /** Width of AVG_ADD. */
    public static final int ADD_BITS = 16;
    /** Width of AVG_MUL: the reciprocal is below 2^17. */
    public static final int MUL_BITS = 17;
    /** Width of AVG_SHIFT: at most 16 + 8. */
    public static final int SHIFT_BITS = 5;
    /** The quotient of the offset {@code 128 * area} by the area, subtracted at the end. */
    public static final int OFFSET = 128;
    /** Width of a tap sum, signed: 256 taps of int8. */
    public static final int SUM_BITS = 17;

    public PoolDivisor {
        if (area < 1 || area > DpuConfig.MAX_KERNEL * DpuConfig.MAX_KERNEL) {
            throw new IllegalArgumentException("pool area " + area + " outside 1.." + DpuConfig.MAX_KERNEL * DpuConfig.MAX_KERNEL);
        }
    }

    /** AVG_ADD: {@code floor(area/2) + 128 * area}. */
    public long add() {
        return area / 2 + (long) OFFSET * area;
    }

    /** AVG_SHIFT: {@code 16 + ceil(log2 area)}. */
    public int shift() {
        return DIVIDEND_BITS + (32 - Integer.numberOfLeadingZeros(area - 1));
    }

    /** AVG_MUL: {@code ceil(2^shift / area)}. */
    public long multiplier() {
        long p = 1L << shift();
        return (p + area - 1) / area;
    }

    /** The core's result for a tap sum, as the hardware computes it. */
    public int average(int sum) {
        long m = sum + add();
        return (int) ((m * multiplier()) >> shift()) - OFFSET;
    }
}
