package org.jdpu.iss;

import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Queue;

import java.util.Map;

/**
 * How a program ended on the simulator and what it moved.
 *
 * @param fault              {@link Fault#NONE}, or the first fault (execution stopped there)
 * @param faultIndex         index of the faulting instruction (the fetch position for FETCH_BOUNDS), -1 if none
 * @param faultDetail        what was wrong, for messages ("" if none)
 * @param executed           instructions that finished, per queue (a faulting one is not counted)
 * @param elementsLoaded     LOAD elements written to the buffers
 * @param elementsSaved      SAVE elements written to DDR
 * @param ddrBytesRead       DDR bytes read by LOAD
 * @param ddrBytesWritten    DDR bytes written by SAVE
 * @param runs               CONV runs executed
 * @param outputWordsWritten output-buffer words the runs wrote
 * @param ddrBytesByInstruction DDR bytes each instruction moved (read or written), by program index
 * @param tokens             the token counters at the end
 * @param buffers            the core's buffers and registers at the end
 */
public record IssResult(Fault fault, int faultIndex, String faultDetail, Map<Queue, Integer> executed,
                        long elementsLoaded, long elementsSaved, long ddrBytesRead, long ddrBytesWritten,
                        int runs, long outputWordsWritten, long[] ddrBytesByInstruction, TokenCounters tokens,
                        OnChipBuffers buffers) {

    public IssResult {
        executed = Map.copyOf(executed);
    }

    /** True when the program reached its END without a fault. */
    public boolean ok() {
        return fault == Fault.NONE;
    }

    /** Instructions of queue {@code q} that finished. */
    public int executed(Queue q) {
        return executed.getOrDefault(q, 0);
    }

    /** One line for messages. */
    public String summary() {
        String f = ok() ? "ok" : fault + " at instruction " + faultIndex + " (" + faultDetail + ")";
        return f + ", executed " + executed + ", loaded " + elementsLoaded + " elements, saved " + elementsSaved
                + ", runs " + runs;
    }
}
