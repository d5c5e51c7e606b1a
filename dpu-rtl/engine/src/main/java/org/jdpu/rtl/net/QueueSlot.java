package org.jdpu.rtl.net;

import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Queue;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.UInt;
import org.jdpu.hdl.lib.Fifo;

import static org.jdpu.hdl.Hdl.B;
import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.bool;
import static org.jdpu.hdl.Hdl.cat;
import static org.jdpu.hdl.Hdl.regInit;
import static org.jdpu.hdl.Hdl.uint;
import static org.jdpu.hdl.Hdl.when;
import static org.jdpu.hdl.Hdl.wire;

/**
 * One in-order queue: its FIFO of (instruction index, packed instruction words) and the state of
 * its head. The head starts when its tokens are there ({@link #tokensReady}, from the counters) and
 * nothing of the queue is executing; it stays at the FIFO's output while it executes, so the
 * executor reads its fields from there, and leaves when the executor says it has {@link #finish}ed.
 * After a fault nothing starts and the FIFO is drained. The occupancy is counted here, not taken
 * from the FIFO's valid, so that a word still moving through the FIFO's pipeline counts as held
 * (deadlock detection must not take such a queue for empty).
 *
 * <p>A pipelined queue (LOAD, SAVE) lets its head go before it has finished: once its command is
 * issued ({@link #leave}) the instruction moves, with its index and signal mask, into a small
 * FIFO of issued commands, and the next head may start. Issued commands finish in order; the one
 * finishing is that FIFO's head ({@link #doneIndex}, {@link #doneSignal}). The queue is
 * {@link #executing} while its head is active or any issued command has not finished; DONE_COUNT
 * counts finished instructions, BUSY_CYCLES the cycles the queue is executing (overlapping
 * commands count once).
 */
final class QueueSlot {
    /** Width of the instruction index kept with every queued instruction. */
    static final int INDEX_BITS = 32;

    final Queue queue;
    final WordLayout layout;
    final Fifo<UInt> fifo;
    /** Program-order index of the head instruction. */
    final UInt index;
    final Bool headValid;
    /** The head's masks with the queue's own bit cleared (it is ignored). */
    final UInt waitOn, signalTo;
    /** Driven by the control block: every token the head waits for is there. */
    final Bool tokensReady;
    /** Driven by the executor: the executing instruction finishes in this cycle. */
    final Bool finish;
    final Bool active, start;
    /** Driven by the executor of a pipelined queue: the head's command is issued in this cycle. */
    final Bool leave;
    /** A pipelined queue has room for one more issued command (always true otherwise). */
    final Bool canIssue;
    /** Index and signal mask (own bit cleared) of the instruction finishing. */
    final UInt doneIndex, doneSignal;
    /** The head is active or an issued command has not finished. */
    final Bool executing;
    /** An issued command has not finished (pipelined queues only). */
    final Bool issuedPending;
    /** The head is there and may not start for want of a token. */
    final Bool blocked;
    final Bool empty;
    final UInt doneCount, busyCycles;
    private final UInt packed;

    /**
     * @param fifo  the queue's FIFO; its in side is the dispatcher's
     * @param clear START
     * @param run   instructions may start (running, no fault)
     * @param drain a fault: executing stops, queued instructions are dropped
     * @param issued a pipelined queue's FIFO of issued commands (index and signal mask), or null
     */
    QueueSlot(Queue q, Fifo<UInt> fifo, int depth, Bool clear, Bool run, Bool drain, Fifo<UInt> issued) {
        this.queue = q;
        this.layout = WordLayout.of(q);
        this.fifo = fifo;
        String p = q.label() + "_";
        packed = fifo.out.data.bits(layout.bits() - 1, 0);
        index = fifo.out.data.bits(layout.bits() + INDEX_BITS - 1, layout.bits());
        headValid = fifo.out.valid;
        UInt own = U(~(1 << q.bit()) & 0xF, 4);
        waitOn = field(Field.WAIT).and(own).named(p + "wait_on");
        signalTo = field(Field.SIGNAL).and(own).named(p + "signal_to");
        tokensReady = wire(p + "tokens_ready", bool());
        finish = wire(p + "finish", bool());
        active = regInit(p + "active", bool(), 0);
        start = run.and(headValid).and(active.not()).and(tokensReady).named(p + "start");
        blocked = headValid.and(active.not()).and(tokensReady.not()).named(p + "blocked");
        if (issued == null) {
            leave = finish;
            canIssue = B(true);
            doneIndex = index;
            doneSignal = signalTo;
            issuedPending = B(false);
        } else {
            leave = wire(p + "leave", bool());
            canIssue = issued.in.ready;
            issued.in.valid.assign(leave);
            issued.in.data.assign(cat(index, signalTo));
            issuedPending = issued.out.valid;
            doneIndex = issued.out.data.bits(INDEX_BITS + 3, 4).named(p + "done_index");
            doneSignal = issued.out.data.bits(3, 0).named(p + "done_signal");
            issued.out.ready.assign(finish.or(drain.and(issued.out.valid)));
        }
        executing = active.or(issuedPending).named(p + "executing");
        when(start, () -> active.assign(B(true)));
        when(leave.or(drain).or(clear), () -> active.assign(B(false)));
        fifo.out.ready.assign(leave.or(drain.and(headValid)));

        UInt occupancy = regInit(p + "occupancy", uint(InstructionFetch.bitsFor(depth)), 0);
        Bool push = fifo.in.fire(), pop = fifo.out.fire();
        when(push.and(pop.not()), () -> occupancy.assign(occupancy.addWrap(1)))
                .elseWhen(pop.and(push.not()), () -> occupancy.assign(occupancy.subWrap(1)));
        empty = occupancy.eq(0).named(p + "empty");

        doneCount = regInit(p + "done_count", uint(32), 0);
        busyCycles = regInit(p + "busy_cycles", uint(32), 0);
        when(clear, () -> {
            doneCount.assign(0);
            busyCycles.assign(0);
        }).otherwise(() -> {
            when(finish, () -> doneCount.assign(doneCount.addWrap(1)));
            when(executing, () -> busyCycles.assign(busyCycles.addWrap(1)));
        });
    }

    /** Field {@code f} of the head instruction. */
    UInt field(Field f) {
        return layout.field(packed, f);
    }
}
