package org.jdpu.sim;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;

/**
 * A handle on one top-level port of a running {@link Simulator}, resolved once by name. Reads and
 * writes go straight to the model's port storage in native memory; none of them is a native call.
 *
 * <p>Values up to 64 bits are longs; wider ports use {@link BigInteger}, 32-bit words or 64-bit
 * longs (least significant first) or little-endian bytes. A value fits when it lies in
 * -2^(width-1) .. 2^width-1, whatever the port's signedness; one that does not fit is an
 * {@link IllegalArgumentException}. Signed ports read back sign-extended. Using a port after its
 * simulator is closed is an {@link IllegalStateException}.
 */
public final class Port {
    private final Simulator sim;
    private final PortInfo info;
    final PortCodec codec;
    final MemorySegment storage;
    private final boolean writable;

    Port(Simulator sim, PortInfo info, MemorySegment storage) {
        this.sim = sim;
        this.info = info;
        this.codec = new PortCodec(info.name(), info.width(), info.signed());
        this.storage = storage;
        this.writable = info.direction() != Direction.OUTPUT;
    }

    public String name() {
        return info.name();
    }

    public int width() {
        return info.width();
    }

    public boolean signed() {
        return info.signed();
    }

    public Direction direction() {
        return info.direction();
    }

    public PortInfo info() {
        return info;
    }

    Simulator simulator() {
        return sim;
    }

    /** Sets an input; the new value takes effect at the next {@code eval()} or {@code step()}. */
    public void set(long v) {
        checkWritable();
        try {
            codec.setLong(storage, 0, v);
        } catch (IllegalStateException e) {
            throw sim.closedError(e);
        }
    }

    public void set(BigInteger v) {
        checkWritable();
        try {
            codec.setBig(storage, 0, v);
        } catch (IllegalStateException e) {
            throw sim.closedError(e);
        }
    }

    /** Sets the value from 32-bit words, least significant first; exactly {@link #wordCount()} of them. */
    public void setWords(int[] words) {
        checkWritable();
        try {
            codec.setWords(storage, 0, words);
        } catch (IllegalStateException e) {
            throw sim.closedError(e);
        }
    }

    /** Sets the value from 64-bit longs, least significant first; exactly {@link #longCount()} of them. */
    public void setLongs(long[] longs) {
        checkWritable();
        try {
            codec.setLongs(storage, 0, longs);
        } catch (IllegalStateException e) {
            throw sim.closedError(e);
        }
    }

    /** Sets the value from little-endian bytes; exactly {@link #byteCount()} of them. */
    public void setBytes(byte[] littleEndian) {
        checkWritable();
        try {
            codec.setBytes(storage, 0, littleEndian);
        } catch (IllegalStateException e) {
            throw sim.closedError(e);
        }
    }

    /** The value of a port of up to 64 bits; sign-extended when the port is signed. */
    public long get() {
        try {
            return codec.getLong(storage, 0);
        } catch (IllegalStateException e) {
            throw sim.closedError(e);
        }
    }

    public BigInteger getBig() {
        try {
            return codec.getBig(storage, 0);
        } catch (IllegalStateException e) {
            throw sim.closedError(e);
        }
    }

    /** The value as 32-bit words, least significant first (signed ports: sign-extended into the top word). */
    public int[] getWords() {
        int[] w = new int[codec.words];
        getWords(w);
        return w;
    }

    /** Reads the value into {@code dst}, which must hold exactly {@link #wordCount()} words; allocates nothing. */
    public void getWords(int[] dst) {
        try {
            codec.getWords(storage, 0, dst);
        } catch (IllegalStateException e) {
            throw sim.closedError(e);
        }
    }

    public long[] getLongs() {
        long[] l = new long[codec.longs()];
        getLongs(l);
        return l;
    }

    /** Reads the value into {@code dst}, which must hold exactly {@link #longCount()} longs; allocates nothing. */
    public void getLongs(long[] dst) {
        try {
            codec.getLongs(storage, 0, dst);
        } catch (IllegalStateException e) {
            throw sim.closedError(e);
        }
    }

    /** The value as little-endian bytes, {@link #byteCount()} of them. */
    public byte[] getBytes() {
        try {
            return codec.getBytes(storage, 0);
        } catch (IllegalStateException e) {
            throw sim.closedError(e);
        }
    }

    public int wordCount() {
        return codec.words;
    }

    public int longCount() {
        return codec.longs();
    }

    public int byteCount() {
        return codec.byteCount();
    }

    private void checkWritable() {
        if (!writable) {
            throw new IllegalArgumentException("port '" + name() + "' is an output of " + sim.top()
                    + "; only inputs can be set");
        }
    }

    @Override
    public String toString() {
        return info.toString();
    }
}
