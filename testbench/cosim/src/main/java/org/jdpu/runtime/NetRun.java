package org.jdpu.runtime;

import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Queue;
import org.jdpu.memory.AxiRule;

/**
 * What one START of a network program left in the control registers, and what the protocol
 * checkers saw.
 *
 * @param cycles      CYCLES: START to done
 * @param fault       the fault, NONE for a clean run
 * @param faultQueue  the queue bit of the unit that faulted
 * @param faultInstr  FAULT_INSTR: the index of the faulting instruction
 * @param doneCount   instructions finished per queue (Queue index order)
 * @param busyCycles  cycles each queue was executing
 * @param dataCheck   the data master's first protocol violation, or null
 * @param instrCheck  the fetch master's first protocol violation, or null
 */
public record NetRun(long cycles, Fault fault, int faultQueue, long faultInstr, long[] doneCount, long[] busyCycles,
                     Violation dataCheck, Violation instrCheck) {

    /** A protocol-checker verdict: which port, which rule, in which cycle. */
    public record Violation(String port, AxiRule rule, long cycle) {
        @Override
        public String toString() {
            return port + ": " + (rule == null ? "unknown rule" : rule.name() + " (" + rule.description() + ")") + " at cycle " + cycle;
        }
    }

    public long done(Queue q) {
        return doneCount[q.index()];
    }

    public long busy(Queue q) {
        return busyCycles[q.index()];
    }

    /** True when the AXI protocol was kept on both masters. */
    public boolean protocolClean() {
        return dataCheck == null && instrCheck == null;
    }
}
