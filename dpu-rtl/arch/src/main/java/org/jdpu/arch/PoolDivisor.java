package org.jdpu.arch;

/**
 * How the core scales an average pool's tap sum without a divider:
 * {@code v = floor((sum * AVG_MUL + AVG_ADD) / 2^}{@value #SHIFT}{@code )}, saturated to
 * {@value #VALUE_BITS} bits and then clamped to [OUT_MIN, OUT_MAX]. The shift is fixed, so the
 * core needs no shifter: a scaling {@code m / 2^s} is written as {@code m * 2^(25-s)}.
 *
 * <p>{@link #exact}: the rounded average {@code floor(sum / area + 1/2)} of an avgpool equals
 * {@code floor((sum + h) / area)} with {@code h = floor(area/2)} (for an odd area the half never
 * decides). With {@code S = }{@value #SHIFT}, {@code M = ceil(2^S / area)} and
 * {@code AVG_ADD = h*M + floor(2^S / (2*area))} the quotient is exact for every sum of up to 256
 * int8 taps: writing {@code sum + h = q*area + r}, the numerator is {@code q*2^S + (q*e + r*M + K)}
 * with {@code e = M*area - 2^S < area} and {@code K = floor(2^S/(2 area))}, and
 * {@code 0 <= q*e + r*M + K < 2^S} holds while {@code 2^S > 258 area^2}.
 * {@link #scaled}: any multiply-and-shift, such as the DPU's approximation of {@code 1/n} for a
 * global average pool, rounded half up.
 *
 * @param multiplier AVG_MUL
 * @param add        AVG_ADD
 */
public record PoolDivisor(long multiplier, long add) {
    /** Width of AVG_MUL. */
    public static final int MUL_BITS = 26;
    /** Width of AVG_ADD. */
    public static final int ADD_BITS = 26;
    /** Width of a tap sum, signed: 256 taps of int8. */
    public static final int SUM_BITS = 17;
    /** The scaled value saturates to this many bits, signed, before the clamp. */
    public static final int VALUE_BITS = 17;
    /** The core's right shift: {@code 2^25 > 258 * 256^2}, enough for {@link #exact}. */
    public static final int SHIFT = 25;

    public PoolDivisor {
        if (multiplier < 0 || multiplier >= 1L << MUL_BITS || add < 0 || add >= 1L << ADD_BITS) {
            throw new IllegalArgumentException("pool scaling " + multiplier + ", " + add + " does not fit the registers");
        }
    }

    /**
     * Channels the core pools per lane, the first min(ICP, OCP) of a word (those an output word has
     * room for): also the pool unit's multipliers, one per channel, shared by the lanes.
     */
    public static int pooledChannels(DpuConfig c) {
        return Math.min(c.icp(), c.ocp());
    }

    /** The exact rounded average over {@code area} taps, 1..256. */
    public static PoolDivisor exact(int area) {
        if (area < 1 || area > DpuConfig.MAX_KERNEL * DpuConfig.MAX_KERNEL) {
            throw new IllegalArgumentException("pool area " + area + " outside 1.." + DpuConfig.MAX_KERNEL * DpuConfig.MAX_KERNEL);
        }
        long p = 1L << SHIFT;
        long m = (p + area - 1) / area;
        return new PoolDivisor(m, (area / 2) * m + p / (2L * area));
    }

    /**
     * {@code floor(sum * multiplier / 2^shift + 1/2)}.
     *
     * @throws IllegalArgumentException when {@code shift > 25} or {@code multiplier * 2^(25-shift)} does not fit AVG_MUL
     */
    public static PoolDivisor scaled(long multiplier, int shift) {
        if (shift < 0 || shift > SHIFT) throw new IllegalArgumentException("pool scaling shift " + shift + " outside 0.." + SHIFT);
        return new PoolDivisor(multiplier << (SHIFT - shift), shift == 0 ? 0 : 1L << (SHIFT - 1));
    }

    /** The core's value for a tap sum, before the clamp, as the hardware computes it. */
    public long apply(long sum) {
        long v = Math.floorDiv(sum * multiplier + add, 1L << SHIFT);
        long lim = 1L << (VALUE_BITS - 1);
        return Math.max(-lim, Math.min(lim - 1, v));
    }
}
