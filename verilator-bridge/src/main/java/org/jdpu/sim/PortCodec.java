package org.jdpu.sim;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * Reads and writes one port's value in Verilator's storage layout (CData, SData, IData, QData or
 * VlWide words, least significant word first) at an offset of any memory segment: the model's own
 * port storage, or a row of a {@link Batch} buffer. The one place that knows the layout, the
 * width check and sign extension.
 *
 * <p>Accepted values: anything from -2^(width-1) to 2^width - 1, for signed and unsigned ports
 * alike (so -1 sets all bits of an unsigned port). Arrays of words, longs or bytes are read as
 * two's complement numbers under the same rule. Values read from signed ports are sign-extended.
 */
final class PortCodec {
    private static final int BYTE = 1, SHORT = 2, INT = 4, LONG = 8, WIDE = 0;

    final String name;
    final int width;
    final boolean signed;
    /** Storage size in bytes. */
    final int bytes;
    /** Number of 32-bit words of the value (1 or 2 for ports up to 64 bits). */
    final int words;
    private final int kind;
    private final long mask;
    private final int shift;
    private final long min, max;
    /** Bits used in the most significant 32-bit word, 1..32. */
    private final int topBits;

    PortCodec(String name, int width, boolean signed) {
        this.name = name;
        this.width = width;
        this.signed = signed;
        this.bytes = PortTable.storageBytes(width);
        this.words = (width + 31) / 32;
        this.kind = width > 64 ? WIDE : bytes;
        this.mask = width >= 64 ? -1L : (1L << width) - 1;
        this.shift = width >= 64 ? 0 : 64 - width;
        this.min = width >= 64 ? Long.MIN_VALUE : -(1L << (width - 1));
        this.max = width >= 64 ? Long.MAX_VALUE : (1L << width) - 1;
        this.topBits = width - 32 * (words - 1);
    }

    // ---- long values ----

    void setLong(MemorySegment s, long off, long v) {
        if (v < min || v > max) throw overflow(Long.toString(v));
        switch (kind) {
            case BYTE -> s.set(JAVA_BYTE, off, (byte) (v & mask));
            case SHORT -> s.set(JAVA_SHORT_UNALIGNED, off, (short) (v & mask));
            case INT -> s.set(JAVA_INT_UNALIGNED, off, (int) (v & mask));
            case LONG -> s.set(JAVA_LONG_UNALIGNED, off, v & mask);
            default -> {
                int fill = v < 0 ? -1 : 0;
                for (int i = 0; i < words; i++) {
                    int w = i == 0 ? (int) v : i == 1 ? (int) (v >> 32) : fill;
                    s.set(JAVA_INT_UNALIGNED, off + 4L * i, i == words - 1 ? w & topMask() : w);
                }
            }
        }
    }

    long getLong(MemorySegment s, long off) {
        long raw = switch (kind) {
            case BYTE -> s.get(JAVA_BYTE, off);
            case SHORT -> s.get(JAVA_SHORT_UNALIGNED, off);
            case INT -> s.get(JAVA_INT_UNALIGNED, off);
            case LONG -> s.get(JAVA_LONG_UNALIGNED, off);
            default -> throw new UnsupportedOperationException("port '" + name + "' is " + width
                    + " bits wide; read it with getBig(), getWords(), getLongs() or getBytes()");
        };
        return signed ? (raw << shift) >> shift : raw & mask;
    }

    // ---- 32-bit words, least significant first ----

    void setWords(MemorySegment s, long off, int[] src) {
        checkLength("words", src.length, words);
        if (kind != WIDE) {
            setLong(s, off, words == 1 ? src[0] : ((long) src[1] << 32) | (src[0] & 0xFFFF_FFFFL));
            return;
        }
        int top = src[words - 1];
        if (!fitsTop(top, topBits)) throw overflow("with top word 0x" + Integer.toHexString(top));
        MemorySegment.copy(src, 0, s, JAVA_INT_UNALIGNED, off, words - 1);
        s.set(JAVA_INT_UNALIGNED, off + 4L * (words - 1), top & topMask());
    }

    void getWords(MemorySegment s, long off, int[] dst) {
        checkLength("words", dst.length, words);
        if (kind != WIDE) {
            long v = getLong(s, off);
            dst[0] = (int) v;
            if (words == 2) dst[1] = (int) (v >> 32);
            return;
        }
        MemorySegment.copy(s, JAVA_INT_UNALIGNED, off, dst, 0, words);
        if (signed && topBits < 32) dst[words - 1] = (dst[words - 1] << (32 - topBits)) >> (32 - topBits);
    }

    /** Number of longs of the value, 1 for ports up to 64 bits. */
    int longs() {
        return (words + 1) / 2;
    }

    // ---- 64-bit longs, least significant first ----

