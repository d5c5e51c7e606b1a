package org.jdpu.iss;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Queue;
import org.jdpu.cases.LayerCase;
import org.jdpu.cases.RandomConvLayers;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.Program;
import org.jdpu.compiler.RunProgram;
import org.jdpu.golden.Golden;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole compiled layer as one instruction stream, run from its encoded words: every load word
 * a LOAD from region 0, the registers as CONFIGs, CONV, and one SAVE of the run's output words to
 * region 3, with tokens LOAD -> CONV -> SAVE -> LOAD (the next run's loads wait for the previous
 * run's SAVE). The output read from DDR must be the golden model's.
 */
class IssProgramTest {
    private static final int LAYERS = 12;

    @Test
    void compiledLayersRunAsInstructionStreams() {
        long seed = Long.getLong("jdpu.iss.seed", 20260301L) + 2000;
        System.out.println("IssProgramTest seeds " + seed + ".." + (seed + LAYERS - 1));
        for (DpuConfig c : new DpuConfig[] {IssConvTest.SMALL, IssConvTest.B512}) {
            int ran = 0;
            for (long s = seed; s < seed + LAYERS; s++) {
                LayerCase lc = RandomConvLayers.draw(s);
                Program p;
                try {
                    p = Compiler.compile(c, lc.spec(), lc.operands().input(), lc.operands().weights(), lc.operands().bias());
                } catch (UnsupportedByEngineException e) {
                    continue;
                }
                byte[] want = ((Int8Tensor) Golden.run(lc.spec(), lc.operands().input(), lc.operands().weights(),
                        lc.operands().bias())).data();
                assertArrayEquals(want, run(p), c.name() + " " + lc.name() + " " + lc.origin());
                ran++;
            }
            System.out.println(c.name() + ": " + ran + " layers as instruction streams match the golden model");
            assertTrue(ran >= LAYERS / 2, "too few layers fit " + c.name() + ": " + ran);
        }
    }

    private static byte[] run(Program p) {
        DpuConfig c = p.config();
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        List<Instruction> prog = new ArrayList<>();
        int[] saveOffset = new int[p.runs().size()];
        int outBytes = 0;
        for (int i = 0; i < p.runs().size(); i++) {
            RunProgram r = p.runs().get(i);
            List<Instruction> loads = new ArrayList<>();
            p.loads(i, (select, bank, address, limbs) -> {
                LoadTarget t = LoadTarget.values()[select];
                int bytes = t == LoadTarget.BIAS ? 4 : c.icp();
                long index = t == LoadTarget.ACTIVATIONS ? (long) address * c.actBanks() + bank : ((long) address << 6) | bank;
                loads.add(Instruction.load(t, 0, params.size(), index, 1, 1, 0, 0, 0, 0));
                for (int b = 0; b < bytes; b++) params.write((int) (limbs[b >>> 3] >>> ((b & 7) << 3)));
            });
            if (loads.isEmpty()) loads.add(Instruction.load(LoadTarget.ACTIVATIONS, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            if (i > 0) loads.set(0, loads.get(0).withTokens(EnumSet.of(Queue.SAVE), Set.of()));
            Instruction last = loads.getLast();
            loads.set(loads.size() - 1, last.withTokens(last.waitOn(), EnumSet.of(Queue.CONV)));
            prog.addAll(loads);
            List<Instruction> configs = ConfigWrites.of(r.registers());
            prog.add(configs.getFirst().withTokens(EnumSet.of(Queue.LOAD), Set.of()));
            prog.addAll(configs.subList(1, configs.size()));
            prog.add(Instruction.conv().withTokens(Set.of(), EnumSet.of(Queue.SAVE)));
            saveOffset[i] = outBytes;
            Set<Queue> next = i + 1 < p.runs().size() ? EnumSet.of(Queue.LOAD) : Set.of();
            prog.add(Instruction.save(3, outBytes, 0, r.readWords(), 1, c.ocp(), 0, 1, 0)
                    .withTokens(EnumSet.of(Queue.CONV), next));
            outBytes += r.readWords() * c.ocp();
        }
        prog.add(Instruction.end());

        Ddr ddr = new Ddr();
        ddr.put(0, params.toByteArray());
        ddr.allocate(3, outBytes);
        int[] words = new int[prog.size() * Instruction.WORDS];
        for (int i = 0; i < prog.size(); i++) System.arraycopy(prog.get(i).encode(), 0, words, i * Instruction.WORDS, Instruction.WORDS);
        IssResult res = Iss.run(c, words, ddr);
        assertEquals(Fault.NONE, res.fault(), res.summary());
        assertEquals(p.runs().size(), res.runs());
        assertEquals(ddr.bound(0), res.ddrBytesRead());
        assertEquals(outBytes, res.ddrBytesWritten());
        for (Queue a : Queue.values()) {
            for (Queue b : Queue.values()) {
                if (a != b) assertEquals(0, res.tokens().get(a, b), a + " -> " + b + " tokens left over");
            }
        }
        byte[] out = new byte[p.outputBytes()];
        for (int i = 0; i < p.runs().size(); i++) {
            int n = p.runs().get(i).readWords() * c.ocp();
            p.scatter(i, Arrays.copyOfRange(ddr.region(3), saveOffset[i], saveOffset[i] + n), out);
        }
        return out;
    }
}
