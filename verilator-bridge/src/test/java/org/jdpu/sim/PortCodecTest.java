package org.jdpu.sim;

import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The value encoding of every storage class (CData, SData, IData, QData, VlWide), checked against
 * BigInteger arithmetic without a model: every accessor round-trips, stores only the port's bits,
 * and rejects exactly the values outside -2^(w-1) .. 2^w-1.
 */
class PortCodecTest {
    static final int[] WIDTHS = {1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 63, 64, 65, 95, 96, 97, 128, 200, 512};

    @Test
    void everyAccessorRoundTripsAtEveryStorageSize() {
        RandomGenerator rnd = Seeds.random("PortCodecTest.roundTrip");
        try (Arena arena = Arena.ofConfined()) {
            for (int w : WIDTHS) {
                for (boolean signed : new boolean[]{false, true}) {
                    PortCodec c = new PortCodec("p", w, signed);
                    MemorySegment s = arena.allocate(c.bytes + 16);
                    for (int i = 0; i < 200; i++) {
                        BigInteger v = randomFitting(rnd, w);
                        BigInteger expected = readBack(v, w, signed);
                        c.setBig(s, 8, v);
                        assertEquals(expected, c.getBig(s, 8), "w=" + w + " signed=" + signed + " v=" + v);
                        assertEquals(BigInteger.ZERO, stored(s, 8, c).shiftRight(w), "only the port's bits are stored");

                        int[] words = new int[c.words];
                        long[] longs = new long[c.longs()];
                        c.getWords(s, 8, words);
                        c.getLongs(s, 8, longs);
                        byte[] bytes = c.getBytes(s, 8);
                        assertEquals(expected, readBack(twos(words), w, signed), "words of " + v);
                        if (signed) assertEquals(expected, twos(words), "signed words are sign-extended");
                        c.setWords(s, 8, words);
                        assertEquals(expected, c.getBig(s, 8));
                        c.setLongs(s, 8, longs);
                        assertEquals(expected, c.getBig(s, 8));
                        c.setBytes(s, 8, bytes);
                        assertEquals(expected, c.getBig(s, 8));
                        if (w <= 64) {
                            c.setLong(s, 8, v.longValue());
                            assertEquals(expected.longValue(), c.getLong(s, 8));
                        }
                    }
                    assertEquals(0, s.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0), "bytes before the value untouched");
                }
            }
        }
    }

    @Test
    void rangeIsTheUnionOfSignedAndUnsigned() {
        try (Arena arena = Arena.ofConfined()) {
            for (int w : WIDTHS) {
                PortCodec c = new PortCodec("p", w, false);
                MemorySegment s = arena.allocate(c.bytes);
                BigInteger lo = BigInteger.ONE.shiftLeft(w - 1).negate(), hi = BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE);
                c.setBig(s, 0, lo);
                c.setBig(s, 0, hi);
                assertEquals(hi, c.getBig(s, 0), "all ones, w=" + w);
                assertThrows(IllegalArgumentException.class, () -> c.setBig(s, 0, lo.subtract(BigInteger.ONE)), "w=" + w);
                assertThrows(IllegalArgumentException.class, () -> c.setBig(s, 0, hi.add(BigInteger.ONE)), "w=" + w);
                if (w < 64) {
                    assertThrows(IllegalArgumentException.class, () -> c.setLong(s, 0, hi.longValue() + 1));
                    assertThrows(IllegalArgumentException.class, () -> c.setLong(s, 0, lo.longValue() - 1));
                }
            }
        }
    }

    private static BigInteger randomFitting(RandomGenerator rnd, int w) {
        BigInteger u = new BigInteger(w, new java.util.Random(rnd.nextLong()));
        return rnd.nextBoolean() ? u : u.subtract(BigInteger.ONE.shiftLeft(w - 1)); // unsigned or signed spelling
    }

    /** What a port of this width and signedness reads back after v was written. */
    private static BigInteger readBack(BigInteger v, int w, boolean signed) {
        BigInteger bits = v.and(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE));
        return signed && bits.testBit(w - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(w)) : bits;
    }

    private static BigInteger stored(MemorySegment s, long off, PortCodec c) {
        byte[] be = new byte[c.bytes];
        for (int i = 0; i < c.bytes; i++) be[c.bytes - 1 - i] = s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off + i);
        return new BigInteger(1, be);
    }

    private static BigInteger twos(int[] words) {
        BigInteger v = BigInteger.ZERO;
        for (int i = words.length - 1; i >= 0; i--) v = v.shiftLeft(32).or(BigInteger.valueOf(words[i] & 0xFFFF_FFFFL));
        return v.testBit(32 * words.length - 1) ? v.subtract(BigInteger.ONE.shiftLeft(32 * words.length)) : v;
    }
}
