package org.jdpu.rtl.net;

import org.jdpu.arch.isa.Queue;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.UInt;

import static org.jdpu.hdl.Hdl.B;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.when;

/**
 * The dependency tokens: one {@value #BITS}-bit counter per ordered pair of distinct queues
 * (source -> destination), twelve in all, cleared at START. An instruction of queue Q starting
 * takes one token from counter(P -> Q) for each P it waits on; one finishing gives one to
 * counter(Q -> D) for each D it signals. Both can happen to one counter in one cycle (its two
 * queues are different), which leaves it unchanged. A give to a full counter that is not taken
 * from in the same cycle is an overflow: the counter keeps its value and the control block faults.
 */
final class TokenCounters {
    /** Counter width. */
    static final int BITS = 8;
    private static final int MAX = (1 << BITS) - 1;

    private final UInt[][] count = new UInt[Queue.COUNT][Queue.COUNT];
    private final Bool[] overflow = new Bool[Queue.COUNT];

    /**
     * @param clear    empties every counter (START)
     * @param start    per queue (by index): its head instruction starts in this cycle
     * @param waitOn   per queue: the starting instruction's wait mask, own bit already cleared
     * @param finish   per queue: its instruction finishes in this cycle
     * @param signalTo per queue: the finishing instruction's signal mask, own bit already cleared
     */
    TokenCounters(Bool clear, Bool[] start, UInt[] waitOn, Bool[] finish, UInt[] signalTo) {
        for (Queue src : Queue.values()) {
            Bool over = B(false);
            for (Queue dst : Queue.values()) {
                if (src == dst) continue;
                UInt c = regInit("tokens_" + src.label() + "_to_" + dst.label(), uint(BITS), 0);
                count[src.index()][dst.index()] = c;
                Bool take = start[dst.index()].and(waitOn[dst.index()].bit(src.bit()));
                Bool give = finish[src.index()].and(signalTo[src.index()].bit(dst.bit()));
                Bool full = c.eq(MAX);
                over = over.or(give.and(take.not()).and(full));
                when(clear, () -> c.assign(0))
                        .elseWhen(give.and(take.not()).and(full.not()), () -> c.assign(c.addWrap(1)))
                        .elseWhen(take.and(give.not()), () -> c.assign(c.subWrap(1)));
            }
            overflow[src.index()] = over;
        }
    }

    /** True when counter(src -> dst) holds a token. */
    Bool available(Queue src, Queue dst) {
        return count[src.index()][dst.index()].ne(0);
    }

    /** True when the instruction of {@code q} finishing in this cycle would overflow one of its counters. */
    Bool overflow(Queue q) {
        return overflow[q.index()];
    }
}
