package org.jdpu.rtl.hw;

import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.jdpu.hdl.Hdl.sint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WP486 packed multiplier, Verilated: every activation x every high weight, each against a set
 * of low weights (the extremes, zero, +-1 and random ones), so negative, zero and positive low and
 * high products, -128*-128 and -128*127 all occur. The same vectors run through the variant without
 * the P[17] correction, which must be wrong exactly where the low product is negative.
 */
class PackedMul2Test {

    /** Both variants side by side on the same operands, so one Verilated model checks both. */
    static final class Bench extends HwModule {
        Bench() {
            SInt a = input("a", sint(8)), wHigh = input("w_high", sint(8)), wLow = input("w_low", sint(8));
            SInt low = output("low", sint(16)), high = output("high", sint(16));
            SInt highUncorrected = output("high_uncorrected", sint(16));
            PackedMul2 good = instance("good", new PackedMul2());
            PackedMul2 bad = instance("bad", new PackedMul2(false));
            for (PackedMul2 m : List.of(good, bad)) {
                m.a.assign(a);
                m.wHigh.assign(wHigh);
                m.wLow.assign(wLow);
            }
            low.assign(good.low);
            high.assign(good.high);
            highUncorrected.assign(bad.high);
        }

        @Override
        protected String moduleName() {
            return "packed_mul2_bench";
        }
    }

    @Test
    void exactOverEveryActivationAndHighWeight() {
        long seed = 486L;
        System.out.println("PackedMul2Test seed " + seed);
        RandomDataGenerator rnd = new RandomDataGenerator(new Well19937c(seed));
        Set<Integer> lows = new LinkedHashSet<>(List.of(-128, -127, -64, -1, 0, 1, 2, 63, 127));
        while (lows.size() < 16) lows.add(rnd.nextInt(-128, 127));

        String top = "packed_mul2_bench";
        Path dir = Path.of("target", "hw-tests", top);
        VerilogOutput out = Design.elaborate(Bench::new).write(dir, top);
        List<Path> files = out.files().stream().map(f -> dir.resolve(f.name())).toList();
        CompiledModel model = Verilator.build(ModelSpec.of(top, files).withOptLevel(0));

        int n = 256 * 256;
        long checked = 0, negativeLows = 0, uncorrectedWrong = 0;
        List<String> failures = new ArrayList<>();
        try (Simulator sim = model.open()) {
            Port a = sim.port("a"), wh = sim.port("w_high"), wl = sim.port("w_low");
            Port low = sim.port("low"), high = sim.port("high"), highBad = sim.port("high_uncorrected");
            try (Batch b = sim.batch(n, List.of(a, wh, wl), List.of(low, high, highBad))) {
                for (int w2 : lows) {
                    for (int i = 0; i < n; i++) {
                        b.set(i, a, (i >> 8) - 128);
                        b.set(i, wh, (i & 255) - 128);
                        b.set(i, wl, w2);
                    }
                    b.run(n);
                    for (int i = 0; i < n; i++) {
                        int av = (i >> 8) - 128, w1 = (i & 255) - 128;
                        int gotLow = (short) b.get(i, low), gotHigh = (short) b.get(i, high);
                        int gotBad = (short) b.get(i, highBad);
                        if ((gotLow != av * w2 || gotHigh != av * w1) && failures.size() < 10) {
                            failures.add("a=" + av + " w_high=" + w1 + " w_low=" + w2 + ": low " + gotLow
                                    + " high " + gotHigh + ", want " + av * w2 + " and " + av * w1);
                        }
                        boolean negativeLow = av * w2 < 0;
                        if (negativeLow) negativeLows++;
                        if (gotBad != av * w1) uncorrectedWrong++;
                        assertEquals(av * w1 - (negativeLow ? 1 : 0), gotBad,
                                "the uncorrected variant is off by exactly the borrow of a negative low product");
                        checked++;
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), "packed products wrong:\n" + String.join("\n", failures));
        assertEquals(16L * n, checked);
        assertTrue(negativeLows > 0);
        assertEquals(negativeLows, uncorrectedWrong,
                "without P[17] every vector with a negative low product must fail, and no other");
        System.out.println("PackedMul2Test: " + checked + " vectors exact; the uncorrected variant fails "
                + uncorrectedWrong + " of them");
    }
}
