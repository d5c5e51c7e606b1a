package org.jdpu.cosim.net;

import org.jdpu.arch.DpuConfig;
import org.jdpu.arch.PoolDivisor;
import org.jdpu.arch.Register;
import org.jdpu.arch.isa.AxiConfig;
import org.jdpu.arch.isa.Fault;
import org.jdpu.arch.isa.Instruction;
import org.jdpu.arch.isa.Opcode;
import org.jdpu.compiler.net.NetProgram;
import org.jdpu.compiler.net.NetworkCompiler;
import org.jdpu.tensor.Int8Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pool unit against the instruction-set simulator's {@code PoolCore} on descriptors the
 * compiler never writes: before every pool start of a compiled network, a CONFIG sets random
 * AVG_ADD and AVG_MUL (any bits, not a divisor's), a random PAD_VALUE, OUT_MIN and
 * OUT_MAX (min above max too), the pool kind, and two input-channel groups now and then (the
 * reducer then runs across both). The RTL's output buffer, saved to DDR, must equal the simulator's
 * at every layer, and the cycles the model's. Prints its seed.
 */
class PoolDescriptorCosimTest {
    @Test
    void randomPoolDescriptorsMatchTheSimulator() {
        long seed = Long.getLong("jdpu.seed", System.nanoTime() % 100_000);
        System.out.println("PoolDescriptorCosimTest seed " + seed);
        Random rnd = new Random(seed);
        for (DpuConfig c : List.of(DpuConfig.parse("B512"), DpuConfig.parse("3x5x7:act=64,wgt=64,out=64,bias=32"))) {
            NetCosimTest.Net net = OperatorCosimTest.net(seed, 10, 12, 7);
            NetProgram p = NetworkCompiler.compile(c, net.spec(), net.input(), net.tensors(), NetworkCompiler.Workspace.KEEP_ALL);
            NetProgram mutated = mutate(p, rnd);
            NetCosimResult r = NetCosim.run(mutated, goldenStandIn(mutated), AxiConfig.DEFAULT, NetCosim.Options.defaults(), null);
            System.out.println(r.resultLine());
            assertEquals(Fault.NONE, r.run().fault(), r.resultLine());
            for (NetLayerResult l : r.layers()) {
                assertEquals(0, l.issMismatches(), "seed " + seed + " on " + c.name() + ": layer " + l.name()
                        + " differs from the simulator");
            }
            assertEquals(r.predictedCycles(), r.run().cycles(), "the cycle model");
            // The descriptors did change what the pools compute.
            List<Int8Tensor> compiled = org.jdpu.iss.NetIss.run(p).layerOutputs();
            boolean changed = false;
            for (int i = 0; i < compiled.size(); i++) {
                changed |= !java.util.Arrays.equals(compiled.get(i).data(), r.rtlOutputs().get(i).data());
            }
            org.junit.jupiter.api.Assertions.assertTrue(changed, "the mutations changed no output");
        }
    }

    /** The simulator's own outputs stand in for the golden model (the mutated layers have no golden reference). */
    private static List<Int8Tensor> goldenStandIn(NetProgram p) {
        return org.jdpu.iss.NetIss.run(p).layerOutputs();
    }

    /** Inserts a CONFIG of random pool registers before every pool start (a CONV after POOL_MODE 1 or 3). */
    private static NetProgram mutate(NetProgram p, Random rnd) {
        List<Instruction> out = new ArrayList<>();
        List<Integer> layerOf = new ArrayList<>();
        boolean pooling = false;
        for (int i = 0; i < p.instructions().size(); i++) {
            Instruction in = p.instructions().get(i);
            if (in.opcode() == Opcode.CONFIG) {
                for (int k = 0; k < in.get(org.jdpu.arch.isa.Field.COUNT); k++) {
                    if (in.get(org.jdpu.arch.isa.Field.REG) + k == Register.POOL_MODE.address()) {
                        pooling = (in.get(org.jdpu.arch.isa.Field.VALUES[k]) & 1) != 0;
                    }
                }
            }
            if (in.opcode() == Opcode.CONV && pooling) {
                int lo = rnd.nextInt(256) - 128, hi = rnd.nextInt(256) - 128;
                add(out, layerOf, p.layerOf()[i], Instruction.config(Register.AVG_ADD.address(),
                        rnd.nextInt(1 << PoolDivisor.ADD_BITS), rnd.nextInt(1 << PoolDivisor.MUL_BITS)));
                add(out, layerOf, p.layerOf()[i], Instruction.config(Register.PAD_VALUE.address(), rnd.nextInt(256)));
                add(out, layerOf, p.layerOf()[i], Instruction.config(Register.OUT_MIN.address(), lo & 0xFF, hi & 0xFF));
                add(out, layerOf, p.layerOf()[i], Instruction.config(Register.POOL_MODE.address(), rnd.nextBoolean() ? 1 : 3));
                if (rnd.nextInt(4) == 0) add(out, layerOf, p.layerOf()[i], Instruction.config(Register.IC_GROUPS.address(), 2));
            }
            add(out, layerOf, p.layerOf()[i], in);
        }
        return new NetProgram(p.config(), out, layerOf.stream().mapToInt(Integer::intValue).toArray(), p.regions(), p.layers());
    }

    private static void add(List<Instruction> out, List<Integer> layerOf, int layer, Instruction in) {
        out.add(in);
        layerOf.add(layer);
    }
}
