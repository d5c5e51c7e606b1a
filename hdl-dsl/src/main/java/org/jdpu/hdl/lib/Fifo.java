package org.jdpu.hdl.lib;

import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Data;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.Mem;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.Vec;

import java.math.BigInteger;
import java.util.function.Supplier;

import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.mem;
import static org.jdpu.hdl.Hdl.mux;
import static org.jdpu.hdl.Hdl.reg;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.select;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.vec;
import static org.jdpu.hdl.Hdl.when;
import static org.jdpu.hdl.Hdl.wire;

/**
 * A synchronous first-in first-out queue of {@code depth} words between two ready/valid
 * {@link Stream}s, one clock. It holds exactly {@code depth} words: {@code in.ready} is low only
 * when it is full, {@code out.valid} high whenever it holds a word. Both come from registers, and
 * no combinational path runs from {@code in} to {@code out}.
 *
 * <p>Two storages, chosen by depth unless asked for:
 * <ul>
 *   <li>{@link Storage#REGISTERS} (depths below {@link #MEMORY_DEPTH}): a ring of registers read
 *       through a multiplexer. A word written in cycle t can leave in cycle t + 1. Depth 1 passes
 *       a word every other cycle; from depth 2 one word per cycle (full throughput).</li>
 *   <li>{@link Storage#MEMORY} (deeper, or asked for from depth 4): a DSL memory of depth - 2
 *       words, which synthesis maps to block RAM, in front of a two-word register buffer that
 *       hides the memory's registered read. A word written in cycle t can leave in cycle t + 3;
 *       one word per cycle.</li>
 * </ul>
 *
 * @param <T> the payload type
 */
public final class Fifo<T extends Data> extends HwModule {
    /** Where the words are kept. */
    public enum Storage { REGISTERS, MEMORY }

    /** The depth from which a memory is used by default: below it a block RAM would be mostly empty. */
    public static final int MEMORY_DEPTH = 32;

    public final Stream<T> in;
    public final Stream<T> out;
    private final int depth;
    private final Storage storage;

    /** A FIFO of {@code depth} words shaped like those {@code payload} makes, storage by depth. */
    public Fifo(Supplier<? extends T> payload, int depth) {
        this(payload, depth, depth >= MEMORY_DEPTH ? Storage.MEMORY : Storage.REGISTERS);
    }

    /**
     * A FIFO with the given storage. A memory needs depth 4 at least: two words sit in the output
     * buffer, and a memory of one word could only take a word every other cycle (its count is
     * registered, so a read cannot make room for a write in the same cycle).
     */
    public Fifo(Supplier<? extends T> payload, int depth, Storage storage) {
        if (depth < 1 || (storage == Storage.MEMORY && depth < 4)) {
            throw new IllegalArgumentException("FIFO depth " + depth + " is too small for " + storage + " storage");
        }
        this.depth = depth;
        this.storage = storage;
        in = input("in", new Stream<T>(payload));
        out = output("out", new Stream<T>(payload));
        UInt word = bitsOf(in.data);
        if (storage == Storage.REGISTERS) {
            throughRegisters(word);
        } else {
            throughMemory(word);
        }
    }

    /** A FIFO of {@code depth} words of {@code width} bits. */
    public static Fifo<UInt> ofWidth(int width, int depth) {
        return new Fifo<>(() -> uint(width), depth);
    }

    public int depth() {
        return depth;
    }

    public Storage storage() {
        return storage;
    }

    @Override
    protected String moduleName() {
        return "fifo_" + (storage == Storage.MEMORY ? "ram_" : "") + depth + "x" + in.data.width();
    }

    /** A ring's head word and its count of held words. */
    private record Ring(UInt head, UInt count) {}

