package org.jdpu.sim;

import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 200-bit adder fixture: wide values through BigInteger, words, longs and bytes; width checks. */
class WideAdderTest {
    static final BigInteger TWO_200 = BigInteger.ONE.shiftLeft(200);
    static final BigInteger TWO_199 = BigInteger.ONE.shiftLeft(199);

    static Simulator sim;
    static Port a, b, sum, s, negS, lowS;

    @BeforeAll
    static void open() {
        sim = Verilator.build(Fixtures.spec("adder200")).open();
        a = sim.port("a");
        b = sim.port("b");
        sum = sim.port("sum");
        s = sim.port("s");
        negS = sim.port("neg_s");
        lowS = sim.port("low_s");
    }

    @AfterAll
    static void close() {
        sim.close();
    }

    static BigInteger unsigned200(RandomGenerator rnd) {
        return new BigInteger(200, new java.util.Random(rnd.nextLong()));
    }

    @Test
    void portShapes() {
        assertEquals(201, sum.width());
        assertTrue(s.signed() && negS.signed() && lowS.signed());
        assertEquals(7, a.wordCount());
        assertEquals(4, a.longCount());
        assertEquals(25, a.byteCount());
        assertEquals(Direction.OUTPUT, sum.direction());
    }

    @Test
    void randomSumsMatchBigInteger() {
        RandomGenerator rnd = Seeds.random("WideAdderTest.randomSums");
        for (int i = 0; i < 500; i++) {
            BigInteger x = unsigned200(rnd), y = unsigned200(rnd);
            a.set(x);
            b.set(y);
            sim.eval();
            assertEquals(x.add(y), sum.getBig(), "sum of " + x + " and " + y);
        }
        a.set(TWO_200.subtract(BigInteger.ONE));
        b.set(1);
        sim.eval();
        assertEquals(TWO_200, sum.getBig(), "carry out into bit 200");
    }

    @Test
    void signedWidePortsReadSignExtended() {
        RandomGenerator rnd = Seeds.random("WideAdderTest.signedWide");
        for (int i = 0; i < 300; i++) {
            BigInteger v = unsigned200(rnd).subtract(TWO_199); // -2^199 .. 2^199-1
            s.set(v);
            sim.eval();
            BigInteger neg = v.negate();
            if (neg.equals(TWO_199)) neg = TWO_199.negate(); // -(-2^199) wraps in 200 bits
            assertEquals(neg, negS.getBig(), "neg of " + v);
            long low40 = v.longValue() << 24 >> 24;
            assertEquals(low40, lowS.get(), "low 40 bits of " + v);
            assertEquals(BigInteger.valueOf(low40), lowS.getBig());
        }
        s.set(-5);
        sim.eval();
        assertEquals(BigInteger.valueOf(5), negS.getBig());
        assertEquals(-5, lowS.get());
    }

    @Test
    void wordsLongsAndBytesAgreeWithBigInteger() {
        RandomGenerator rnd = Seeds.random("WideAdderTest.accessors");
        for (int i = 0; i < 100; i++) {
            BigInteger x = unsigned200(rnd);
            int[] words = new int[7];
            long[] longs = new long[4];
            byte[] bytes = new byte[25];
            for (int w = 0; w < 7; w++) words[w] = x.shiftRight(32 * w).intValue();
            for (int l = 0; l < 4; l++) longs[l] = x.shiftRight(64 * l).longValue();
            for (int k = 0; k < 25; k++) bytes[k] = x.shiftRight(8 * k).byteValue();

            a.setWords(words);
            assertEquals(x, a.getBig());
            a.set(BigInteger.ZERO);
            a.setLongs(longs);
            assertEquals(x, a.getBig());
            a.set(BigInteger.ZERO);
            a.setBytes(bytes);
            assertEquals(x, a.getBig());
            assertArrayEquals(words, a.getWords());
            assertArrayEquals(longs, a.getLongs());
            assertArrayEquals(bytes, a.getBytes());
        }
        // a negative signed value: the top word and long carry the sign above bit 199
        s.set(BigInteger.valueOf(-3));
        int[] w = s.getWords();
        assertEquals(-3, w[0]);
        assertTrue(Arrays.stream(w).skip(1).allMatch(x -> x == -1), Arrays.toString(w));
        assertArrayEquals(new long[]{-3, -1, -1, -1}, s.getLongs());
        s.setWords(w);
        assertEquals(BigInteger.valueOf(-3), s.getBig());
    }

    @Test
    void valuesThatDoNotFitAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.set(TWO_200));
        assertTrue(e.getMessage().contains("does not fit the 200-bit port 'a'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.set(TWO_199.negate().subtract(BigInteger.ONE)));
        a.set(TWO_200.subtract(BigInteger.ONE)); // largest unsigned value fits
        a.set(-1);                                // and so does -1 (all ones)
        assertEquals(TWO_200.subtract(BigInteger.ONE), a.getBig());

        int[] words = new int[7];
        words[6] = 0x100; // bit 200: one past the top
        assertThrows(IllegalArgumentException.class, () -> a.setWords(words));
        assertThrows(IllegalArgumentException.class, () -> a.setWords(new int[6]));
        assertThrows(IllegalArgumentException.class, () -> a.setLongs(new long[]{0, 0, 0, 1L << 8}));
        assertThrows(IllegalArgumentException.class, () -> a.setBytes(new byte[26]));
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class, () -> sum.set(1));
        assertTrue(out.getMessage().contains("output"), out.getMessage());
        assertThrows(UnsupportedOperationException.class, a::get);
    }
}
