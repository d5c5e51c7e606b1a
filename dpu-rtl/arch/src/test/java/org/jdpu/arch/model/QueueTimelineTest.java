package org.jdpu.arch.model;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Queue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue scheduler's rules on hand-made programs, one instruction arriving per cycle. */
class QueueTimelineTest {
    /** Instruction i arrives in the prefetch FIFO in cycle i and takes durations[i] cycles. */
    static QueueTimeline.Schedule run(List<Instruction> program, long... durations) {
        return QueueTimeline.schedule(program, 32, 16, new QueueTimeline.Costs() {
            @Override
            public long fetched(int index) {
                return index;
            }

            @Override
            public long duration(int index, Instruction in, long start) {
                return durations[index];
            }
        });
    }

    static Instruction load(Set<Queue> wait, Set<Queue> signal) {
        return Instruction.load(LoadTarget.ACTIVATIONS, 0, 0, 0, 1, 1, 0, 0, 0, 0).withTokens(wait, signal);
    }

    @Test
    void fifoLatencyAndDone() {
        QueueTimeline.Schedule s = run(List.of(Instruction.nop(), Instruction.end()), 1, 0);
        // pushed into the prefetch FIFO in 0, at its head in 3; into MISC's FIFO in 3, at its head in 6
        assertEquals(3, s.decode()[0]);
        assertEquals(6, s.start()[0]);
        assertEquals(8, s.end()[0]);
        assertEquals(4, s.decode()[1]);
        assertEquals(8, s.total());
        assertEquals(1, s.busyCycles()[Queue.MISC.index()]);
    }

    @Test
    void aFullQueueHoldsTheFetchBack() {
        List<Instruction> p = new ArrayList<>();
        long[] d = new long[41];
        for (int i = 0; i < 40; i++) {
            p.add(Instruction.conv());
            d[i] = i == 0 ? 1000 : 1;
        }
        p.add(Instruction.nop());
        d[40] = 1;
        QueueTimeline.Schedule s = run(p, d);
        long firstFinish = s.end()[0] - 1;
        // 32 CONVs fit while the first executes (two in the output buffer, 30 in the memory) ...
        assertTrue(s.decode()[31] < 100, "decode of the 32nd: " + s.decode()[31]);
        // ... the 33rd waits until the third has moved into the buffer, when the first leaves
        assertEquals(firstFinish + 1, s.decode()[32]);
        // decoding is in order: the NOP behind them waits too, though its queue is empty
        assertTrue(s.start()[40] > firstFinish, "NOP start " + s.start()[40]);
        for (int i = 1; i < 40; i++) assertEquals(s.end()[i - 1], s.start()[i], "CONV " + i + " follows its predecessor");
    }

    @Test
    void tokensAreTakenInTheOrderGiven() {
        List<Instruction> p = List.of(
                load(Set.of(), Set.of(Queue.CONV)),
                load(Set.of(), Set.of(Queue.CONV)),
                Instruction.conv().withTokens(Set.of(Queue.LOAD), Set.of(Queue.SAVE)),
                Instruction.conv().withTokens(Set.of(Queue.LOAD), Set.of()),
                Instruction.save(0, 0, 0, 1, 1, 0, 0, 0, 0).withTokens(Set.of(Queue.CONV), Set.of()),
                Instruction.end());
        QueueTimeline.Schedule s = run(p, 100, 10, 50, 5, 7, 0);
        assertEquals(s.end()[0], s.start()[2], "the first CONV takes the first LOAD's token");
        assertEquals(s.end()[1], s.start()[1] + 11);
        assertEquals(Math.max(s.end()[1], s.end()[2]), s.start()[3]);
        assertEquals(s.end()[2], s.start()[4], "SAVE waits for the first CONV only");
        assertEquals(Math.max(s.end()[3], s.end()[4]), s.total());
    }

    @Test
    void ownQueueBitsAreIgnored() {
        QueueTimeline.Schedule s = run(List.of(load(Set.of(Queue.LOAD), Set.of(Queue.LOAD)), Instruction.end()), 4, 0);
        assertEquals(s.start()[0] + 5, s.total());
    }

    @Test
    void aWaitNoEarlierInstructionSatisfiesIsNotSequentiallyValid() {
        List<Instruction> p = List.of(
                Instruction.conv().withTokens(Set.of(Queue.LOAD), Set.of()),
                load(Set.of(), Set.of(Queue.CONV)),
                Instruction.end());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(p, 1, 1, 0));
        assertTrue(e.getMessage().contains("instruction 0"), e.getMessage());
    }

    @Test
    void beatGapAndLatencySlowALoadAsTheDdrDoes() {
        DpuConfig c = DpuConfig.parse("B512");
        // 256 activation words of ICP bytes, one per 16-byte beat: as many beats as load-port words
        Instruction load = Instruction.load(LoadTarget.ACTIVATIONS, 0, 0, 0, 256, 1, AxiConfig.DEFAULT.dataBytes(), 0, 1, 0);
        List<Instruction> p = List.of(load, Instruction.end());
        long ideal = ProgramCycleModel.schedule(c, AxiConfig.DEFAULT, new MemoryTiming(2, 1, 0), p).busyCycles()[Queue.LOAD.index()];
        long halfRate = ProgramCycleModel.schedule(c, AxiConfig.DEFAULT, new MemoryTiming(2, 1, 16), p).busyCycles()[Queue.LOAD.index()];
        long slow = ProgramCycleModel.schedule(c, AxiConfig.DEFAULT, new MemoryTiming(42, 1, 0), p).busyCycles()[Queue.LOAD.index()];
        long beats = 256;
        // one word per cycle after the first burst's elements were walked and its data came back
        assertTrue(ideal >= beats && ideal < beats + 40, "ideal " + ideal + " for " + beats + " beats");
        // about one more cycle per beat; the memory-bound LOAD hides part of the fill the ideal one pays
        // (its first burst leaves early while the walker runs ahead)
        assertTrue(halfRate - ideal <= beats + 4 && halfRate - ideal >= beats - 16, "half rate " + halfRate + " vs ideal " + ideal);
        assertTrue(slow >= ideal + 40 && slow <= ideal + 44, "40 more cycles of latency, the outstanding bursts hide the rest: "
                + slow + " vs " + ideal);
    }
}