    /**
     * A ring of {@code depth} registers {@code <prefix>entry_i} with write and read pointers and a
     * count of held words: stores {@code word} on {@code push}, drops the head on {@code pop}.
     */
    private static Ring ring(String prefix, UInt word, int depth, Bool push, Bool pop) {
        UInt count = regInit(prefix + "count", uint(bitsFor(depth)), 0);
        when(push.and(pop.not()), () -> count.assign(count.addWrap(1)))
                .elseWhen(pop.and(push.not()), () -> count.assign(count.subWrap(1)));
        if (depth == 1) {
            UInt entry = reg(prefix + "entry", uint(word.width()));
            when(push, () -> entry.assign(word));
            return new Ring(entry, count);
        }
        Vec<UInt> entries = reg(prefix + "entry", vec(depth, uint(word.width())));
        UInt wrPtr = regInit(prefix + "wr_ptr", uint(bitsFor(depth - 1)), 0);
        UInt rdPtr = regInit(prefix + "rd_ptr", uint(bitsFor(depth - 1)), 0);
        when(push, () -> {
            entries.write(wrPtr, word);
            wrPtr.assign(advance(wrPtr, depth));
        });
        when(pop, () -> rdPtr.assign(advance(rdPtr, depth)));
        return new Ring(select(rdPtr, entries.asList()), count);
    }

    private void throughRegisters(UInt word) {
        Ring ring = ring("", word, depth, in.fire(), out.fire());
        in.ready.assign(ring.count().ne(depth));
        out.valid.assign(ring.count().ne(0));
        out.data.assignBits(ring.head());
    }

    /**
     * Memory storage: words go into the RAM and are read out (registered, one cycle) into a
     * two-word ring whenever the ring will have room for them. {@code inflight} marks a read whose
     * word arrives in this cycle. A read is issued only while the ring's words plus the one in
     * flight are below 2, or a word leaves in this cycle, so the ring never overflows, and one
     * read per cycle keeps pace with one pop per cycle.
     */
    private void throughMemory(UInt word) {
        int ramDepth = depth - 2;
        Mem<UInt> ram = mem("ram", ramDepth, uint(word.width()));
        UInt ramCount = regInit("ram_count", uint(bitsFor(ramDepth)), 0);
        UInt wrPtr = regInit("wr_ptr", uint(ram.addrWidth()), 0);
        UInt rdPtr = regInit("rd_ptr", uint(ram.addrWidth()), 0);
        Bool inflight = regInit("inflight", bool(), 0);
        Bool push = in.fire();
        in.ready.assign(ramCount.ne(ramDepth));
        when(push, () -> {
            ram.write(wrPtr, word);
            wrPtr.assign(advance(wrPtr, ramDepth));
        });

        Bool pop = out.fire();
        Bool issue = wire("issue", bool());
        UInt readWord = ram.read(rdPtr, issue);
        Ring buffer = ring("buf_", readWord, 2, inflight, pop);
        issue.assign(ramCount.ne(0).and(buffer.count().add(inflight).lt(2).or(pop)));
        inflight.assign(issue);
        when(issue, () -> rdPtr.assign(advance(rdPtr, ramDepth)));
        when(push.and(issue.not()), () -> ramCount.assign(ramCount.addWrap(1)))
                .elseWhen(issue.and(push.not()), () -> ramCount.assign(ramCount.subWrap(1)));
        out.valid.assign(buffer.count().ne(0));
        out.data.assignBits(buffer.head());
    }

    /** ptr + 1, back to 0 after {@code size - 1}. */
    private static UInt advance(UInt ptr, int size) {
        UInt next = ptr.addWrap(1);
        return BigInteger.ONE.shiftLeft(ptr.width()).equals(BigInteger.valueOf(size)) ? next : mux(ptr.eq(size - 1), 0, next);
    }

    private static int bitsFor(long max) {
        return Math.max(1, BigInteger.valueOf(max).bitLength());
    }

    /** The payload as a word; a plain UInt payload is used as it is. */
    private static UInt bitsOf(Data data) {
        return data instanceof UInt u && !(data instanceof Bool) ? u : data.asUInt();
    }
}
