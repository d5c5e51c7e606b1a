package org.jdpu.rtl.net;

import org.jdpu.arch.Register;
import org.jdpu.arch.isa.ControlRegister;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Field;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.sim.CompiledModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random mutations of valid programs (bit flips, random words, a random INSTR_COUNT, DMA faults now
 * and then; never a CONV, see below): whatever the words, every program must end with done, with or without a fault, within
 * a cycle watchdog, and a fault code must be one of the table. Prints its seed
 * ({@code -Djdpu.seed=N} replays).
 */
class NetFuzzTest {
    static final int PROGRAMS = 300;
    static final long WATCHDOG = 100_000;

    @Test
    void mutatedProgramsAlwaysFinish() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime());
        System.out.println("NetFuzzTest seed " + seed);
        Random rnd = new Random(seed);
        CompiledModel model = NetHarness.model();
        int faulted = 0;
        for (int n = 0; n < PROGRAMS; n++) {
            List<Instruction> valid = new ArrayList<>(TokenPrograms.random(rnd, 10 + rnd.nextInt(40)));
            // A few CONFIGs so that mutations reach the register checks too.
            for (int k = rnd.nextInt(4); k > 0; k--) {
                valid.add(rnd.nextInt(valid.size()), Instruction.config(Register.OUT_ROWS.address() + rnd.nextInt(4), rnd.nextInt(8)));
            }
            List<int[]> words = new ArrayList<>();
            for (Instruction x : valid) words.add(x.encode());
            for (int m = 1 + rnd.nextInt(4); m > 0; m--) {
                int[] w = words.get(rnd.nextInt(words.size()));
                int k = rnd.nextInt(Instruction.WORDS);
                if (rnd.nextInt(4) == 0) w[k] = rnd.nextInt();
                else w[k] ^= 1 << rnd.nextInt(32);
                // No mutation makes a CONV: a core run on a random descriptor may take as long as the
                // core's counters allow, which no watchdog can tell from a hang (NetFaultTest covers a
                // fault during a run).
                if ((w[Field.OPCODE.word()] >>> Field.OPCODE.lsb() & Field.OPCODE.mask()) == Opcode.CONV.code()) w[Field.OPCODE.word()] ^= 1 << Field.OPCODE.lsb();
            }
            long count = rnd.nextInt(8) == 0 ? rnd.nextInt(words.size() + 2) : words.size();
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
                if ((status & 0b100) != 0) {
                    faulted++;
                    assertNotNull(Fault.ofCode(h.read(ControlRegister.FAULT) & 0xFF), "program " + n + ": fault code");
                }
                assertTrue(h.mem.violations.isEmpty(), h.mem.violations.toString());
            }
        }
        System.out.println("NetFuzzTest: " + PROGRAMS + " mutated programs finished, " + faulted + " with a fault");
    }
}
