package org.jdpu.arch.model;

import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.arch.isa.Queue;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Schedules a program on the engine's four in-order queues the way the hardware does, given how
 * long each instruction takes once it starts: instructions are dispatched in program order (a
 * queue whose FIFO is full holds the fetch up), each queue runs its instructions one after the
 * other, and an instruction starts only when it is dispatched, its queue is free and every token it
 * waits for has been given. Token times flow through one FIFO per ordered pair of queues, exactly
 * as the counters do. The result is each instruction's start and end cycle and the program's total.
 */
public final class QueueTimeline {
    /** How long an instruction executes once started, and when the fetch unit hands over the next one. */
    public interface Costs {
        /** Cycles from start to finish of instruction {@code index}. */
        long duration(int index, Instruction in, long start);

        /** Cycle the fetch unit can dispatch instruction {@code index}, the previous one dispatched at {@code previous}. */
        long dispatch(int index, long previous);
    }

    /** Start and end cycle of every instruction (END: its dispatch), and the cycle the program is done. */
    public record Schedule(long[] start, long[] end, long total, long[] busyCycles) {}

    private QueueTimeline() {}

    /**
     * @param fifoDepth instructions each queue's FIFO holds
     * @param doneDelay cycles from the last instruction's end to done
     */
    public static Schedule schedule(List<Instruction> program, int fifoDepth, long doneDelay, Costs costs) {
        int n = program.size();
        long[] start = new long[n], end = new long[n];
        long[] busy = new long[Queue.COUNT];
        long[] queueFree = new long[Queue.COUNT];
        @SuppressWarnings("unchecked")
        ArrayDeque<Long>[][] tokens = new ArrayDeque[Queue.COUNT][Queue.COUNT];
        for (ArrayDeque<Long>[] row : tokens) for (int i = 0; i < row.length; i++) row[i] = new ArrayDeque<>();
        // The starts of each queue's recent instructions: a FIFO slot frees when its instruction starts.
        @SuppressWarnings("unchecked")
        ArrayDeque<Long>[] inFifo = new ArrayDeque[Queue.COUNT];
        for (int i = 0; i < inFifo.length; i++) inFifo[i] = new ArrayDeque<>();
        long dispatched = 0, last = 0;
        for (int i = 0; i < n; i++) {
            Instruction in = program.get(i);
            long d = costs.dispatch(i, dispatched);
            if (in.opcode() == Opcode.END) {
                start[i] = end[i] = Math.max(d, dispatched);
                break;
            }
            Queue q = in.opcode().queue();
            ArrayDeque<Long> fifo = inFifo[q.index()];
            if (fifo.size() >= fifoDepth) d = Math.max(d, fifo.pollFirst());
            dispatched = Math.max(d, dispatched);
            long s = Math.max(dispatched, queueFree[q.index()]);
            for (Queue p : in.waitOn()) {
                if (p == q) continue;
                ArrayDeque<Long> t = tokens[p.index()][q.index()];
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("instruction " + i + " waits for a " + p.label()
                            + " token no earlier instruction gives: the program is not sequentially valid");
                }
                s = Math.max(s, t.pollFirst());
            }
            long e = s + costs.duration(i, in, s);
            start[i] = s;
            end[i] = e;
            fifo.addLast(s);
            queueFree[q.index()] = e;
            busy[q.index()] += e - s;
            for (Queue dq : in.signal()) {
                if (dq != q) tokens[q.index()][dq.index()].addLast(e);
            }
            last = Math.max(last, e);
        }
        return new Schedule(start, end, last + doneDelay, busy);
    }
}
