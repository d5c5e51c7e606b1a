package org.jdpu.iss;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.LoadTarget;
import org.jdpu.arch.UnsupportedByEngineException;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.plan.BufferBases;
import org.jdpu.arch.plan.ConvGeometry;
import org.jdpu.arch.plan.Run;
import org.jdpu.arch.plan.RunDescriptor;
import org.jdpu.cases.LayerCase;
import org.jdpu.cases.RandomConvLayers;
import org.jdpu.compiler.Compiler;
import org.jdpu.compiler.EngineLayer;
import org.jdpu.compiler.LoadSink;
import org.jdpu.compiler.Lowering;
import org.jdpu.compiler.Program;
import org.jdpu.compiler.RunLoads;
import org.jdpu.compiler.RunProgram;
import org.jdpu.golden.Golden;
import org.jdpu.spec.Activation;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.Padding;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CONV on the simulator against the golden model: each run of a compiled layer is loaded into the
 * buffers directly (the compiler's load words), configured with its register writes as CONFIG
 * instructions and executed as one CONV; the words read back, scattered, must be the golden output.
 */
class IssConvTest {
    static final DpuConfig B512 = DpuConfig.parse("B512");
    static final DpuConfig SMALL = DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=16");
    static final DpuConfig WIDE = DpuConfig.parse("4x8x8:act=128,wgt=256,out=256,bias=16");
    private static final int LAYERS = 40;

    @Test
    void randomLayersMatchTheGoldenModel() {
        long seed = Long.getLong("jdpu.iss.seed", 20260301L);
        System.out.println("IssConvTest random layers: seeds " + seed + ".." + (seed + LAYERS - 1));
        for (DpuConfig c : new DpuConfig[] {B512, SMALL, WIDE}) {
            int ran = 0, augmented = 0;
            for (long s = seed; s < seed + LAYERS; s++) {
                LayerCase lc = RandomConvLayers.draw(s);
                Program p;
                try {
                    p = compile(c, lc);
                } catch (UnsupportedByEngineException e) {
                    continue;
                }
                assertArrayEquals(golden(lc), runWithCompilerLoads(p), c.name() + " " + lc.name() + " " + lc.origin());
                ran++;
                if (p.lowering() == Lowering.AUGMENTED) augmented++;
            }
            System.out.println(c.name() + ": " + ran + " layers (" + augmented + " augmented) match the golden model");
            assertTrue(ran >= LAYERS / 2, "too few layers fit " + c.name() + ": " + ran);
        }
    }

    @Test
    void augmentedLayersMatchTheGoldenModel() {
        Conv2dSpec[] specs = {
                LayerCase.conv(14, 17, 3, 10, 5, 5, 1, 1, 1, 1, new Padding(2, 2, 2, 2),
                        LayerCase.realisticQuant(5, 5, 3), Activation.RELU),
                LayerCase.conv(11, 23, 1, 9, 3, 7, 2, 1, 1, 1, new Padding(1, 3, 0, 2),
                        LayerCase.realisticQuant(3, 7, 1), Activation.LEAKY_RELU),
                LayerCase.conv(9, 30, 2, 16, 3, 3, 1, 2, 1, 2, new Padding(1, 1, 1, 1),
                        LayerCase.realisticQuant(3, 3, 2), Activation.NONE)};
        for (DpuConfig c : new DpuConfig[] {B512, SMALL, WIDE}) {
            int augmented = 0;
            for (int i = 0; i < specs.length; i++) {
                LayerCase lc = LayerCase.draw("aug" + i, 7000 + i, specs[i], LayerCase.Weights.UNIFORM);
                Program p = compile(c, lc);
                if (p.lowering() == Lowering.AUGMENTED) augmented++;
                assertArrayEquals(golden(lc), runWithCompilerLoads(p), c.name() + " " + lc.name());
            }
            System.out.println(c.name() + ": " + augmented + " of " + specs.length + " directed few-channel layers augmented");
            assertTrue(augmented > 0, "no directed layer was augmented on " + c.name());
        }
    }

    @Test
    void runsAtNonzeroBufferBasesMatchTheGoldenModel() {
        long seed = Long.getLong("jdpu.iss.seed", 20260301L) + 1000;
        int layers = 16;
        System.out.println("IssConvTest buffer bases: seeds " + seed + ".." + (seed + layers - 1));
        for (DpuConfig c : new DpuConfig[] {SMALL, B512}) {
            int ran = 0;
            for (long s = seed; s < seed + layers; s++) {
                LayerCase lc = RandomConvLayers.draw(s);
                Program p;
                try {
                    p = compile(c, lc);
                } catch (UnsupportedByEngineException e) {
                    continue;
                }
                byte[] out;
                try {
                    out = runAtBases(p, EngineLayer.of(lc.spec()), new Random(s));
                } catch (UnsupportedByEngineException e) {
                    continue; // a base pushed a register past its width
                }
                assertArrayEquals(golden(lc), out, c.name() + " " + lc.name() + " " + lc.origin());
                ran++;
            }
            System.out.println(c.name() + ": " + ran + " layers at random buffer bases match the golden model");
            assertTrue(ran >= layers / 3, "too few layers ran at bases on " + c.name() + ": " + ran);
        }
    }

    private static Program compile(DpuConfig c, LayerCase lc) {
        return Compiler.compile(c, lc.spec(), lc.operands().input(), lc.operands().weights(), lc.operands().bias());
    }

    private static byte[] golden(LayerCase lc) {
        return ((Int8Tensor) Golden.run(lc.spec(), lc.operands().input(), lc.operands().weights(),
                lc.operands().bias())).data();
    }

    /** Every run as the compiled program has it: loads (reusing what the previous run left), registers, one CONV. */
    static byte[] runWithCompilerLoads(Program p) {
        OnChipBuffers b = new OnChipBuffers(p.config());
        byte[] out = new byte[p.outputBytes()];
        for (int i = 0; i < p.runs().size(); i++) {
            RunProgram r = p.runs().get(i);
            p.loads(i, b.loadSink());
            IssResult res = Iss.run(b, convProgram(r.registers()), new Ddr());
            assertEquals(org.jdpu.arch.isa.Fault.NONE, res.fault(), res.summary());
            assertEquals(1, res.runs());
            assertEquals(r.readWords(), res.outputWordsWritten(), "output words of run " + i);
            p.scatter(i, readBack(b, 0, r.readWords()), out);
        }
        return out;
    }

    /**
     * Every run at random buffer bases: the descriptor built for those bases, all its loads placed
     * there (activation slots, weight and bias addresses shifted, wrapping in the buffer), the output
     * read from OUT_BASE on.
     */
    private static byte[] runAtBases(Program p, EngineLayer layer, Random rnd) {
        DpuConfig c = p.config();
        ConvGeometry g = p.geometry();
        OnChipBuffers b = new OnChipBuffers(c);
        byte[] out = new byte[p.outputBytes()];
        for (int i = 0; i < p.runs().size(); i++) {
            Run run = p.runs().get(i).run();
            BufferBases bases = new BufferBases((long) c.actBanks() * rnd.nextInt(c.actBankDepth()),
                    rnd.nextInt(c.weightBankDepth()), rnd.nextInt(c.biasDepth()), rnd.nextInt(c.outputDepth()));
            RunDescriptor d = RunDescriptor.of(c, g, run, layer.post(), bases);
            LoadSink shifted = shifted(c, b.loadSink(), bases);
            RunLoads.activations(c, g, run, p.input().data(), shifted);
            RunLoads.weights(c, g, run, p.weights().data(), shifted);
            RunLoads.biases(c, run, g.outC(), p.bias().data(), null, shifted);
            IssResult res = Iss.run(b, convProgram(d.writes()), new Ddr());
            assertEquals(org.jdpu.arch.isa.Fault.NONE, res.fault(), res.summary());
            int words = p.runs().get(i).readWords();
            assertEquals(bases.output(), b.register(org.jdpu.arch.Register.OUT_BASE));
            p.scatter(i, readBack(b, bases.output(), words), out);
        }
        return out;
    }

    /** A load sink that moves each word by the bases, modulo the buffer (as the core's address arithmetic wraps). */
    private static LoadSink shifted(DpuConfig c, LoadSink sink, BufferBases bases) {
        return (select, bank, address, limbs) -> {
            if (select == LoadTarget.ACTIVATIONS.code()) {
                long slot = ((long) address * c.actBanks() + bank + bases.slot()) % c.actCapacityWords();
                sink.word(select, (int) (slot % c.actBanks()), (int) (slot / c.actBanks()), limbs);
            } else if (select == LoadTarget.WEIGHTS.code()) {
                sink.word(select, bank, (address + bases.weight()) % c.weightBankDepth(), limbs);
            } else {
                sink.word(select, bank, (address + bases.bias()) % c.biasDepth(), limbs);
            }
        };
    }

    private static List<Instruction> convProgram(List<org.jdpu.arch.plan.RegisterWrite> writes) {
        List<Instruction> prog = new ArrayList<>(ConfigWrites.of(writes));
        prog.add(Instruction.conv());
        prog.add(Instruction.end());
        return prog;
    }

    private static byte[] readBack(OnChipBuffers b, int base, int words) {
        DpuConfig c = b.config();
        byte[] w = new byte[words * c.ocp()];
        for (int k = 0; k < words; k++) {
            System.arraycopy(b.outputWord((base + k) % c.outputDepth()), 0, w, k * c.ocp(), c.ocp());
        }
        return w;
    }
}
