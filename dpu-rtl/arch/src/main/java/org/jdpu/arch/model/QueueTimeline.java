package org.jdpu.arch.model;

import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedules a program on the engine's four in-order queues the way the control block
 * ({@code org.jdpu.rtl.net.NetControl}) does, given when each instruction arrives from the fetch
 * unit and how long it executes once started. Cycle 0 is the START write.
 *
 * <ul>
 *   <li>Instructions arrive in a prefetch FIFO and are decoded in program order, one per cycle at
 *       most; decoding waits while the instruction's queue is full (back-pressure on the fetch).</li>
 *   <li>The prefetch FIFO and the queues are memory FIFOs behind a two-word buffer
 *       ({@code org.jdpu.hdl.lib.Fifo}, {@code Storage.MEMORY}): a word pushed in cycle t is at the
 *       head in t + 3 at the soonest, the next word one cycle after its predecessor left, and a
 *       FIFO of depth N takes a push only while fewer than N - 2 of its words wait in the memory.</li>
 *   <li>A queue's head stays in its FIFO while it executes and leaves in the cycle it finishes; the
 *       next one can start in the following cycle. A pipelined instruction (a LOAD or SAVE command)
 *       leaves when it is issued, before it finishes ({@link Costs#execute}); instructions of one
 *       queue still finish in order.</li>
 *   <li>An instruction starts only when every token it waits for is there: a token given by an
 *       instruction finishing in cycle f can be taken from f + 1. Tokens of one ordered queue pair
 *       are consumed in the order they were given, as the counters imply.</li>
 * </ul>
 * The program is done in the cycle after its last instruction finished (and after END was decoded).
 * A queue is busy in the cycles after an instruction's start up to its finish; overlapping
 * instructions count once.
 */
public final class QueueTimeline {
    /** When instructions arrive and how long they take. */
    public interface Costs {
        /**
         * Cycle instruction {@code index} is pushed into the prefetch FIFO. Called in program order,
         * after {@link #decoded} of every earlier instruction.
         */
        long fetched(int index);

        /** Cycles from the start of instruction {@code index} to the cycle it finishes (at least 1). */
        long duration(int index, Instruction in, long start);

        /** Instruction {@code index} left the prefetch FIFO for its queue (or was END) in {@code cycle}. */
        default void decoded(int index, long cycle) {}

        /**
         * When instruction {@code index}, started in {@code start}, leaves its queue's FIFO and when
         * it finishes; by default both at {@code start + duration}.
         */
        default Execution execute(int index, Instruction in, long start) {
            long f = start + duration(index, in, start);
            return new Execution(f, f);
        }
    }

    /** The cycle an instruction leaves its queue (the next one can start after it) and the cycle it finishes. */
    public record Execution(long leave, long finish) {
        public Execution {
            if (leave > finish) throw new IllegalArgumentException("leaves at " + leave + " after finishing at " + finish);
        }
    }

    /**
     * Every instruction's decode cycle, start cycle and end (the cycle after it finished, when its
     * tokens and its queue are free; END: its decode), the cycle the program is done (cycles from
     * START, as the CYCLES register counts them) and each queue's busy cycles.
     */
    public record Schedule(long[] decode, long[] start, long[] end, long total, long[] busyCycles) {}

    private QueueTimeline() {}

    /** The push/issue/pop times of one memory FIFO, word by word. */
    static final class MemoryFifo {
        private final int ramDepth;
        private final List<Long> push = new ArrayList<>(), issue = new ArrayList<>(), pop = new ArrayList<>();

        MemoryFifo(int depth) {
            if (depth < 4) throw new IllegalArgumentException("a memory FIFO is at least 4 deep, got " + depth);
            this.ramDepth = depth - 2;
        }

        /** The earliest cycle a word can be pushed at or after {@code t}: one of the memory's words must have left it. */
        long room(long t) {
            int k = push.size();
            return k >= ramDepth ? Math.max(t, issue.get(k - ramDepth) + 1) : t;
        }

        /** Pushes the next word in cycle {@code t}; returns the first cycle it is at the head. */
        long push(long t) {
            int k = push.size();
            long i = t + 1;
            if (k >= 1) i = Math.max(i, issue.get(k - 1) + 1);
            if (k >= 2) i = Math.max(i, pop.get(k - 2));
            push.add(t);
            issue.add(i);
            return k >= 1 ? Math.max(i + 2, pop.get(k - 1) + 1) : i + 2;
        }

        /** The word pushed last leaves in cycle {@code t}. */
        void pop(long t) {
            pop.add(t);
        }
    }

    /**
     * @param queueDepth    instructions each queue's FIFO holds
     * @param prefetchDepth instructions the prefetch FIFO holds
     */
    public static Schedule schedule(List<Instruction> program, int queueDepth, int prefetchDepth, Costs costs) {
        int n = program.size();
        long[] decode = new long[n], start = new long[n], end = new long[n];
        long[] busy = new long[Queue.COUNT], lastFinish = new long[Queue.COUNT];
        MemoryFifo prefetch = new MemoryFifo(prefetchDepth);
        MemoryFifo[] queues = new MemoryFifo[Queue.COUNT];
        for (int q = 0; q < Queue.COUNT; q++) queues[q] = new MemoryFifo(queueDepth);
        @SuppressWarnings("unchecked")
        ArrayDeque<Long>[][] tokens = new ArrayDeque[Queue.COUNT][Queue.COUNT];
        for (ArrayDeque<Long>[] row : tokens) for (int i = 0; i < row.length; i++) row[i] = new ArrayDeque<>();
        long last = 0, previousDecode = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            Instruction in = program.get(i);
            long d = Math.max(prefetch.push(costs.fetched(i)), previousDecode + 1);
            if (in.opcode() == Opcode.END) {
                decode[i] = start[i] = end[i] = d;
                prefetch.pop(d);
                costs.decoded(i, d);
                last = Math.max(last, d + 1);
                break;
            }
            Queue q = in.opcode().queue();
            MemoryFifo fifo = queues[q.index()];
            d = fifo.room(d);
            decode[i] = d;
            previousDecode = d;
            prefetch.pop(d);
            costs.decoded(i, d);
            long s = fifo.push(d);
            for (Queue p : in.waitOn()) {
                if (p == q) continue;
                ArrayDeque<Long> t = tokens[p.index()][q.index()];
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("instruction " + i + " waits for a " + p.label()
                            + " token no earlier instruction gives: the program is not sequentially valid");
                }
                s = Math.max(s, t.pollFirst());
            }
            Execution x = costs.execute(i, in, s);
            long f = x.finish();
            if (f < lastFinish[q.index()]) throw new IllegalStateException("instruction " + i + " finishes out of order");
            fifo.pop(x.leave());
            start[i] = s;
            end[i] = f + 1;
            busy[q.index()] += f - Math.max(s, lastFinish[q.index()]);
            lastFinish[q.index()] = f;
            for (Queue dq : in.signal()) {
                if (dq != q) tokens[q.index()][dq.index()].addLast(f + 1);
            }
            last = Math.max(last, f + 1);
        }
        return new Schedule(decode, start, end, last, busy);
    }
}
