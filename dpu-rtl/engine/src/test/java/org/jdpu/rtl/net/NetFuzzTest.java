package org.jdpu.rtl.net;

import org.jdpu.arch.Register;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.iss.CoreRunBound;
import org.jdpu.sim.CompiledModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random mutations of valid programs (bit flips, random words, a random INSTR_COUNT, DMA faults now
 * and then): whatever the words, every program must end with done, with or without a fault, within
 * a cycle watchdog, and a fault code must be one of the table. Prints its seed
 * ({@code -Djdpu.seed=N} replays).
 *
 * <p>Some programs describe a small run (every kernel size and loop count set) and start it with
 * CONVs, and mutations may create CONVs anywhere. The engine refuses the descriptors the core
 * could not finish (a kernel size outside 1..16, a zero count: BAD_REGISTER) and a CONV before
 * they are written, but a valid descriptor with large counts is a legal run that may take up to
 * ~10^10 cycles on this configuration, which no watchdog can tell from a hang. So a mutation whose
 * longest run ({@link CoreRunBound}) exceeds {@value #RUN_BUDGET} cycles is drawn again.
 */
class NetFuzzTest {
    static final int PROGRAMS = 300;
    static final long WATCHDOG = 100_000;
    /** Cycles a mutated program's longest core run may take. */
    static final long RUN_BUDGET = 10_000;

    @Test
    void mutatedProgramsAlwaysFinish() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("NetFuzzTest seed " + seed);
        Random rnd = new Random(seed);
        CompiledModel model = NetHarness.model();
        int faulted = 0, redrawn = 0, withRuns = 0;
        Map<Fault, Integer> byFault = new EnumMap<>(Fault.class);
        for (int n = 0; n < PROGRAMS; n++) {
            List<Instruction> valid = new ArrayList<>(TokenPrograms.random(rnd, 10 + rnd.nextInt(40)));
            // A few CONFIGs so that mutations reach the register checks too.
            for (int k = rnd.nextInt(4); k > 0; k--) {
                valid.add(rnd.nextInt(valid.size()), Instruction.config(Register.OUT_ROWS.address() + rnd.nextInt(4), rnd.nextInt(8)));
            }
            if (rnd.nextInt(3) == 0) describeAndRun(rnd, valid);
            List<int[]> words;
            long count;
            for (int attempt = 0; ; attempt++) {
                words = mutate(rnd, valid);
                count = rnd.nextInt(8) == 0 ? rnd.nextInt(words.size() + 2) : words.size();
                if (new CoreRunBound(NetHarness.CONFIG).longestRun(flat(words), count) <= RUN_BUDGET) break;
                redrawn++;
                assertTrue(attempt < 1000, "no mutation of program " + n + " stays within the run budget");
            }
            try (NetHarness h = new NetHarness(model, rnd.nextLong())) {
                int faultEvery = rnd.nextInt(3) == 0 ? 5 : 0;
                h.load.behaviour = c -> new NetHarness.Behaviour(rnd.nextInt(10),
                        faultEvery > 0 && rnd.nextInt(faultEvery) == 0 ? Fault.REGION_BOUNDS.code() : 0);
                h.save.behaviour = c -> new NetHarness.Behaviour(rnd.nextInt(10), 0);
                h.start(NetHarness.bytes(words), 0x3000 + 32L * rnd.nextInt(64), count);
                try {
                    h.runUntilIrq(WATCHDOG);
                } catch (AssertionError e) {
                    throw new AssertionError("program " + n + " of seed " + seed + ": " + e.getMessage() + "; core busy "
                            + h.coreBusy() + ", core runs started " + h.coreStarts.size() + ", finished " + h.coreDones.size()
                            + ", LOAD engine busy " + h.load.busy() + ", SAVE engine busy " + h.save.busy(), e);
                }
                long status = h.read(ControlRegister.STATUS);
                assertEquals(0b010, status & 0b011, "program " + n + ": done, not busy");
                Fault f = Fault.NONE;
                if ((status & 0b100) != 0) {
                    faulted++;
                    f = Fault.ofCode(h.read(ControlRegister.FAULT) & 0xFF);
                    assertNotNull(f, "program " + n + ": fault code");
                }
                byFault.merge(f, 1, Integer::sum);
                if (!h.coreStarts.isEmpty()) withRuns++;
                assertEquals(h.coreStarts.size(), h.coreDones.size(), "program " + n + ": every run started finished");
                assertTrue(h.mem.violations.isEmpty(), h.mem.violations.toString());
            }
        }
        System.out.println("NetFuzzTest: " + PROGRAMS + " mutated programs finished, " + faulted + " with a fault, "
                + withRuns + " ran the core; " + redrawn + " mutations drawn again for a run over " + RUN_BUDGET
                + " cycles; outcomes " + byFault);
    }

    /** Sets every kernel size and loop count to small values and inserts one or two CONVs after it. */
    private static void describeAndRun(Random rnd, List<Instruction> p) {
        int at = rnd.nextInt(p.size());
        p.add(at, Instruction.config(Register.OUT_ROWS.address(), 1 + rnd.nextInt(3), 1 + rnd.nextInt(8),
                1 + rnd.nextInt(2), 1 + rnd.nextInt(2), 1 + rnd.nextInt(16), 1 + rnd.nextInt(16)));
        p.add(at + 1, Instruction.config(Register.IC_GROUPS.address(), 1 + rnd.nextInt(2), rnd.nextInt(4)));
        for (int k = 1 + rnd.nextInt(2); k > 0; k--) p.add(at + 2 + rnd.nextInt(p.size() - at - 2), Instruction.conv());
    }

    /** The words of {@code valid} with 1..4 random bit flips or word replacements. */
    private static List<int[]> mutate(Random rnd, List<Instruction> valid) {
        List<int[]> words = new ArrayList<>();
        for (Instruction x : valid) words.add(x.encode());
        for (int m = 1 + rnd.nextInt(4); m > 0; m--) {
            int[] w = words.get(rnd.nextInt(words.size()));
            int k = rnd.nextInt(Instruction.WORDS);
            if (rnd.nextInt(4) == 0) w[k] = rnd.nextInt();
            else w[k] ^= 1 << rnd.nextInt(32);
        }
        return words;
    }

    static int[] flat(List<int[]> words) {
        int[] all = new int[words.size() * Instruction.WORDS];
        for (int i = 0; i < words.size(); i++) System.arraycopy(words.get(i), 0, all, i * Instruction.WORDS, Instruction.WORDS);
        return all;
    }
}
