package org.jdpu.rtl.net;

import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Queue;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.UInt;

import java.util.List;

import static org.jdpu.hdl.Hdl.B;
import static org.jdpu.hdl.Hdl.U;
import static org.jdpu.hdl.Hdl.mux;

/**
 * A unit's fault report in one cycle: whether it faults, the {@link Fault} code, the index of the
 * instruction it blames and the queue bits of the faulting unit (bits 11:8 of the FAULT register;
 * 0 for the fetch unit).
 */
record FaultSource(Bool valid, UInt code, UInt index, UInt queues) {
    static final int CODE_BITS = DmaPort.FAULT_CODE_BITS;

    static FaultSource of(Bool valid, Fault f, UInt index, UInt queues) {
        return new FaultSource(valid, U(f.code(), CODE_BITS), index, queues);
    }

    /** The queue bit of {@code q} as a 4-bit mask. */
    static UInt bitOf(Queue q) {
        return U(1L << q.bit(), Queue.COUNT);
    }

    /** The first valid source of {@code sources} (earlier ones win when several fault in one cycle). */
    static FaultSource first(List<FaultSource> sources) {
        FaultSource last = sources.get(sources.size() - 1);
        Bool valid = last.valid;
        UInt code = last.code, index = last.index, queues = last.queues;
        for (int i = sources.size() - 2; i >= 0; i--) {
            FaultSource s = sources.get(i);
            valid = valid.or(s.valid);
            code = mux(s.valid, s.code, code);
            index = mux(s.valid, s.index, index);
            queues = mux(s.valid, s.queues, queues);
        }
        return new FaultSource(valid.or(B(false)), code, index, queues);
    }
}
