package org.jdpu.sim;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Many clock cycles in one native call. Java fills one input row per cycle (the values of the
 * chosen input ports), {@link #run(int)} makes cycle after cycle on the native side (apply row c,
 * one rising edge of {@code clk}, capture the chosen outputs into output row c), and Java reads the
 * output rows afterwards. Rows live in native memory shared by both sides; values use the same
 * rules as {@link Port}. Refill and run again as often as needed; close it (or its simulator) to
 * free the buffers.
 */
public final class Batch implements AutoCloseable {
    /** Bytes of input plus output rows that {@link Simulator#batch(List, List)} keeps a batch within. */
    public static final int CACHE_BUDGET = 16 * 1024;

    private final Simulator sim;
    private final int capacity;
    private final List<Port> inputs, outputs;
    private final Port[] inPorts, outPorts;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment in, out, inAddr, inSize, outAddr, outSize;
    private final long inStride, outStride;
    private final long[] inOffset, outOffset;
    private boolean closed;

    Batch(Simulator sim, int capacity, List<Port> inputs, List<Port> outputs) {
        if (capacity < 1) throw new IllegalArgumentException("batch capacity must be >= 1, got " + capacity);
        this.sim = sim;
        this.capacity = capacity;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.inPorts = this.inputs.toArray(Port[]::new);
        this.outPorts = this.outputs.toArray(Port[]::new);
        this.inOffset = offsets(this.inputs);
        this.outOffset = offsets(this.outputs);
        this.inStride = inOffset[inOffset.length - 1];
        this.outStride = outOffset[outOffset.length - 1];
        this.in = arena.allocate(Math.max(1, inStride * capacity), 8);
        this.out = arena.allocate(Math.max(1, outStride * capacity), 8);
        this.inAddr = addresses(this.inputs);
        this.inSize = sizes(this.inputs);
        this.outAddr = addresses(this.outputs);
        this.outSize = sizes(this.outputs);
    }

    static int cacheFriendlyCapacity(List<Port> inputs, List<Port> outputs) {
        long row = 0;
        for (Port p : inputs) row += p.codec.bytes;
        for (Port p : outputs) row += p.codec.bytes;
        return (int) Math.max(1, CACHE_BUDGET / Math.max(1, row));
    }

    private static long[] offsets(List<Port> ports) {
        long[] off = new long[ports.size() + 1];
        for (int i = 0; i < ports.size(); i++) off[i + 1] = off[i] + ports.get(i).codec.bytes;
        return off;
    }

    private MemorySegment addresses(List<Port> ports) {
        MemorySegment s = arena.allocate(ADDRESS, Math.max(1, ports.size()));
        for (int i = 0; i < ports.size(); i++) s.setAtIndex(ADDRESS, i, ports.get(i).storage);
        return s;
    }

    private MemorySegment sizes(List<Port> ports) {
        MemorySegment s = arena.allocate(JAVA_INT, Math.max(1, ports.size()));
        for (int i = 0; i < ports.size(); i++) s.setAtIndex(JAVA_INT, i, ports.get(i).codec.bytes);
        return s;
    }

    public int capacity() {
        return capacity;
    }

    public List<Port> inputs() {
        return inputs;
    }

    public List<Port> outputs() {
        return outputs;
    }

    /** Runs {@code cycles} cycles (at most the capacity) from input rows 0..cycles-1. */
    public void run(int cycles) {
        ensureOpen();
        if (cycles < 0 || cycles > capacity) {
            throw new IllegalArgumentException("cannot run " + cycles + " cycles in a batch of capacity " + capacity);
        }
        sim.runBatch(cycles, inputs.size(), inAddr, inSize, in, inStride,
                outputs.size(), outAddr, outSize, out, outStride);
    }

    public void set(int cycle, Port input, long v) {
        input.codec.setLong(in, inAt(cycle, input), v);
    }

    public void set(int cycle, Port input, BigInteger v) {
        input.codec.setBig(in, inAt(cycle, input), v);
    }

    public void setWords(int cycle, Port input, int[] words) {
        input.codec.setWords(in, inAt(cycle, input), words);
    }

    public void setLongs(int cycle, Port input, long[] longs) {
        input.codec.setLongs(in, inAt(cycle, input), longs);
    }

    /** The value {@code output} had right after the rising edge of the given cycle of the last run. */
    public long get(int cycle, Port output) {
        return output.codec.getLong(out, outAt(cycle, output));
    }

    public BigInteger getBig(int cycle, Port output) {
        return output.codec.getBig(out, outAt(cycle, output));
    }

    public void getWords(int cycle, Port output, int[] dst) {
        output.codec.getWords(out, outAt(cycle, output), dst);
    }

    public void getLongs(int cycle, Port output, long[] dst) {
        output.codec.getLongs(out, outAt(cycle, output), dst);
    }

    // ---- raw row access, for loops that produce or consume values in place ----

    /**
     * The input rows as one native segment, for writing values in place without the width check:
     * row {@code c} starts at {@code c * inputStride()}, and port {@code p} at
     * {@link #inputOffset(Port)} within it, in Verilator's storage layout (1, 2, 4 or 8 bytes, or
     * 32-bit words least significant first; little-endian; bits above the width must stay zero).
     */
    public MemorySegment inputRows() {
        ensureOpen();
        return in;
    }

    public long inputStride() {
        return inStride;
    }

    public long inputOffset(Port input) {
        return inOffset[indexOf(inPorts, input, "input")];
    }

    /** The output rows as one native segment; the layout is that of {@link #inputRows()}. */
    public MemorySegment outputRows() {
        ensureOpen();
        return out;
    }

    public long outputStride() {
        return outStride;
    }

    public long outputOffset(Port output) {
        return outOffset[indexOf(outPorts, output, "output")];
    }

    private long inAt(int cycle, Port p) {
        return rowOffset(cycle, inStride) + inOffset[indexOf(inPorts, p, "input")];
    }

    private long outAt(int cycle, Port p) {
        return rowOffset(cycle, outStride) + outOffset[indexOf(outPorts, p, "output")];
    }

    private long rowOffset(int cycle, long stride) {
        if (closed) throw closedError(); // closing the simulator closes its batches
        if (cycle < 0 || cycle >= capacity) {
            throw new IndexOutOfBoundsException("cycle " + cycle + " outside batch of capacity " + capacity);
        }
        return cycle * stride;
    }

    private static int indexOf(Port[] ports, Port p, String role) {
        // identity search: a batch has a handful of ports, and this avoids hashing on the hot path
        for (int i = 0; i < ports.length; i++) if (ports[i] == p) return i;
        throw new IllegalArgumentException("port '" + p.name() + "' is not an " + role + " of this batch");
    }

    private void ensureOpen() {
        if (closed) throw closedError();
    }

    private IllegalStateException closedError() {
        return new IllegalStateException(sim.isClosed() ? "the simulator of " + sim.top() + " is closed" : "this batch is closed");
    }

    public boolean isClosed() {
        return closed;
    }

    /** Frees the buffers; closing the simulator closes its batches too. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        arena.close();
    }
}