    void setLongs(MemorySegment s, long off, long[] src) {
        int n = longs();
        checkLength("longs", src.length, n);
        if (kind != WIDE) {
            setLong(s, off, src[0]);
            return;
        }
        long top = src[n - 1];
        int bitsInTopLong = width - 64 * (n - 1);
        if (bitsInTopLong < 64) {
            long excessMask = -1L << bitsInTopLong;
            long e = top & excessMask;
            if (e != 0 && (e != excessMask || ((top >>> (bitsInTopLong - 1)) & 1) == 0)) {
                throw overflow("with top long 0x" + Long.toHexString(top));
            }
        }
        MemorySegment.copy(src, 0, s, JAVA_LONG_UNALIGNED, off, n - 1);
        long topOff = off + 8L * (n - 1);
        if (words % 2 == 0) {
            s.set(JAVA_INT_UNALIGNED, topOff, (int) top);
            s.set(JAVA_INT_UNALIGNED, topOff + 4, (int) (top >> 32) & topMask());
        } else {
            s.set(JAVA_INT_UNALIGNED, topOff, (int) top & topMask());
        }
    }

    void getLongs(MemorySegment s, long off, long[] dst) {
        int n = longs();
        checkLength("longs", dst.length, n);
        if (kind != WIDE) {
            dst[0] = getLong(s, off);
            return;
        }
        MemorySegment.copy(s, JAVA_LONG_UNALIGNED, off, dst, 0, words / 2);
        if (words % 2 == 1) {
            int top = s.get(JAVA_INT_UNALIGNED, off + 4L * (words - 1));
            if (signed && topBits < 32) top = (top << (32 - topBits)) >> (32 - topBits);
            dst[n - 1] = signed ? top : top & 0xFFFF_FFFFL;
        } else if (signed && topBits < 32) {
            int sh = 64 - (width - 64 * (n - 1));
            dst[n - 1] = (dst[n - 1] << sh) >> sh;
        }
    }

    // ---- BigInteger and bytes ----

    void setBig(MemorySegment s, long off, BigInteger v) {
        boolean fits = v.signum() >= 0 ? v.bitLength() <= width : v.bitLength() <= width - 1;
        if (!fits) throw overflow(v.toString());
        if (kind != WIDE) {
            setLong(s, off, width == 64 ? v.longValue() : v.longValueExact());
            return;
        }
        for (int i = 0; i < words; i++) {
            int w = v.shiftRight(32 * i).intValue();
            s.set(JAVA_INT_UNALIGNED, off + 4L * i, i == words - 1 ? w & topMask() : w);
        }
    }

    BigInteger getBig(MemorySegment s, long off) {
        if (kind != WIDE) {
            long v = getLong(s, off);
            return !signed && width == 64 && v < 0 ? BigInteger.valueOf(v).add(BigInteger.ONE.shiftLeft(64))
                    : BigInteger.valueOf(v);
        }
        byte[] be = new byte[4 * words];
        for (int i = 0; i < words; i++) {
            int w = s.get(JAVA_INT_UNALIGNED, off + 4L * i);
            int p = 4 * (words - 1 - i);
            be[p] = (byte) (w >>> 24);
            be[p + 1] = (byte) (w >>> 16);
            be[p + 2] = (byte) (w >>> 8);
            be[p + 3] = (byte) w;
        }
        BigInteger u = new BigInteger(1, be);
        return signed && u.testBit(width - 1) ? u.subtract(BigInteger.ONE.shiftLeft(width)) : u;
    }

    /** Number of bytes of the value, (width + 7) / 8. */
    int byteCount() {
        return (width + 7) / 8;
    }

    void setBytes(MemorySegment s, long off, byte[] littleEndian) {
        checkLength("bytes", littleEndian.length, byteCount());
        byte[] be = new byte[littleEndian.length];
        for (int i = 0; i < be.length; i++) be[i] = littleEndian[be.length - 1 - i];
        setBig(s, off, new BigInteger(be));
    }

    byte[] getBytes(MemorySegment s, long off) {
        BigInteger v = getBig(s, off);
        byte[] be = v.toByteArray();
        byte[] le = new byte[byteCount()];
        byte fill = (byte) (v.signum() < 0 ? -1 : 0);
        for (int i = 0; i < le.length; i++) le[i] = i < be.length ? be[be.length - 1 - i] : fill;
        return le;
    }

    // ---- helpers ----

    private int topMask() {
        return topBits == 32 ? -1 : (1 << topBits) - 1;
    }

    private static boolean fitsTop(int top, int bits) {
        if (bits == 32) return true;
        int excessMask = -1 << bits;
        int e = top & excessMask;
        return e == 0 || (e == excessMask && ((top >>> (bits - 1)) & 1) == 1);
    }

    private void checkLength(String what, int got, int expected) {
        if (got != expected) {
            throw new IllegalArgumentException("port '" + name + "' is " + width + " bits: expected " + expected
                    + " " + what + ", got " + got);
        }
    }

    private IllegalArgumentException overflow(String value) {
        String range = width >= 64 ? "" : " (accepted: " + min + ".." + max + ")";
        if (width > 64) range = " (accepted: -2^" + (width - 1) + " .. 2^" + width + "-1)";
        return new IllegalArgumentException("value " + value + " does not fit the " + width + "-bit "
                + (signed ? "signed " : "") + "port '" + name + "'" + range);
    }
}
