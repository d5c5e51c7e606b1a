package org.jdpu.cosim.net;

import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.runtime.NetRun;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded mutations of a small compiled network's program on the whole network engine (engine,
 * simulated DDR under random stress, protocol checkers), all on one engine without a reset: bit
 * flips and random words anywhere, random values in the DMA fields (region, offset, index, loop
 * counts, strides), now and then a shorter INSTR_COUNT or an SLVERR somewhere in the program or its
 * regions. Every program must end with done, with or
 * without a fault (a code from the table), within the watchdog, with both AXI masters
 * protocol-clean and no write outside the regions (the data checker's windows); now and then the
 * clean program runs in between and must still give the simulator's outputs. Prints its seed
 * ({@code -Djdpu.seed=N} replays) and how many programs ended with which fault.
 *
 * <p>Mutations can make legal programs that run for hours: a valid descriptor with large counts
 * (a core run of up to ~10^10 cycles) or a LOAD of 2^32 elements whose steps are 0 (it never
 * leaves its region). Those are not hangs, so a mutation whose longest core run exceeds
 * {@value #RUN_BUDGET} cycles or whose longest DMA moves more than {@value #DMA_CAP} elements
 * before it ends or faults ({@link org.jdpu.iss.CoreRunBound}) is drawn again.
 */
class NetFuzzCosimTest {
    static final int PROGRAMS = 150;
    static final long RUN_BUDGET = 20_000;
    static final long DMA_CAP = 4096;
    static final int CLEAN_EVERY = 10;

    @Test
    void mutatedNetworkProgramsAlwaysFinishInsideTheirRegions() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("NetFuzzCosimTest seed " + seed);
        long t0 = System.nanoTime();
        Random rnd = new Random(seed);
        Map<Fault, Integer> outcomes = new EnumMap<>(Fault.class);
        int redrawn = 0;
        try (FaultBench b = new FaultBench(rnd.nextInt() | 1)) {
            int n = b.instructions();
            long watchdog = b.watchdog + n * (8 * DMA_CAP + 2 * RUN_BUDGET);
            for (int p = 0; p < PROGRAMS; p++) {
                int[] w;
                long count;
                FaultBench.Setup s = FaultBench.Setup.normal(b.map);
                if (rnd.nextInt(8) == 0) {
                    // A DDR error in the program's instructions or in one of its regions.
                    int r = rnd.nextInt(b.program.regions().size() + 1);
                    s = s.withError(r == b.program.regions().size()
                            ? b.map.instructionBase() + rnd.nextInt(n * Instruction.BYTES)
                            : b.map.regionBase()[r] + rnd.nextInt((int) b.map.regionSize()[r]));
                }
                for (int attempt = 0; ; attempt++) {
                    w = mutate(rnd, b);
                    count = rnd.nextInt(8) == 0 ? rnd.nextInt(n + 1) : n;
                    if (b.bound.longestRun(w, count) <= RUN_BUDGET && b.bound.longestDma(w, count, s.bounds(), DMA_CAP) <= DMA_CAP) {
                        break;
                    }
                    redrawn++;
                    assertTrue(attempt < 1000, "no mutation stays within the budgets");
                }
                String what = "program " + p + " of seed " + seed;
                FaultBench.Outcome o = b.run(what, w, count, s, watchdog);
                NetRun r = o.run();
                boolean faulted = (o.status() & 0b100) != 0;
                long code = b.session.host().read(ControlRegister.FAULT.offset()) & 0xFF;
                assertEquals(faulted, r.fault() != Fault.NONE, what + ": a fault code from the table (FAULT " + code + ")");
                outcomes.merge(r.fault(), 1, Integer::sum);
                if (p % CLEAN_EVERY == CLEAN_EVERY - 1) b.cleanRunPasses(what);
            }
            b.cleanRunPasses("the last mutated program");
        }
        System.out.printf("NetFuzzCosimTest: %d mutated programs ended with %s; %d mutations drawn again for a run over"
                + " %d cycles or a DMA over %d elements; %.1f s%n", PROGRAMS, outcomes, redrawn, RUN_BUDGET, DMA_CAP,
                (System.nanoTime() - t0) / 1e9);
    }

    private static final Field[] DMA_FIELDS = {Field.REGION, Field.OFFSET, Field.INDEX, Field.N0, Field.N1, Field.S0,
            Field.S1, Field.D0, Field.D1};

    /** The compiled words with one to four mutations. */
    private static int[] mutate(Random rnd, FaultBench b) {
        int[] w = b.cleanWords();
        int n = b.instructions();
        for (int m = 1 + rnd.nextInt(4); m > 0; m--) {
            int i = rnd.nextInt(n);
            switch (rnd.nextInt(3)) {
                case 0 -> w[i * Instruction.WORDS + rnd.nextInt(Instruction.WORDS)] ^= 1 << rnd.nextInt(32);
                case 1 -> w[i * Instruction.WORDS + rnd.nextInt(Instruction.WORDS)] = rnd.nextInt();
                default -> {
                    int j = dma(b, i);
                    Field f = DMA_FIELDS[rnd.nextInt(DMA_FIELDS.length)];
                    long old = b.program.instructions().get(j).get(f);
                    long v = switch (rnd.nextInt(4)) {
                        case 0 -> rnd.nextLong();                       // anything
                        case 1 -> old + rnd.nextInt(129) - 64;          // a near miss
                        case 2 -> -old;                                 // a step reversed, a huge offset
                        default -> rnd.nextInt(1 << rnd.nextInt(17));   // a small value
                    };
                    set(w, j, f, v);
                }
            }
        }
        return w;
    }

    /** A LOAD or SAVE at or after {@code from} (wrapping around). */
    private static int dma(FaultBench b, int from) {
        int n = b.instructions();
        for (int k = 0; k < n; k++) {
            int i = (from + k) % n;
            Opcode op = b.program.instructions().get(i).opcode();
            if (op == Opcode.LOAD || op == Opcode.SAVE) return i;
        }
        throw new AssertionError("a network program has LOADs");
    }

    private static void set(int[] w, int i, Field f, long v) {
        int at = i * Instruction.WORDS + f.word();
        long mask = f.mask() << f.lsb();
        w[at] = (int) ((Integer.toUnsignedLong(w[at]) & ~mask) | ((v << f.lsb()) & mask));
    }
}
