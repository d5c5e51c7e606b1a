package org.jdpu.rtl.hw;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.jdpu.hdl.Bool;
import org.jdpu.hdl.Design;
import org.jdpu.hdl.HwModule;
import org.jdpu.hdl.SInt;
import org.jdpu.hdl.emit.VerilogOutput;
import org.jdpu.sim.Batch;
import org.jdpu.sim.CompiledModel;
import org.jdpu.sim.ModelSpec;
import org.jdpu.sim.Port;
import org.jdpu.sim.Simulator;
import org.jdpu.sim.Verilator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.jdpu.hdl.Hdl.sint;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The double-rate multipliers, Verilated with {@code clk2x} driven by the bridge: a plain and a
 * packed one side by side get new operands every engine cycle (extremes and random values, so
 * negative low products and -128 x -128 occur), and after two engine cycles both lanes' products
 * must be exact. New operands every cycle show that no product mixes the operands of neighbouring
 * cycles, which is what a half-cycle misalignment of the 2x pipeline would do.
 */
class DoubleRateMulTest {

    static final class Bench extends HwModule {
        Bench() {
            SInt a0 = input("a0", sint(8)), a1 = input("a1", sint(8));
            SInt w0 = input("w0", sint(8)), w1 = input("w1", sint(8));
            SInt h0 = input("h0", sint(8)), h1 = input("h1", sint(8));
            Bool second = DoubleRateMul.phase(reset());
            DoubleRateMul plain = instance("plain", new DoubleRateMul(false));
            DoubleRateMul packed = instance("packed_mul", new DoubleRateMul(true));
            for (DoubleRateMul m : List.of(plain, packed)) {
                m.second.assign(second);
                m.a0.assign(a0);
                m.a1.assign(a1);
                m.w0.assign(w0);
                m.w1.assign(w1);
            }
            packed.wHigh0.assign(h0);
            packed.wHigh1.assign(h1);
            output("p0", sint(16)).assign(plain.p0);
            output("p1", sint(16)).assign(plain.p1);
            output("low0", sint(16)).assign(PackedMul2.low(packed.p0));
            output("low1", sint(16)).assign(PackedMul2.low(packed.p1));
            output("high0", sint(16)).assign(PackedMul2.high(packed.p0, true));
            output("high1", sint(16)).assign(PackedMul2.high(packed.p1, true));
        }

        @Override
        protected String moduleName() {
            return "mul2x_bench";
        }
    }

    @Test
    void bothLanesExactEveryEngineCycle() {
        long seed = 2L * 486;
        System.out.println("DoubleRateMulTest seed " + seed);
        RandomDataGenerator rnd = new RandomDataGenerator(new Well19937c(seed));
        int[] extremes = {-128, -127, -1, 0, 1, 127};

        String top = "mul2x_bench";
        Path dir = Path.of("target", "hw-tests", top);
        VerilogOutput out = Design.elaborate(Bench::new).write(dir, top);
        List<Path> files = out.files().stream().map(f -> dir.resolve(f.name())).toList();
        CompiledModel model = Verilator.build(ModelSpec.of(top, files).withOptLevel(0));

        int n = 20000;
        String[] ins = {"a0", "a1", "w0", "w1", "h0", "h1"};
        String[] outs = {"p0", "p1", "low0", "low1", "high0", "high1"};
        int[][] v = new int[n][ins.length];
        for (int c = 0; c < n; c++) {
            for (int k = 0; k < ins.length; k++) {
                v[c][k] = c < 6 * 6 * 6 ? extremes[(c / pow6(k % 3)) % 6] : rnd.nextInt(-128, 127);
            }
        }
        try (Simulator sim = model.open()) {
            List<Port> inPorts = java.util.Arrays.stream(ins).map(sim::port).toList();
            List<Port> outPorts = java.util.Arrays.stream(outs).map(sim::port).toList();
            for (Port p : inPorts) p.set(0);
            sim.reset(2);
            try (Batch b = sim.batch(n, inPorts, outPorts)) {
                for (int c = 0; c < n; c++) {
                    for (int k = 0; k < ins.length; k++) b.set(c, inPorts.get(k), v[c][k]);
                }
                b.run(n);
                for (int c = 0; c + 2 < n; c++) {
                    int[] x = v[c];
                    int[] want = {x[0] * x[2], x[1] * x[3], x[0] * x[2], x[1] * x[3], x[0] * x[4], x[1] * x[5]};
                    for (int k = 0; k < outs.length; k++) {
                        int got = (short) b.get(c + 1, outPorts.get(k));
                        int cycle = c, kk = k;
                        assertEquals(want[k], got, () -> outs[kk] + " of the operands of cycle " + cycle + " "
                                + java.util.Arrays.toString(x) + " (seed " + seed + ")");
                    }
                }
            }
        }
        System.out.println("DoubleRateMulTest: " + (n - 2) + " engine cycles, 6 products each, exact");
    }

    private static int pow6(int k) {
        return k == 0 ? 1 : 6 * pow6(k - 1);
    }
}
