package org.jdpu.memory;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.U;

/**
 * Address arithmetic of AXI INCR bursts, built into the module under construction; shared by the
 * DDR model and the checker so both read a burst the same way (AMBA AXI spec, A3.4.1-A3.4.2).
 */
final class BurstMath {
    private BurstMath() {}

    /** {@code addr} rounded down to a multiple of {@code 2^size} bytes (same width). */
    static UInt alignDown(UInt addr, UInt size) {
        UInt lowMask = U(1, 1).shl(size).subWrap(1); // 2^size - 1, 8 bits for a 3-bit size
        UInt mask = lowMask.resize(addr.width()).not();
        return addr.and(mask);
    }

    /** The address of the beat after one at {@code addr} in an INCR burst of {@code 2^size}-byte beats (wraps at the width). */
    static UInt nextIncr(UInt addr, UInt size) {
        return alignDown(addr, size).addWrap(U(1, 1).shl(size).resize(addr.width()));
    }

    /** Bytes an INCR burst spans from its aligned start: {@code (len + 1) << size} (16 bits). */
    static UInt burstBytes(UInt len, UInt size) {
        return len.add(1).shl(size);
    }

    /**
     * The last byte address of an INCR burst (one bit wider than {@code addr}, so it does not wrap):
     * {@code alignDown(addr, size) + ((len + 1) << size) - 1}.
     */
    static UInt lastByte(UInt addr, UInt len, UInt size) {
        return alignDown(addr, size).add(burstBytes(len, size).resize(addr.width())).subWrap(1);
    }

    /** True when {@code size} names beats wider than a {@code dataBytes}-byte bus. */
    static Bool sizeTooWide(UInt size, int dataBytes) {
        return size.gt(Integer.numberOfTrailingZeros(dataBytes));
    }

    static int log2(long powerOfTwo) {
        return 63 - Long.numberOfLeadingZeros(powerOfTwo);
    }
}
